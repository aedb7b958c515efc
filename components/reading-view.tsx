import { Fragment, type ReactNode } from "react";
import { rangePlace, type ParagraphRange } from "@/lib/domain/assigned-range";
import "./reading-view.css";
import "./highlights.css";
import "./assigned-range.css";
import { formatPostCount } from "@/lib/domain/discussion";
import { describeDensityMark } from "@/lib/domain/density-bar";
import { heatLevel } from "@/lib/domain/heat-scale";
import { describedById, type PaintedParagraph as Paint } from "@/lib/domain/paint-html";
import type { ReadingView as ReadingData } from "@/lib/server/readings/find-reading";
import { leavePaint } from "./paint-handoff";
import { DensityMarks } from "./density-marks";
import { LiveAnnouncer } from "./live-announcer";
import { PaintedParagraph } from "./painted-paragraph";
import { PARAGRAPH_KEYS_HINT, PARAGRAPH_KEYS_HINT_ID } from "./paragraph-navigation";
import { ParagraphActions } from "./paragraph-actions";
import { paragraphKindLabel, paragraphKindProps } from "./paragraph-kind";

/** Where "Skip to text" goes: the start of the paragraphs. */
export const READING_TEXT_ID = "reading-text";

/** Between two paragraphs' text, as in the reading's canonical text (whitespace: it collapses on screen). */
const PARAGRAPH_SEPARATOR = "\n\n";

type ReadingViewProps = {
  reading: ReadingData;
  /** Highlights painted on the server (lib/domain/paint-html.ts), per paragraph id (absent: plain text). */
  paints?: Record<string, Paint>;
  /** Posts per paragraph position, shown and announced beside each paragraph. */
  postCounts?: Record<number, number>;
  /** Open questions per paragraph position (lib/domain/reading-layers.ts), marked in the density bar. */
  openQuestions?: Record<number, number>;
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
  /** The part of the reading an assignment covers (#16.4): marked in the text; null or absent, the whole reading. */
  assignedRange?: (ParagraphRange & { label: string }) | null;
};

/** The reading as printed: the line above the title, title, place and date, then numbered
 *  paragraphs, each addressable as #p-N. The source is credited once, in the header.
 *  Highlights are cut into <mark> segments here, on the server: no anchoring runs in the browser. */
export function ReadingView({
  reading,
  paints = {},
  postCounts = {},
  openQuestions = {},
  locks = null,
  canAnnotate = false,
  contextNote,
  paintHandoffPrefix,
  assignedRange = null,
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
      <DensityBar paragraphs={reading.paragraphs} postCounts={postCounts} openQuestions={openQuestions} />
      {/* "Skip to text" lands here (READING_TEXT_ID), past the header's links and the density bar. */}
      <h2 id={READING_TEXT_ID} className="visually-hidden" tabIndex={-1}>
        Text, {reading.paragraphs.length} paragraphs
      </h2>
      {/* The text container: its text is exactly GET /api/readings/:id/text (paragraphs joined by a
          blank line), so a peer's selectors resolve against the page. Everything else in it is
          chrome (data-text-chrome) with no text nodes: labels come from data-label (CSS) or are
          the values of <input type="button">. */}
      <ol className="paragraphs" data-reading-text="">
        {reading.paragraphs.map((paragraph, index) => {
          const count = postCounts[paragraph.position] ?? 0;
          const lockedCount =
            locks && !locks.unlockedParagraphIds.includes(paragraph.id) ? (locks.lockedPostCounts[paragraph.id] ?? 0) : null;
          const paint = paints[paragraph.id];
          const kindLabel = paragraphKindLabel(paragraph.kind);
          const place = rangePlace(assignedRange, paragraph.position);
          return (
            <Fragment key={paragraph.id}>
              {index > 0 ? PARAGRAPH_SEPARATOR : null}
              <li
                id={`p-${paragraph.position}`}
                className={place === "in" ? "paragraph paragraph-assigned" : "paragraph"}
                data-key={paragraph.key}
                data-assigned={place ?? undefined}
              >
                <a
                  className="paragraph-number"
                  href={`#p-${paragraph.position}`}
                  aria-label={`Paragraph ${paragraph.position}`}
                  // Not a Tab stop: the paragraph's tools copy its link, and each stop here costs a key press per paragraph.
                  tabIndex={-1}
                  data-text-chrome=""
                  data-label={paragraph.position}
                />
                <div className="paragraph-body">
                  {assignedRange && paragraph.position === assignedRange.from ? (
                    <AssignedMarker edge="start" label={assignedRange.label} />
                  ) : null}
                  {kindLabel ? <span className="visually-hidden" data-text-chrome="" data-label={`${kindLabel}:`} /> : null}
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
                  <div className="paragraph-tools" data-text-chrome="">
                    {paragraph.page !== null && reading.originalFile?.mediaType === "application/pdf" ? (
                      <a
                        className="paragraph-page"
                        href={`/api/readings/${reading.id}/original#page=${paragraph.page}`}
                        aria-label={`Page ${paragraph.page} of the original PDF`}
                        data-label={`p. ${paragraph.page}`}
                      />
                    ) : paragraph.page !== null ? (
                      <span className="paragraph-page" data-label={`p. ${paragraph.page}`} />
                    ) : null}
                    {lockedCount !== null ? (
                      lockedCount > 0 ? (
                        <span className="post-count post-count-locked" data-label={`${formatPostCount(lockedCount)}, locked`} />
                      ) : null
                    ) : count > 0 ? (
                      <span className="post-count" data-label={formatPostCount(count)} />
                    ) : null}
                    {place === "before" || place === "after" ? (
                      <span className="paragraph-outside" data-label="Outside the assignment" />
                    ) : null}
                    <ParagraphActions position={paragraph.position} canAnnotate={canAnnotate} postCount={count} lockedCount={lockedCount} />
                  </div>
                  {assignedRange && paragraph.position === assignedRange.to ? (
                    <AssignedMarker edge="end" label={assignedRange.label} />
                  ) : null}
                </div>
              </li>
            </Fragment>
          );
        })}
      </ol>
      <HighlightDescriptions paints={paints} />
      <p id={PARAGRAPH_KEYS_HINT_ID} hidden>
        {PARAGRAPH_KEYS_HINT}
      </p>
      <LiveAnnouncer />
    </article>
  );
}

