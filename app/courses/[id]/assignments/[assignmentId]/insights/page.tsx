import "../fit-table.css";
import type { Metadata } from "next";
import Link from "next/link";
import { AssignmentStaffHeader } from "@/components/assignment-staff-nav";
import styles from "@/components/teaching.module.css";
import { describePostCount, postProgress } from "@/lib/domain/assignment-progress";
import { HEAT_LEVEL_NAMES, heatLevel } from "@/lib/domain/heat-scale";
import {
  ACTIVITY_STATUS_LABEL,
  activityStatus,
  parseActivitySort,
  sortStudentActivity,
  type ActivitySort,
  type ActivitySortKey,
  type StudentActivity,
} from "@/lib/domain/student-activity";
import { getActor, requireActor } from "@/lib/server/auth/get-actor";
import { isAppError } from "@/lib/server/app-error";
import { loadAssignmentForStaff } from "@/lib/server/assignments/load-assignment-for-staff";
import { EXCERPT_LENGTH, type ParagraphActivity } from "@/lib/server/insights/aggregate-paragraph-activity";
import { UNANSWERED_PAGE_SIZE } from "@/lib/server/insights/list-unanswered-questions";
import { loadAssignmentInsights, type AssignmentInsights } from "@/lib/server/insights/load-assignment-insights";
import { orNotFound } from "@/lib/server/pages";
import { postPath } from "@/lib/domain/post-links";
import { assignmentParamsSchema, parseAssignmentParams, postInContextHref, type AssignmentRouteParams } from "../assignment-route";
import { TimeDisplay } from "@/components/time-display";

/** A student (or anyone not staff) gets the 404 page: its title must say so too, not "insights". */
export async function generateMetadata({ params }: { params: Promise<AssignmentRouteParams> }): Promise<Metadata> {
  const parsed = assignmentParamsSchema.safeParse(await params);
  const actor = await getActor();
  if (!parsed.success || !actor) return { title: parsed.success ? "Assignment insights" : "Page not found" };
  try {
    const assignment = await loadAssignmentForStaff({
      actorId: actor.id,
      courseId: parsed.data.id,
      assignmentId: parsed.data.assignmentId,
    });
    return { title: `Insights: ${assignment.title}` };
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return { title: "Page not found" };
    throw error;
  }
}

