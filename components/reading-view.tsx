import type { ReactNode } from "react";
import { formatPostCount } from "@/lib/domain/discussion";
import { HEAT_LEVEL_NAMES, heatLevel } from "@/lib/domain/heat-scale";
import { describedById, type PaintedParagraph as Paint } from "@/lib/domain/paint-html";
import type { ReadingView as ReadingData } from "@/lib/server/readings/find-reading";
import { leavePaint } from "./paint-handoff";
import { PaintedParagraph } from "./painted-paragraph";
import { ParagraphActions } from "./paragraph-actions";
import { paragraphKindLabel, paragraphKindProps } from "./paragraph-kind";

type ReadingViewProps = {
  reading: ReadingData;
  /** Highlights painted on the server (lib/domain/paint-html.ts), per paragraph id (absent: plain text). */
  paints?: Record<string, Paint>;
  /** Posts per paragraph position, shown and announced beside each paragraph. */
  postCounts?: Record<number, number>;
  /** Post first: the paragraphs the reader opened; every other one is locked, with the posts waiting there (by paragraph id). */
  locks?: { unlockedParagraphIds: readonly string[]; lockedPostCounts: Record<string, number> } | null;
  /** Whether the reader can write (signed in): shows "Comment on paragraph". */
  canAnnotate?: boolean;
  contextNote?: ReactNode;
  /**
   * Set on a page load (a request for HTML): the paint goes into the HTML only, handed over under
   * ids starting with this (random per request). Unset (an RSC request: a refresh, a client
   * navigation): the payload carries the paint.
   */
  paintHandoffPrefix?: string;
};

/** The reading as printed: the line above the title, title, place and date, then numbered
 *  paragraphs, each addressable as #p-N. The source is credited once, in the header.
 *  Highlights are cut into <mark> segments here, on the server: no anchoring runs in the browser. */
