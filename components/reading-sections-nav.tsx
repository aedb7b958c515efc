import "./reading-sections-nav.css";
import Link from "next/link";
import type { ContentsEntry, ReadingSection } from "@/lib/domain/reading-sections";

/** Where a paragraph of a long reading is read: its section's page, scrolled to it. */
export function sectionHref({ readingId, courseId, position }: { readingId: string; courseId: string | null; position: number }): string {
  const query = new URLSearchParams();
  if (courseId) query.set("course", courseId);
  query.set("at", String(position));
  return `/readings/${readingId}?${query.toString()}#p-${position}`;
}

function pagesOf(section: ReadingSection): string | null {
  if (section.firstPage === null || section.lastPage === null) return null;
  return section.firstPage === section.lastPage ? `p. ${section.firstPage}` : `pp. ${section.firstPage}–${section.lastPage}`;
}

/** Headings deeper than this stay out of the table of contents (a book's sub-subsections). */
const CONTENTS_MAX_LEVEL = 2;

/**
 * The table of contents of a long reading (its headings, each a link to its section) and where
 * the page is in it: "Section 5 of 43", with the sections before and after.
 */
export function ReadingSectionsNav({
  readingId,
  courseId,
  sections,
  contents,
  current,
}: {
  readingId: string;
  courseId: string | null;
  sections: ReadingSection[];
  contents: ContentsEntry[];
  current: ReadingSection;
}) {
  const previous = sections[current.number - 2];
  const next = sections[current.number];
  const shown = contents.filter((entry) => entry.level <= CONTENTS_MAX_LEVEL);
  const pages = pagesOf(current);
  return (
    <nav className="reading-sections" aria-label="Sections of this reading" data-testid="reading-sections">
      <p className="reading-section-status">
        <strong>
          Section {current.number} of {sections.length}:
        </strong>{" "}
        <span data-testid="current-section">{current.title}</span>
        {pages ? ` (${pages})` : null}
      </p>
      <details className="reading-contents">
        <summary>Contents</summary>
        <ol>
          {shown.map((entry) => (
            <li key={entry.position} className={`contents-level-${entry.level}`}>
              <Link
                href={sectionHref({ readingId, courseId, position: entry.position })}
                aria-current={entry.section === current.number && entry.position === current.from ? "location" : undefined}
              >
                {entry.title}
              </Link>
              {entry.page !== null ? <span className="contents-page"> p. {entry.page}</span> : null}
            </li>
          ))}
        </ol>
      </details>
      <ul className="reading-section-steps">
        {previous ? (
          <li>
            <Link href={sectionHref({ readingId, courseId, position: previous.from })} rel="prev">
              ← Previous: {previous.title}
            </Link>
          </li>
        ) : null}
        {next ? (
          <li>
            <Link href={sectionHref({ readingId, courseId, position: next.from })} rel="next">
              Next: {next.title} →
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
