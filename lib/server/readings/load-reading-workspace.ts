import "server-only";
import { allowedVisibilities, findMembership, isStaffRole, type ActorContext, type Visibility } from "../../domain/permissions.ts";
import { countLockedPosts } from "../annotations/count-locked-posts.ts";
import { listReadingAnnotations, type AnnotationPage } from "../annotations/list-reading-annotations.ts";
import { loadAnnotationContext, type AnnotationContext } from "../annotations/load-annotation-context.ts";
import { isAppError } from "../app-error.ts";
import { assignmentsForStudentWhere } from "../assignments/assignment-rules.ts";
import { getDb } from "../db.ts";
import { formatLivePosition } from "../../domain/live-position.ts";
import { readLiveStart } from "../realtime/event-horizon.ts";
import type { PaintedParagraph } from "../../domain/paint-html.ts";
import { leadingParagraphIds, type LayerParagraph, type PaintedRange } from "../../domain/reading-layers.ts";
import { loadReadingLayerView } from "./reading-layers.ts";
import type { ParagraphRange } from "./find-reading.ts";

/** Paragraph positions from..to and the canonical-text range [startOffset, endOffset) they cover. */
export type ReadingSectionRange = ParagraphRange & { startOffset: number; endOffset: number };

export type { PaintedRange };

export type ReadingWorkspace = {
  /** Where the actor can read this reading with others: their notes and the courses it is assigned in. */
  contexts: { courseId: string | null; label: string }[];
  /**
   * Set when a post-first assignment gates this context for the actor (a student): the paragraphs
   * they opened, and per paragraph still closed (by id) the posts waiting there.
   */
  postFirst: { unlockedParagraphCount: number; unlockedParagraphIds: readonly string[]; lockedPostCounts: Record<string, number> } | null;
  courseId: string | null;
  /** Painted paragraphs by paragraph id (absent: no highlight there). */
  paints: Record<string, PaintedParagraph>;
  /** The ranges painted, each once (tests and tools; the page sends the paint). */
  paintedRanges: () => PaintedRange[];
  annotations: AnnotationPage;
  /** The discussion's posts per paragraph position (lib/domain/discussion.ts: what a thread counts). */
  postCounts: Record<number, number>;
  visibilities: Visibility[];
  defaultVisibility: Visibility;
  /** For staff posting to a group. */
  groups: { id: string; name: string }[];
  authors: { id: string; name: string }[];
  /** The newest live event at render time: the live channel resumes after it. */
  latestEventId: string;
};

const MARGIN_PAGE_SIZE = 50;

/**
 * The margin's first page: one query, over only the leading paragraphs that hold its posts (the
 * layers count them per paragraph), so it does not sort every post of the reading. Should the
 * count and the table disagree (a post made in between), the whole reading is asked instead.
 */
async function listMarginPage(
  actor: ActorContext,
  reading: { id: string; paragraphs: readonly LayerParagraph[] },
  courseId: string | null,
  context: AnnotationContext | null,
  section: ReadingSectionRange | undefined,
  layers: { rootCounts: Record<string, number> },
): Promise<AnnotationPage> {
  const query = {
    actor,
    readingId: reading.id,
    courseId,
    page: 1,
    pageSize: MARGIN_PAGE_SIZE,
    paragraphRange: section,
    context: context ?? undefined,
    total: "skip" as const,
  };
  const leading = leadingParagraphIds(reading.paragraphs, layers.rootCounts, MARGIN_PAGE_SIZE);
  if (leading.length < reading.paragraphs.length) {
    const page = await listReadingAnnotations({ ...query, paragraphIds: leading });
    if (page.items.length === MARGIN_PAGE_SIZE) return page;
  }
  return listReadingAnnotations(query);
}

/**
 * Everything the reading page shows around the text for one actor and context, all scoped by
 * the permission core. Returns null when the course context is not the actor's (→ 404).
 */
export async function loadReadingWorkspace({
  actor,
  reading,
  courseId,
  section,
}: {
  /** The actor's context, loaded once per request by the caller (the page shares it). */
  actor: ActorContext;
  /** The reading as the page shows it (findReading): its version and current paragraphs. */
  reading: { id: string; version: number; paragraphs: readonly LayerParagraph[] };
  courseId: string | null;
  /** The part of a long reading on the page (reading.paragraphs are its paragraphs): paints, counts and the margin are limited to it. */
  section?: ReadingSectionRange;
}): Promise<ReadingWorkspace | null> {
  const readingId = reading.id;
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

  // Read first: anything committed after this point is either in the page below or replayed.
  const latestEventId = formatLivePosition(await readLiveStart(db));
  // Paint, discussion counts (replies included, #13.13) and the margin's total come from the
  // cached layers (#12): nothing here reads every annotation of the reading; the margin's page
  // reads only the paragraphs that hold it.
  const [{ layers, annotations }, groups, locks] = await Promise.all([
    loadReadingLayerView({ actor, reading, courseId, membership: membership ?? null, section }).then(async (layers) => ({
      layers,
      annotations: await listMarginPage(actor, reading, courseId, context, section, layers),
    })),
    membership && isStaffRole(membership.role) && courseId
      ? db.group.findMany({ where: { courseId }, orderBy: { name: "asc" }, select: { id: true, name: true } })
      : Promise.resolve([]),
    countLockedPosts({ actor, readingId, courseId, assignmentId: context?.assignmentId ?? null }),
  ]);
  const postCounts = layers.postCounts;

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
    postFirst: locks ? { unlockedParagraphCount: locks.unlockedParagraphIds.length, ...locks } : null,
    courseId,
    paints: layers.paints,
    paintedRanges: layers.paintedRanges,
    annotations: { ...annotations, total: layers.rootCount },
    postCounts,
    visibilities,
    defaultVisibility: courseId === null ? "PRIVATE" : "COURSE",
    groups,
    latestEventId,
    authors: [...authors].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