type InsightsPageProps = {
  params: Promise<AssignmentRouteParams>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The columns that count a student's activity: each is a number in the row under the same key. */
const COUNT_COLUMNS = [
  { key: "posts", label: "Posts" },
  { key: "replies", label: "Replies" },
  { key: "highlights", label: "Highlights" },
  { key: "questions", label: "Questions" },
  { key: "words", label: "Words" },
] as const satisfies readonly { key: ActivitySortKey; label: string }[];

const COLUMNS: { key: ActivitySortKey; label: string; isNumeric?: boolean }[] = [
  { key: "name", label: "Student" },
  { key: "group", label: "Group" },
  ...COUNT_COLUMNS.map((column) => ({ ...column, isNumeric: true })),
  { key: "first", label: "First activity" },
  { key: "last", label: "Last activity" },
  { key: "status", label: "On time?" },
];

export default async function InsightsPage({ params, searchParams }: InsightsPageProps) {
  const [routeParams, query] = await Promise.all([params, searchParams]);
  const { courseId, assignmentId } = parseAssignmentParams(routeParams);
  const actor = await requireActor(`/courses/${courseId}/assignments/${assignmentId}/insights`);
  const sort = parseActivitySort(query);
  const questionsPage = Math.max(
    1,
    Math.min(10_000, Number.parseInt(typeof query.questions === "string" ? query.questions : "1", 10) || 1),
  );
  const insights = await orNotFound(loadAssignmentInsights({ actorId: actor.id, courseId, assignmentId, questionsPage }));
  const { assignment } = insights;
  const hasPosts = insights.students.some((row) => row.posts + row.replies + row.highlights > 0);

  return (
    <>
      <AssignmentStaffHeader
        courseId={courseId}
        assignmentId={assignmentId}
        current="insights"
        assignment={assignment}
        extra={assignment.groups.length === 0 ? "whole class" : `for ${assignment.groups.map((group) => group.name).join(", ")}`}
      />

      <section className="panel" aria-labelledby="students-heading">
        <h2 id="students-heading">Students ({insights.students.length})</h2>
        {insights.students.length === 0 ? (
          <p className="empty-state">
            No students are assigned this reading yet. Students appear here once they join the course
            {assignment.groups.length > 0 ? " and are placed in one of its groups" : ""}.
          </p>
        ) : (
          <>
            {hasPosts ? null : <p className="empty-state">No student has posted on this assignment yet.</p>}
            <StudentTable insights={insights} sort={sort} />
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="heat-heading">
        <h2 id="heat-heading">Where the class is engaged</h2>
        <HeatMap insights={insights} />
      </section>

      <section className="panel" aria-labelledby="questions-heading">
        <h2 id="questions-heading">Unanswered questions ({insights.unansweredQuestions.total})</h2>
        <UnansweredQuestions insights={insights} />
      </section>
    </>
  );
}

function sortHref(sort: ActivitySort, key: ActivitySortKey): string {
  const direction = sort.key === key ? (sort.direction === "asc" ? "desc" : "asc") : key === "name" || key === "group" ? "asc" : "desc";
  return `?sort=${key}&dir=${direction}`;
}

function StudentTable({ insights, sort }: { insights: AssignmentInsights; sort: ActivitySort }) {
  const { assignment } = insights;
  const rows = sortStudentActivity(insights.students, sort);
  const sortedBy = COLUMNS.find((column) => column.key === sort.key)!.label;
  return (
    <div className="fit-table-wrap">
      <table className="table fit-table" data-testid="student-insights">
        <caption className="visually-hidden">
          Activity per student, sorted by {sortedBy.toLowerCase()}, {sort.direction === "asc" ? "ascending" : "descending"}. Choose a column
          heading to sort by it.
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const isSorted = column.key === sort.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  className={column.isNumeric ? styles.numeric : undefined}
                  aria-sort={isSorted ? (sort.direction === "asc" ? "ascending" : "descending") : undefined}
                >
                  <Link className={styles.sortLink} href={sortHref(sort, column.key)} scroll={false}>
                    {column.label}
                    {isSorted ? <span aria-hidden="true">{sort.direction === "asc" ? " ▲" : " ▼"}</span> : null}
                  </Link>
                </th>
              );
            })}
            <th scope="col">Posts in context</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <StudentRow
              key={row.studentId}
              row={row}
              readingId={assignment.readingId}
              courseId={assignment.courseId}
              minPosts={assignment.minPosts}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StudentRow({
  row,
  readingId,
  courseId,
  minPosts,
}: {
  row: StudentActivity;
  readingId: string;
  courseId: string;
  minPosts: number;
}) {
  const status = activityStatus(row);
  return (
    <tr data-student={row.email}>
      <th scope="row">
        {row.paragraphs.length > 0 ? (
          <Link href={postInContextHref({ readingId, courseId, paragraph: row.paragraphs[0]! })}>{row.name}</Link>
        ) : (
          row.name
        )}
      </th>
      <td data-label="Group">{row.groupName ?? <span className="meta">—</span>}</td>
      {COUNT_COLUMNS.map(({ key, label }) => (
        <td key={key} className={styles.numeric} data-column={key} data-label={label}>
          {row[key]}
        </td>
      ))}
      <td data-label="First activity">
        {row.firstActivityAt ? <TimeDisplay iso={row.firstActivityAt} /> : <span className="meta">—</span>}
      </td>
      <td data-label="Last activity">{row.lastActivityAt ? <TimeDisplay iso={row.lastActivityAt} /> : <span className="meta">—</span>}</td>
      <td data-column="status" data-label="On time?">
        {ACTIVITY_STATUS_LABEL[status]}
        <br />
        <span className="meta">
          {describePostCount(postProgress({ posts: row.posts + row.replies, latePosts: row.latePosts }, minPosts))}
        </span>
      </td>
      <td data-label="Posts in context">
        {row.paragraphs.length === 0 ? (
          <span className="meta">—</span>
        ) : (
          <ul className={styles.inlineList} aria-label={`Paragraphs ${row.name} wrote on`}>
            {row.paragraphs.map((paragraph) => (
              <li key={paragraph}>
                <Link
                  href={postInContextHref({ readingId, courseId, paragraph })}
                  aria-label={`${row.name}'s posts on paragraph ${paragraph}`}
                >
                  ¶{paragraph}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

function describeCounts(paragraph: ParagraphActivity): string {
  const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return [
    plural(paragraph.posts, "post", "posts"),
    plural(paragraph.openQuestions, "open question", "open questions"),
    plural(paragraph.hidden, "hidden post", "hidden posts"),
    plural(paragraph.highlights, "highlight", "highlights"),
  ].join(" · ");
}

const HEAT_CLASSES = [styles.heat0, styles.heat1, styles.heat2, styles.heat3, styles.heat4];

function HeatMap({ insights }: { insights: AssignmentInsights }) {
  const { assignment, paragraphs } = insights;
  if (paragraphs.length === 0) return <p className="empty-state">This reading has no paragraphs.</p>;
  const max = Math.max(0, ...paragraphs.map((paragraph) => paragraph.posts));
  return (
    <>
      <p>
        Each paragraph of the reading with the assigned students&apos; posts and replies on it (hidden ones included, and counted again as
        hidden), its questions that no reply answers yet, and its highlights. The colour follows the number of posts, from none to the
        busiest paragraph.
      </p>
      {max === 0 ? <p className="empty-state">No posts on this reading yet: every paragraph is quiet.</p> : null}
      <ul className={styles.legend} aria-label="Colour scale">
        {HEAT_LEVEL_NAMES.map((name, level) => (
          <li key={name} className={HEAT_CLASSES[level]}>
            {name}
          </li>
        ))}
      </ul>
      <ol className={styles.heatMap} data-testid="heat-map">
        {paragraphs.map((paragraph) => {
          const level = heatLevel(paragraph.posts, max);
          return (
            <li
              key={paragraph.position}
              className={`${styles.heatItem} ${HEAT_CLASSES[level]}`}
              data-paragraph={paragraph.position}
              data-level={level}
            >
              <p>
                <Link
                  href={postInContextHref({
                    readingId: assignment.readingId,
                    courseId: assignment.courseId,
                    paragraph: paragraph.position,
                  })}
                >
                  Paragraph {paragraph.position}
                </Link>{" "}
                <span className="meta">({HEAT_LEVEL_NAMES[level]})</span>
              </p>
              <p className={styles.counts} data-testid="paragraph-counts">
                {describeCounts(paragraph)}
              </p>
              <p className={`${styles.excerpt} meta`}>
                {paragraph.excerpt}
                {paragraph.excerpt.length >= EXCERPT_LENGTH ? "…" : ""}
              </p>
            </li>
          );
        })}
      </ol>
    </>
  );
}

function UnansweredQuestions({ insights }: { insights: AssignmentInsights }) {
  const { assignment, unansweredQuestions } = insights;
  if (unansweredQuestions.total === 0) return <p className="empty-state">No question is waiting for an answer.</p>;
  const lastPage = Math.max(1, Math.ceil(unansweredQuestions.total / UNANSWERED_PAGE_SIZE));
  if (unansweredQuestions.items.length === 0) {
    return (
      <p className="empty-state">
        There are only {lastPage} {lastPage === 1 ? "page" : "pages"} of questions.{" "}
        <Link href="?questions=1#questions-heading">Go to the first page</Link>.
      </p>
    );
  }
  return (
    <>
      <p className="meta">
        Oldest first: the ones waiting longest. A question is answered when an instructor or TA marks a reply as its answer.
      </p>
      <ol
        className={styles.questionList}
        start={(unansweredQuestions.page - 1) * UNANSWERED_PAGE_SIZE + 1}
        data-testid="unanswered-questions"
      >
        {unansweredQuestions.items.map((question) => (
          <li key={question.id}>
            <Link href={postPath({ id: question.id, readingId: assignment.readingId, courseId: assignment.courseId })}>
              {question.excerpt || "(a question without text)"}
            </Link>
            <br />
            <span className="meta">
              {question.authorName} · paragraph {question.paragraphPosition} · asked <TimeDisplay iso={question.createdAt} /> ·{" "}
              {question.replyCount === 1 ? "1 reply" : `${question.replyCount} replies`}
            </span>
          </li>
        ))}
      </ol>
      {lastPage > 1 ? (
        <nav aria-label="Pages of unanswered questions" className="button-row">
          {unansweredQuestions.page > 1 ? (
            <Link href={`?questions=${unansweredQuestions.page - 1}#questions-heading`}>Previous questions</Link>
          ) : null}
          <span className="meta">
            Page {unansweredQuestions.page} of {lastPage}
          </span>
          {unansweredQuestions.page < lastPage ? (
            <Link href={`?questions=${unansweredQuestions.page + 1}#questions-heading`}>More questions</Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