/** Leaves the paint for this request's HTML render; the payload then carries none. */
/** Where the assigned part begins or ends: chrome, its words drawn from data-label (reading-view.css). */
function AssignedMarker({ edge, label }: { edge: "start" | "end"; label: string }) {
  return (
    <p
      className="assigned-marker"
      data-testid={`assigned-${edge}`}
      data-text-chrome=""
      data-label={`Assigned part ${edge === "start" ? "begins" : "ends"} (${label})`}
    />
  );
}

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
function DensityBar({
  paragraphs,
  postCounts,
  openQuestions,
}: {
  paragraphs: ReadingData["paragraphs"];
  postCounts: Record<number, number>;
  openQuestions: Record<number, number>;
}) {
  const busy = paragraphs.filter((paragraph) => (postCounts[paragraph.position] ?? 0) > 0);
  const first = paragraphs[0];
  const last = paragraphs.at(-1);
  if (busy.length === 0 || !first || !last) return null;
  const from = first.startOffset;
  const length = Math.max(1, last.startOffset + last.text.length - from);
  const max = Math.max(...busy.map((paragraph) => postCounts[paragraph.position] ?? 0));
  return (
    <nav className="density-bar" aria-label="Where the posts are">
      <DensityMarks>
        {busy.map((paragraph) => {
          const count = postCounts[paragraph.position] ?? 0;
          const level = heatLevel(count, max);
          const questions = openQuestions[paragraph.position] ?? 0;
          const name = describeDensityMark({ position: paragraph.position, posts: count, openQuestions: questions, level });
          return (
            <li key={paragraph.id} style={{ top: `calc((100% - 1.5rem) * ${((paragraph.startOffset - from) / length).toFixed(4)})` }}>
              <a
                href={`#p-${paragraph.position}`}
                className={`density-mark density-${level}${questions > 0 ? " has-open-question" : ""}`}
                aria-label={name}
                title={name}
              />
            </li>
          );
        })}
      </DensityMarks>
    </nav>
  );
}

/**
 * The reading page's skip links, first in its main content: to the text (past the header's
 * context and export links) and, where there is a margin, to the annotations, which follow the
 * whole text in the page's order.
 */
export function ReadingSkipLinks({ hasAnnotations }: { hasAnnotations: boolean }) {
  return (
    <>
      <a className="skip-link" href={`#${READING_TEXT_ID}`}>
        Skip to text
      </a>
      {hasAnnotations ? (
        <a className="skip-link" href="#annotations">
          Skip to annotations
        </a>
      ) : null}
    </>
  );
}