export function ReadingView({
  reading,
  paints = {},
  postCounts = {},
  locks = null,
  canAnnotate = false,
  contextNote,
  paintHandoffPrefix,
}: ReadingViewProps) {
  const issuedOn = reading.issuedOn ? reading.issuedOn.toISOString().slice(0, 10) : null;
  return (
    <article className="reading" aria-labelledby="reading-title">
      <header className="reading-header">
        {reading.kicker ? <p className="reading-kicker">{reading.kicker}</p> : null}
        <h1 id="reading-title">{reading.title}</h1>
        {reading.placeAndDate ? (
          <p className="reading-dateline">{issuedOn ? <time dateTime={issuedOn}>{reading.placeAndDate}</time> : reading.placeAndDate}</p>
        ) : null}
        {reading.source ? <p className="reading-source">Source: {reading.source}</p> : null}
        {reading.originalFile ? (
          <p className="reading-original">
            Original file:{" "}
            <a href={`/api/readings/${reading.id}/original`} data-testid="original-file-link">
              {reading.originalFile.fileName}
            </a>{" "}
            ({(reading.originalFile.byteSize / 1_000_000).toFixed(1)} MB
            {reading.originalFile.mediaType === "application/pdf" ? (
              <>
                , <a href={`/api/readings/${reading.id}/original?download=1`}>download</a>
              </>
            ) : null}
            )
          </p>
        ) : null}
        {contextNote}
      </header>
      <DensityBar paragraphs={reading.paragraphs} postCounts={postCounts} />
      <h2 className="visually-hidden">Text, {reading.paragraphs.length} paragraphs</h2>
      <ol className="paragraphs" data-reading-text="">
        {reading.paragraphs.map((paragraph) => {
          const count = postCounts[paragraph.position] ?? 0;
          const lockedCount =
            locks && !locks.unlockedParagraphIds.includes(paragraph.id) ? (locks.lockedPostCounts[paragraph.id] ?? 0) : null;
          const paint = paints[paragraph.id];
          const kindLabel = paragraphKindLabel(paragraph.kind);
          return (
            <li key={paragraph.id} id={`p-${paragraph.position}`} className="paragraph" data-key={paragraph.key}>
              <a className="paragraph-number" href={`#p-${paragraph.position}`} aria-label={`Paragraph ${paragraph.position}`}>
                {paragraph.position}
              </a>
              <div className="paragraph-body">
                {kindLabel ? <span className="visually-hidden">{kindLabel}:</span> : null}
                {paint ? (
                  <PaintedParagraph
                    paintId={`${paintHandoffPrefix ?? "r"}-${paragraph.position}`}
                    html={
                      paintHandoffPrefix === undefined ? paint.html : handOver(`${paintHandoffPrefix}-${paragraph.position}`, paint.html)
                    }
                    text={paragraph.text}
                    data-offset={paragraph.startOffset}
                    data-paragraph={paragraph.position}
                    {...paragraphKindProps(paragraph.kind, paragraph.level)}
                  />
                ) : (
                  <p
                    data-offset={paragraph.startOffset}
                    data-paragraph={paragraph.position}
                    {...paragraphKindProps(paragraph.kind, paragraph.level)}
                  >
                    {paragraph.text}
                  </p>
                )}
                <div className="paragraph-tools">
                  {paragraph.page !== null && reading.originalFile?.mediaType === "application/pdf" ? (
                    <a
                      className="paragraph-page"
                      href={`/api/readings/${reading.id}/original#page=${paragraph.page}`}
                      aria-label={`Page ${paragraph.page} of the original PDF`}
                    >
                      p. {paragraph.page}
                    </a>
                  ) : paragraph.page !== null ? (
                    <span className="paragraph-page">p. {paragraph.page}</span>
                  ) : null}
                  {lockedCount !== null ? (
                    lockedCount > 0 ? (
                      <span className="post-count post-count-locked">{formatPostCount(lockedCount)}, locked</span>
                    ) : null
                  ) : count > 0 ? (
                    <span className="post-count">{formatPostCount(count)}</span>
                  ) : null}
                  <ParagraphActions position={paragraph.position} canAnnotate={canAnnotate} postCount={count} lockedCount={lockedCount} />
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      <HighlightDescriptions paints={paints} />
    </article>
  );
}

/** Leaves the paint for this request's HTML render; the payload then carries none. */
function handOver(paintId: string, html: string): undefined {
  leavePaint(paintId, html);
  return undefined;
}

/** One spoken description per overlap count on the page, outside the paragraphs so they never
 *  shift the text offsets that selections map to. */
function HighlightDescriptions({ paints }: { paints: Record<string, Paint> }) {
  const counts = new Set<number>();
  for (const paint of Object.values(paints)) for (const count of paint.overlapCounts) counts.add(count);
  if (counts.size === 0) return null;
  return (
    <div className="visually-hidden">
      {[...counts]
        .sort((a, b) => a - b)
        .map((count) => (
          <span key={count} id={describedById(count)}>
            {count === 1 ? "highlighted" : `${count} annotations overlap here`}
          </span>
        ))}
    </div>
  );
}

/**
 * Where the discussion is, beside the text (Hypothesis's bucket bar, for the whole page): one mark
 * per paragraph with posts, at its place along the text, wider and darker the busier it is; each
 * is a link to its paragraph, so it is reached by keyboard too. Shown on wide screens.
 */
function DensityBar({ paragraphs, postCounts }: { paragraphs: ReadingData["paragraphs"]; postCounts: Record<number, number> }) {
  const busy = paragraphs.filter((paragraph) => (postCounts[paragraph.position] ?? 0) > 0);
  const first = paragraphs[0];
  const last = paragraphs.at(-1);
  if (busy.length === 0 || !first || !last) return null;
  const from = first.startOffset;
  const length = Math.max(1, last.startOffset + last.text.length - from);
  const max = Math.max(...busy.map((paragraph) => postCounts[paragraph.position] ?? 0));
  return (
    <nav className="density-bar" aria-label="Where the posts are">
      <ol>
        {busy.map((paragraph) => {
          const count = postCounts[paragraph.position] ?? 0;
          const level = heatLevel(count, max);
          return (
            <li key={paragraph.id} style={{ top: `calc((100% - 1.5rem) * ${((paragraph.startOffset - from) / length).toFixed(4)})` }}>
              <a
                href={`#p-${paragraph.position}`}
                className={`density-mark density-${level}`}
                aria-label={`Paragraph ${paragraph.position}: ${formatPostCount(count)} (${HEAT_LEVEL_NAMES[level]})`}
                title={`Paragraph ${paragraph.position}: ${formatPostCount(count)}`}
              />
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
