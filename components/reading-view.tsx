import type { ReactNode } from "react";
import type { TextSegment } from "@/lib/domain/highlight-segments";
import type { ReadingView as ReadingData } from "@/lib/server/readings/find-reading";
import { ParagraphActions } from "./paragraph-actions";

export type ParagraphPaint = {
  segments: TextSegment[];
  colorById: Record<string, string | null>;
  /** Spoken description per annotation ("Comment by Ana"), rendered beside the text. */
  labels: { id: string; label: string }[];
};

type ReadingViewProps = {
  reading: ReadingData;
  /** Highlights painted on the server, per paragraph id (absent: plain text). */
  paints?: Record<string, ParagraphPaint>;
  /** Posts per paragraph position, shown and announced beside each paragraph. */
  postCounts?: Record<number, number>;
  /** Whether the reader can write (signed in): shows "Comment on paragraph". */
  canAnnotate?: boolean;
  contextNote?: ReactNode;
};

/** The reading as printed: the line above the title, title, place and date, then numbered
 *  paragraphs, each addressable as #p-N. The source is credited once, in the header.
 *  Highlights are cut into <mark> segments here, on the server: no anchoring runs in the browser. */
export function ReadingView({ reading, paints = {}, postCounts = {}, canAnnotate = false, contextNote }: ReadingViewProps) {
  const issuedOn = reading.issuedOn ? reading.issuedOn.toISOString().slice(0, 10) : null;
  return (
    <article className="reading" aria-labelledby="reading-title">
      <header className="reading-header">
        {reading.kicker ? <p className="reading-kicker">{reading.kicker}</p> : null}
        <h1 id="reading-title">{reading.title}</h1>
        {reading.placeAndDate ? (
          <p className="reading-dateline">
            {issuedOn ? <time dateTime={issuedOn}>{reading.placeAndDate}</time> : reading.placeAndDate}
          </p>
        ) : null}
        {reading.source ? <p className="reading-source">Source: {reading.source}</p> : null}
        {contextNote}
      </header>
      <h2 className="visually-hidden">Text, {reading.paragraphs.length} paragraphs</h2>
      <ol className="paragraphs" data-reading-text="">
        {reading.paragraphs.map((paragraph) => {
          const count = postCounts[paragraph.position] ?? 0;
          const paint = paints[paragraph.id];
          return (
            <li key={paragraph.id} id={`p-${paragraph.position}`} className="paragraph" data-key={paragraph.key}>
              <a className="paragraph-number" href={`#p-${paragraph.position}`} aria-label={`Paragraph ${paragraph.position}`}>
                {paragraph.position}
              </a>
              <div className="paragraph-body">
                <p data-offset={paragraph.startOffset} data-paragraph={paragraph.position}>
                  {paint ? <PaintedText paint={paint} /> : paragraph.text}
                </p>
                {paint ? (
                  // Outside the <p>: descriptions must not shift the text offsets selections map to.
                  <span className="visually-hidden">
                    {paint.labels.map((item) => (
                      <span key={item.id} id={`hl-${item.id}`}>
                        {item.label}.{" "}
                      </span>
                    ))}
                  </span>
                ) : null}
                <div className="paragraph-tools">
                  {count > 0 ? (
                    <span className="post-count">
                      {count} {count === 1 ? "post" : "posts"}
                    </span>
                  ) : null}
                  <ParagraphActions position={paragraph.position} canAnnotate={canAnnotate} postCount={count} />
                </div>
              </div>
            </li>
          );
        })}
      </ol>
    </article>
  );
}

function PaintedText({ paint }: { paint: ParagraphPaint }) {
  return (
    <>
      {paint.segments.map((segment) => {
        if (segment.annotationIds.length === 0) return segment.text;
        const topId = segment.annotationIds[segment.annotationIds.length - 1]!;
        const color = paint.colorById[topId] ?? "yellow";
        return (
          <mark
            key={segment.start}
            className={`hl hl-${color}${segment.annotationIds.length > 1 ? " hl-overlap" : ""}`}
            data-annotation-ids={segment.annotationIds.join(" ")}
            aria-describedby={segment.annotationIds.map((id) => `hl-${id}`).join(" ")}
          >
            {segment.text}
          </mark>
        );
      })}
    </>
  );
}
