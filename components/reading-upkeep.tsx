import "./annotation-card.css";
import "./reading-upkeep.css";
import Link from "next/link";
import { KIND_LABEL } from "@/lib/domain/annotation-labels";
import type { ReadingUpkeep as ReadingUpkeepData } from "@/lib/server/readings/load-reading-upkeep";

/**
 * Below a reading: for its creator, the version, "Edit the text" and where to assign it; for
 * everyone entitled, the annotations an edit left without a place (orphans), with the words they
 * were attached to and what they said. Bodies are HTML the server generated from validated tiptap.
 */
export function ReadingUpkeep({ readingId, upkeep }: { readingId: string; upkeep: ReadingUpkeepData }) {
  const { orphans } = upkeep;
  if (!upkeep.canEdit && orphans.total === 0) return null;
  return (
    <div className="reading-upkeep">
      {upkeep.canEdit ? (
        <section className="panel" aria-labelledby="your-reading-heading">
          <h2 id="your-reading-heading">Your reading</h2>
          <p className="meta">Version {upkeep.version}. Only you and the courses it is assigned in can see it.</p>
          <p>
            <Link href={`/readings/${readingId}/edit`}>Edit the text</Link>
          </p>
          {upkeep.assignIn.length > 0 ? (
            <>
              <h3 className="upkeep-subheading">Assign it</h3>
              <ul className="upkeep-list">
                {upkeep.assignIn.map((course) => (
                  <li key={course.courseId}>
                    <Link href={`/courses/${course.courseId}/assignments/new?reading=${readingId}`}>Assign in {course.title}</Link>
                    {course.isAssigned ? <span className="meta"> (already assigned there)</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="meta">
              Create a course on <Link href="/courses">My courses</Link> to assign it.
            </p>
          )}
        </section>
      ) : null}
      {orphans.total > 0 ? (
        <section className="panel orphans" aria-labelledby="orphans-heading">
          <h2 id="orphans-heading">Annotations that lost their place</h2>
          <p className="meta">
            The text of this reading was edited and the words these were attached to are gone. They are kept here, for their authors and the
            course&apos;s instructors.
          </p>
          <ul className="upkeep-list">
            {orphans.items.map((orphan) => (
              <li key={orphan.id}>
                <article className="orphan" aria-labelledby={`orphan-${orphan.id}-label`}>
                  <p id={`orphan-${orphan.id}-label`}>
                    <strong>{KIND_LABEL[orphan.kind]}</strong> by {orphan.isMine ? "you" : orphan.authorName} · {orphan.contextLabel} ·{" "}
                    <time dateTime={orphan.createdAt}>{orphan.createdAt.slice(0, 10)}</time>
                  </p>
                  {orphan.quote !== null ? (
                    <blockquote className="annotation-quote">
                      <span className="visually-hidden">Was attached to: </span>
                      {orphan.quote}
                    </blockquote>
                  ) : null}
                  {orphan.formerParagraph ? (
                    <p className="meta">
                      On former paragraph {orphan.formerParagraph.position}: “{truncate(orphan.formerParagraph.text, 160)}”
                    </p>
                  ) : null}
                  {orphan.isHidden ? <p className="meta">Hidden by an instructor.</p> : null}
                  {orphan.bodyHtml ? <div className="annotation-body" dangerouslySetInnerHTML={{ __html: orphan.bodyHtml }} /> : null}
                </article>
              </li>
            ))}
          </ul>
          {orphans.total > orphans.items.length ? (
            <p className="meta">
              Showing the first {orphans.items.length} of {orphans.total}.
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
