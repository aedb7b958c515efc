import "server-only";
import { courseCapabilities, type CourseCapabilities } from "../../domain/course-permissions.ts";
import { assessAssignmentProgress, type AssignmentProgress } from "../../domain/assignment-progress.ts";
import { parseCommentary } from "../../domain/commentary.ts";
import { AppError } from "../app-error.ts";
import { renderCommentaryHtml } from "../commentary/render-commentary.ts";
import { isStaffRole, requireCourseRole } from "../courses/course-access.ts";
import { getDb } from "../db.ts";
import type { Role } from "../generated/prisma/client.ts";
import { describeAssignedRange, type AssignedRangeKind, type ParagraphRange } from "../../domain/assigned-range.ts";
import { planReadingOutline } from "../../domain/reading-sections.ts";
import { listOutlineParagraphs } from "../readings/load-reading-outline.ts";
import type { AssignmentActorRef } from "./load-assignment-for-staff.ts";
import { ASSIGNED_RANGE_SELECT, assignedRangeOf } from "./assigned-range.ts";
import { POSTING_RULES_SELECT, postingRulesOf, type AssignmentPostingRules } from "./assignment-rules.ts";
import { countStudentPosts } from "./count-student-posts.ts";

export type AssignmentDetail = AssignmentPostingRules & {
  id: string;
  title: string;
  /** tiptap JSON (for the edit form) and its allowlisted HTML (for reading). */
  instructions: unknown;
  instructionsHtml: string | null;
  /** The assigned pages (firstPage..lastPage), or null and null for the whole reading. */
  firstPage: number | null;
  lastPage: number | null;
  /** The assigned part as paragraph positions now, how it was chosen and its name ("¶ 4–9"); null for the whole reading. */
  assignedPart: (ParagraphRange & { kind: AssignedRangeKind; label: string }) | null;
  course: { id: string; title: string };
  reading: { id: string; title: string };
  groups: { id: string; name: string }[];
  myRole: Role;
  /** What the actor may do in this course (lib/domain/course-permissions.ts). */
  can: CourseCapabilities;
  /** Staff: every group of the course, for the edit form. */
  courseGroups: { id: string; name: string }[] | null;
  /** Students: their progress. */
  progress: AssignmentProgress | null;
};

const notFound = () => new AppError("NOT_FOUND", "There is no such assignment in this course.");

/**
 * An assignment as a course member may see it: staff always; a student only when it is for them
 * (whole class or their group) — otherwise the same "not found" as a missing one.
 */
export async function loadAssignmentForMember({
  actorId,
  courseId,
  assignmentId,
  now = new Date(),
}: AssignmentActorRef & { now?: Date }): Promise<AssignmentDetail> {
  const membership = await requireCourseRole({ actorId, courseId });
  const db = getDb();
  const isStaff = isStaffRole(membership.role);
  const [assignment, courseGroups] = await Promise.all([
    db.assignment.findFirst({
      where: { id: assignmentId, courseId },
      select: {
        id: true,
        title: true,
        instructions: true,
        ...POSTING_RULES_SELECT,
        firstPage: true,
        lastPage: true,
        rangeKind: true,
        ...ASSIGNED_RANGE_SELECT,
        course: { select: { id: true, title: true } },
        reading: { select: { id: true, title: true } },
        groups: { select: { group: { select: { id: true, name: true } } }, orderBy: { group: { name: "asc" } } },
      },
    }),
    isStaff
      ? db.group.findMany({ where: { courseId }, orderBy: { name: "asc" }, select: { id: true, name: true } })
      : Promise.resolve(null),
  ]);
  if (!assignment) throw notFound();
  const groups = assignment.groups.map((item) => item.group);
  if (!isStaff && groups.length > 0 && !groups.some((group) => group.id === membership.groupId)) throw notFound();

  const rules = postingRulesOf(assignment);
  let progress: AssignmentProgress | null = null;
  if (!isStaff) {
    const count = (await countStudentPosts(actorId, [assignment.id])).get(assignment.id) ?? { posts: 0, postsOnTime: 0 };
    progress = assessAssignmentProgress({ ...rules, ...count, now });
  }
  const parsed = assignment.instructions === null ? null : parseCommentary(assignment.instructions);
  return {
    id: assignment.id,
    title: assignment.title,
    instructions: parsed?.ok ? parsed.doc : null,
    instructionsHtml: parsed?.ok ? renderCommentaryHtml(parsed.doc) : null,
    ...rules,
    firstPage: assignment.firstPage,
    lastPage: assignment.lastPage,
    assignedPart: await describeAssignedPart(assignment),
    course: assignment.course,
    reading: assignment.reading,
    groups,
    myRole: membership.role,
    can: courseCapabilities(membership.role, membership.isCourseArchived),
    courseGroups,
    progress,
  };
}

/** The assigned part and its name; sections are read only for a range of sections. */
async function describeAssignedPart(assignment: {
  reading: { id: string };
  rangeKind: AssignedRangeKind | null;
  firstPage: number | null;
  lastPage: number | null;
  firstParagraph: { position: number } | null;
  lastParagraph: { position: number } | null;
}): Promise<AssignmentDetail["assignedPart"]> {
  const range = assignedRangeOf(assignment);
  if (!range) return null;
  const kind = assignment.rangeKind ?? "PARAGRAPHS";
  const sections = kind === "SECTIONS" ? planReadingOutline(await listOutlineParagraphs(getDb(), assignment.reading.id)).sections : [];
  const pages =
    assignment.firstPage !== null && assignment.lastPage !== null ? { first: assignment.firstPage, last: assignment.lastPage } : null;
  return { ...range, kind, label: describeAssignedRange({ kind, range, pages, sections }) };
}
