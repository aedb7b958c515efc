import "server-only";
import { courseCapabilities } from "../../domain/course-permissions.ts";
import { allowedVisibilities, findMembership, isStaffRole, type ActorContext, type Visibility } from "../../domain/permissions.ts";
import { listReadingAnnotations, type AnnotationPage } from "../annotations/list-reading-annotations.ts";
import { loadAnnotationContext, type AnnotationContext } from "../annotations/load-annotation-context.ts";
import { isAppError } from "../app-error.ts";
import { listReadingAssignments, type ReadingAssignment } from "../assignments/list-reading-assignments.ts";
import { getDb } from "../db.ts";
import { formatLivePosition } from "../../domain/live-position.ts";
import type { PaintedParagraph } from "../../domain/paint-html.ts";
import { leadingParagraphIds, type LayerParagraph, type PaintedRange } from "../../domain/reading-layers.ts";
import { loadReadingLayerView, readHorizon } from "./reading-layers.ts";
import { highlightVisibilityIn, highlightVisibilityOptions } from "../../domain/highlight-visibility.ts";
import { isPaintedUnder, isPaintFiltered, type PaintFilter } from "../../domain/paint-filter.ts";
import { findReadingPreference } from "./find-reading-preference.ts";
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
  /** Open questions per paragraph position, from the same layers (lib/domain/reading-layers.ts). */
  openQuestions: Record<number, number>;
  visibilities: Visibility[];
  defaultVisibility: Visibility;
  /** Who a new highlight is shared with (the reader's remembered choice, where allowed here), and the choices. */
  highlightVisibility: Visibility;
  highlightVisibilities: Visibility[];
  /** Whether the reader paints others' highlights (their remembered choice). */
  showOthersHighlights: boolean;
  /** For staff posting to a group. */
  groups: { id: string; name: string }[];
  authors: { id: string; name: string }[];
  /** The newest live event at render time: the live channel resumes after it. */
  latestEventId: string;
  /** Whether the actor may import annotations here: into their own notes, or as the course's permission map says. */
  canImportAnnotations: boolean;
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
  paintFilter,
  assignments: givenAssignments,
}: {
  /** The actor's context, loaded once per request by the caller (the page shares it). */
  actor: ActorContext;
  /** The actor's assignments of the reading, when the caller has read them (listReadingAssignments). */
  assignments?: readonly ReadingAssignment[];
  /** The reading as the page shows it (findReading): its version and current paragraphs. */
  reading: { id: string; version: number; paragraphs: readonly LayerParagraph[] };
  courseId: string | null;
  /** The part of a long reading on the page (reading.paragraphs are its paragraphs): paints, counts and the margin are limited to it. */
  section?: ReadingSectionRange;
  /** The margin's filters from the page's address: they decide what is painted too (paint-filter.ts). */
  paintFilter?: PaintFilter;
}): Promise<ReadingWorkspace | null> {
  const readingId = reading.id;
  const db = getDb();
  const membership = findMembership(actor, courseId);
  if (courseId !== null && !membership) return null;

  const preferenceRead = findReadingPreference(actor.userId);
  const assignments = givenAssignments ?? (await listReadingAssignments({ actor, readingId }));
  // The courses where the reading is the actor's, once each.
  const assigned = [...new Map(assignments.map((item) => [item.courseId, item.courseTitle]))]
    .map(([id, title]) => ({ id, title }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let context: AnnotationContext | null = null;
  if (courseId !== null) {
    try {
      context = await loadAnnotationContext(actor, readingId, courseId, assignments);
    } catch (error) {
      if (isAppError(error) && error.code === "NOT_FOUND") return null;
      throw error;
    }
  }

  // Read first: anything committed after this point is either in the page below or replayed.
  // The shared layer is brought up to the same horizon (one read for both).
  const horizon = await readHorizon(db);
  const latestEventId = formatLivePosition({ txid: horizon.txid, id: 0n });
  const preference = await preferenceRead;
  const filter = {
    ...(paintFilter ?? { author: null, color: null, kind: null, visibility: null }),
    hideOthers: !preference.showOthersHighlights,
  };
  // Paint, discussion counts (replies included, #13.13), the margin's total and the posts a
  // post-first gate keeps closed come from the cached layers (#12): nothing here reads every
  // annotation of the reading; the margin's page reads only the paragraphs that hold it. The
  // reader's filters decide only what is painted (paint-filter.ts).
  const [{ layers, annotations }, groups] = await Promise.all([
    loadReadingLayerView({
      actor,
      reading,
      courseId,
      membership: membership ?? null,
      assignmentId: context?.assignmentId ?? null,
      section,
      horizon,
      isPainted: isPaintFiltered(filter) ? (row) => isPaintedUnder(filter, actor.userId, row) : undefined,
    }).then(async (layers) => ({
      layers,
      annotations: await listMarginPage(actor, reading, courseId, context, section, layers),
    })),
    membership && isStaffRole(membership.role) && courseId
      ? db.group.findMany({ where: { courseId }, orderBy: { name: "asc" }, select: { id: true, name: true } })
      : Promise.resolve([]),
  ]);
  const postCounts = layers.postCounts;
  const locks = layers.postFirst;

  const visibilities = allowedVisibilities(actor, courseId);
  const highlightVisibilities = highlightVisibilityOptions(visibilities, membership ? isStaffRole(membership.role) : false);
  const authors = new Map(annotations.items.filter((item) => item.author.id).map((item) => [item.author.id, item.author.name]));
  return {
    contexts: [
      { courseId: null, label: "My notes" },
      ...assigned.map((course) => ({ courseId: course.id, label: course.title })),
      // A reading unassigned after posts were made stays open in its course.
      ...(courseId !== null && context && !assigned.some((course) => course.id === courseId)
        ? [{ courseId, label: "This course (unassigned)" }]
        : []),
    ],
    postFirst: locks ? { unlockedParagraphCount: locks.unlockedParagraphIds.length, ...locks } : null,
    courseId,
    paints: layers.paints,
    paintedRanges: layers.paintedRanges,
    annotations: { ...annotations, total: layers.rootCount },
    postCounts,
    openQuestions: layers.openQuestions,
    visibilities,
    defaultVisibility: courseId === null ? "PRIVATE" : "COURSE",
    canImportAnnotations:
      courseId === null ||
      (membership !== undefined &&
        membership !== null &&
        courseCapabilities(membership.role, (actor.archivedCourseIds ?? []).includes(courseId)).canImportAnnotations),
    highlightVisibility: highlightVisibilityIn(preference.highlightVisibility, highlightVisibilities),
    highlightVisibilities,
    showOthersHighlights: preference.showOthersHighlights,
    groups,
    latestEventId,
    authors: [...authors].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
