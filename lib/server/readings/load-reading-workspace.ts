import "server-only";
import {
  allowedVisibilities,
  canReadAnnotationContent,
  findMembership,
  isStaffRole,
  type ActorContext,
  type Visibility,
} from "../../domain/permissions.ts";
import { listReadingAnnotations, type AnnotationPage } from "../annotations/list-reading-annotations.ts";
import { loadAnnotationContext, type AnnotationContext } from "../annotations/load-annotation-context.ts";
import { isAppError } from "../app-error.ts";
import { assignmentsForStudentWhere } from "../assignments/assignment-rules.ts";
import { getDb } from "../db.ts";
import { annotationReadScope } from "../permissions/annotation-scope.ts";
import { formatLivePosition } from "../../domain/live-position.ts";
import { readLiveStart } from "../realtime/event-horizon.ts";
import type { ParagraphRange } from "./find-reading.ts";

/** Paragraph positions from..to and the canonical-text range [startOffset, endOffset) they cover. */
export type ReadingSectionRange = ParagraphRange & { startOffset: number; endOffset: number };

export type PaintedRange = { id: string; start: number; end: number; color: string | null };

export type ReadingWorkspace = {
  /** Where the actor can read this reading with others: their notes and the courses it is assigned in. */
  contexts: { courseId: string | null; label: string }[];
  /** Set when a post-first assignment gates this context for the actor (a student). */
  postFirst: { unlockedParagraphCount: number } | null;
  courseId: string | null;
  paints: PaintedRange[];
  annotations: AnnotationPage;
  /** Comments and paragraph posts per paragraph position (highlights alone are not posts). */
  postCounts: Record<number, number>;
  visibilities: Visibility[];
  defaultVisibility: Visibility;
  /** For staff posting to a group. */
  groups: { id: string; name: string }[];
  authors: { id: string; name: string }[];
  /** The newest live event at render time: the live channel resumes after it. */
  latestEventId: string;
};

/**
 * Everything the reading page shows around the text for one actor and context, all scoped by
 * the permission core. Returns null when the course context is not the actor's (→ 404).
 */
export async function loadReadingWorkspace({
  actor,
  readingId,
  courseId,
  section,
}: {
  /** The actor's context, loaded once per request by the caller (the page shares it). */
  actor: ActorContext;
  readingId: string;
  courseId: string | null;
  /** The part of a long reading on the page: paints, counts and the margin are limited to it. */
  section?: ReadingSectionRange;
}): Promise<ReadingWorkspace | null> {
  const db = getDb();
  const membership = findMembership(actor, courseId);
  if (courseId !== null && !membership) return null;

  const assigned = await db.assignment.findMany({
    where: {
      readingId,
      OR: actor.memberships.map((item) =>
        isStaffRole(item.role) ? { courseId: item.courseId } : assignmentsForStudentWhere(item.courseId, item.groupId),
      ),
    },
    distinct: ["courseId"],
    orderBy: { courseId: "asc" },
    select: { course: { select: { id: true, title: true } } },
  });
  let context: AnnotationContext | null = null;
  if (courseId !== null) {
    try {
      context = await loadAnnotationContext(actor, readingId, courseId);
    } catch (error) {
      if (isAppError(error) && error.code === "NOT_FOUND") return null;
      throw error;
    }
  }
  const gate = context?.assignmentId ? actor.postFirstGates?.find((item) => item.assignmentId === context.assignmentId) : undefined;

  const contextWhere = { AND: [annotationReadScope(actor), { readingId, courseId, parentId: null }] };
  // Read first: anything committed after this point is either in the page below or replayed.
  const latestEventId = formatLivePosition(await readLiveStart(db));
  const [paintRows, annotations, counts, groups] = await Promise.all([
    db.annotation.findMany({
      where: {
        AND: [
          contextWhere,
          { startOffset: { not: null }, deletedAt: null, anchorStatus: "ANCHORED" },
          // Ranges that overlap the section (one may start in the section before).
          ...(section ? [{ startOffset: { lt: section.endOffset }, endOffset: { gt: section.startOffset } }] : []),
        ],
      },
      orderBy: [{ startOffset: "asc" }, { id: "asc" }],
      select: {
        id: true,
        startOffset: true,
        endOffset: true,
        color: true,
        authorId: true,
        courseId: true,
        groupId: true,
        visibility: true,
        hiddenAt: true,
        deletedAt: true,
      },
    }),
    listReadingAnnotations({ actor, readingId, courseId, page: 1, pageSize: 50, paragraphRange: section }),
    db.annotation.groupBy({
      by: ["paragraphId"],
      // Posts on a paragraph an edit removed are not counted against the paragraph now at its position.
      where: {
        AND: [
          contextWhere,
          {
            kind: { in: ["COMMENT", "PARAGRAPH_POST"] },
            deletedAt: null,
            paragraph: { retiredInVersion: null, ...(section ? { position: { gte: section.from, lte: section.to } } : {}) },
          },
        ],
      },
      _count: { _all: true },
    }),
    membership && isStaffRole(membership.role) && courseId
      ? db.group.findMany({ where: { courseId }, orderBy: { name: "asc" }, select: { id: true, name: true } })
      : Promise.resolve([]),
  ]);
  const positions = await db.paragraph.findMany({
    where: { id: { in: counts.map((count) => count.paragraphId) } },
    select: { id: true, position: true },
  });
  const positionById = new Map(positions.map((paragraph) => [paragraph.id, paragraph.position]));
  const postCounts: Record<number, number> = {};
  for (const count of counts) postCounts[positionById.get(count.paragraphId)!] = count._count._all;

  const visibilities = allowedVisibilities(actor, courseId);
  const authors = new Map(annotations.items.filter((item) => item.author.id).map((item) => [item.author.id, item.author.name]));
  return {
    contexts: [
      { courseId: null, label: "My notes" },
      ...assigned.map((item) => ({ courseId: item.course.id, label: item.course.title })),
      // A reading unassigned after posts were made stays open in its course.
      ...(courseId !== null && context && !assigned.some((item) => item.course.id === courseId)
        ? [{ courseId, label: "This course (unassigned)" }]
        : []),
    ],
    postFirst: gate ? { unlockedParagraphCount: gate.unlockedParagraphIds.length } : null,
    courseId,
    paints: paintRows
      .filter((row) => canReadAnnotationContent(actor, row))
      .map((row) => ({ id: row.id, start: row.startOffset!, end: row.endOffset!, color: row.color })),
    annotations,
    postCounts,
    visibilities,
    defaultVisibility: courseId === null ? "PRIVATE" : "COURSE",
    groups,
    latestEventId,
    authors: [...authors].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
