// The reading page's highlights and post counts as two layers (issue #12):
//
// - a shared layer per audience: the annotations (thread-starting posts and replies, deleted
//   placeholders included) of one reading in one course that a member of the course with a given
//   role and group may read when they are not the author and no post-first gate applies. Everyone
//   in that audience sees the same layer, so the server keeps it (lib/server/readings/
//   reading-layers.ts), with each paragraph's painted HTML, its discussion count (what
//   lib/domain/discussion.ts counts: comments, paragraph posts and replies, not deleted) and its
//   number of thread-starting annotations (the margin's total) and its questions and answers (the
//   density bar's open questions), and brings it up to date from the
//   live channel's event log instead of reading it again;
// - a personal layer per request: the reader's own annotations (their private notes, their hidden
//   posts) and their post-first gates, merged into the shared one.
//
// Which rows a layer holds is decided by the permission core (canReadAnnotation,
// canReadAnnotationContent), for the audience's reader and then for the actual reader: for
// someone else's post the core's answer depends only on the reader's membership in the course and
// on their gates, so "shared minus gated, plus one's own" is what the core would let them see.

import { DISCUSSION_KINDS } from "./discussion.ts";
import { paintParagraphHtml, type PaintedParagraph } from "./paint-html.ts";
import { groupRangesByParagraph, type HighlightRange } from "./highlight-segments.ts";
import {
  canReadAnnotation,
  canReadAnnotationContent,
  type ActorContext,
  findPostFirstGate,
  type ActorMembership,
  type AnnotationFacts,
} from "./permissions.ts";

export type LayerAnnotationKind = "HIGHLIGHT" | "COMMENT" | "PARAGRAPH_POST" | "REPLY";

/** An annotation as the layers need it: who may read it, where it is painted and counted. */
export type LayerRow = AnnotationFacts & {
  id: string;
  kind: LayerAnnotationKind;
  /** Starts a thread (not a reply): listed in the margin. */
  isRoot: boolean;
  /** The thread it is in (null for a thread-starting annotation). */
  rootId: string | null;
  /** Asked as a question (a thread-starting post). */
  isQuestion: boolean;
  /** A reply marked as the answer to its thread's question. */
  isAnswer: boolean;
  paragraphId: string;
  assignmentId: string | null;
  start: number | null;
  end: number | null;
  color: string | null;
  /** Anchored in the current text (an orphan is listed, never painted). */
  isAnchored: boolean;
};

export type LayerParagraph = { id: string; position: number; startOffset: number; text: string };

/** What the page shows in the text: painted paragraphs by id, and post counts by position. */
export type ReadingLayerView = {
  paints: Record<string, PaintedParagraph>;
  /** The discussion's posts per paragraph position (lib/domain/discussion.ts: what a thread counts). */
  postCounts: Record<number, number>;
  /** The thread-starting annotations the reader may see on the paragraphs (the margin's total). */
  rootCount: number;
  /** The same per paragraph id (absent: none). */
  rootCounts: Record<string, number>;
  /** Open questions per paragraph position (absent: none): questions (isQuestionRoot) no readable reply answers. */
  openQuestions: Record<number, number>;
  /** The ranges painted, each once (for tests and tools; the page sends only the paint). */
  paintedRanges: () => PaintedRange[];
};

export type PaintedRange = { id: string; start: number; end: number; color: string | null };

const DISCUSSION: ReadonlySet<string> = new Set(DISCUSSION_KINDS);

/** Counted in the discussion (lib/domain/discussion.ts): a comment, paragraph post or reply, not deleted. */
function isCounted(row: LayerRow): boolean {
  return row.deletedAt === null && DISCUSSION.has(row.kind);
}

/**
 * A question the reader may see still waits for an answer while no reply they may read is marked
 * as its answer (as the instructor's insights count them). Here: a thread-starting post asked as a
 * question, neither deleted nor hidden.
 */
function isQuestionRoot(row: LayerRow): boolean {
  return row.isRoot && row.isQuestion && row.kind !== "HIGHLIGHT" && row.deletedAt === null && row.hiddenAt === null;
}

/** A reply, not deleted, marked as the answer to its thread's question. */
function isAnswerReply(row: LayerRow): row is LayerRow & { rootId: string } {
  return !row.isRoot && row.isAnswer && row.rootId !== null && row.deletedAt === null;
}

/** Open questions per paragraph position, from the questions (id and paragraph) and whether each is answered. */
function countOpenQuestions(
  paragraphs: readonly LayerParagraph[],
  questions: Iterable<{ id: string; paragraphId: string }>,
  isAnswered: (questionId: string) => boolean,
): Record<number, number> {
  const positionById = new Map(paragraphs.map((paragraph) => [paragraph.id, paragraph.position]));
  const counts: Record<number, number> = {};
  for (const question of questions) {
    const position = positionById.get(question.paragraphId);
    if (position === undefined || isAnswered(question.id)) continue;
    counts[position] = (counts[position] ?? 0) + 1;
  }
  return counts;
}

/** An id no annotation has (ids never contain NUL): the audience's reader is nobody's author. */
const NOBODY = "\u0000audience";

/** The reader every member of an audience is, for posts by others: the membership, no gates. */
export function audienceReader(membership: ActorMembership): ActorContext {
  return { userId: NOBODY, memberships: [membership], postFirstGates: [] };
}

/** Members with the same role and group in a course read the same shared layer. */
export function audienceKey(membership: ActorMembership): string {
  return `${membership.courseId}\u0000${membership.role}\u0000${membership.groupId ?? ""}`;
}

type StoredRow = LayerRow & { isPainted: boolean; isCounted: boolean };
type Range = HighlightRange & { color: string | null };

/**
 * The shared layer of one reading version, course and audience, changed one row at a time: each
 * paragraph keeps its ranges, its post count and its painted HTML until a row touching it changes.
 */
/** Paints kept per paragraph for readers' own marks (SharedLayer.paintWith). */
const MAX_PERSONAL_PAINTS = 16;

export class SharedLayer {
  private readonly rows = new Map<string, StoredRow>();
  private readonly postCounts = new Map<string, number>();
  private readonly rootCounts = new Map<string, number>();
  /** Questions (isQuestionRoot) by id, and per thread the replies marked as its answer. */
  private readonly questionRoots = new Map<string, { id: string; paragraphId: string }>();
  private readonly answerReplies = new Map<string, number>();
  private readonly assignmentRows = new Map<string, number>();
  /** Per assignment, per paragraph: the discussion's posts there (what a post-first gate keeps closed). */
  private readonly assignmentPostCounts = new Map<string, Map<string, number>>();
  private readonly ranges: Map<string, Range>[];
  private readonly painted: (PaintedParagraph | null | undefined)[];
  /** Per paragraph, its paint for the last readers' own marks (paintWith), until it changes. */
  private readonly personalPaints: (Map<string, PaintedParagraph | null> | undefined)[] = [];
  private readonly indexById: Map<string, number>;

  constructor(
    readonly reader: ActorContext,
    readonly paragraphs: readonly LayerParagraph[],
  ) {
    this.ranges = paragraphs.map(() => new Map<string, Range>());
    this.painted = paragraphs.map(() => undefined);
    this.indexById = new Map(paragraphs.map((paragraph, index) => [paragraph.id, index]));
  }

  get size(): number {
    return this.rows.size;
  }

  get(id: string): StoredRow | undefined {
    return this.rows.get(id);
  }

  values(): IterableIterator<StoredRow> {
    return this.rows.values();
  }

  /** Whether any row belongs to the assignment (a post-first gate on it may hide some). */
  hasAssignment(assignmentId: string): boolean {
    return (this.assignmentRows.get(assignmentId) ?? 0) > 0;
  }

  postCount(paragraphId: string): number {
    return this.postCounts.get(paragraphId) ?? 0;
  }

  rootCount(paragraphId: string): number {
    return this.rootCounts.get(paragraphId) ?? 0;
  }

  questions(): Iterable<{ id: string; paragraphId: string }> {
    return this.questionRoots.values();
  }

  isAnswered(questionId: string): boolean {
    return (this.answerReplies.get(questionId) ?? 0) > 0;
  }

  rangesAt(index: number): Map<string, Range> {
    return this.ranges[index]!;
  }

  /** The annotation as it is now (null: gone), or not readable by the audience: then it leaves. */
  put(id: string, row: LayerRow | null): void {
    const old = this.rows.get(id);
    if (old) {
      this.rows.delete(id);
      if (old.isCounted) this.postCounts.set(old.paragraphId, this.postCount(old.paragraphId) - 1);
      if (old.isRoot) this.rootCounts.set(old.paragraphId, this.rootCount(old.paragraphId) - 1);
      this.questionRoots.delete(id);
      if (isAnswerReply(old)) this.answerReplies.set(old.rootId, (this.answerReplies.get(old.rootId) ?? 1) - 1);
      if (old.assignmentId !== null) this.assignmentRows.set(old.assignmentId, (this.assignmentRows.get(old.assignmentId) ?? 1) - 1);
      if (old.isCounted && old.assignmentId !== null) this.addAssignmentPost(old.assignmentId, old.paragraphId, -1);
      if (old.isPainted) this.forEachParagraph(old.start!, old.end!, (index) => this.ranges[index]!.delete(id));
    }
    // A deleted post stays while it is a placeholder for its replies: the margin lists it.
    if (!row || !canReadAnnotation(this.reader, row)) return;
    const stored: StoredRow = { ...row, isCounted: isCounted(row), isPainted: isPaintedFor(this.reader, row) };
    this.rows.set(id, stored);
    if (stored.isCounted) this.postCounts.set(row.paragraphId, this.postCount(row.paragraphId) + 1);
    if (row.isRoot) this.rootCounts.set(row.paragraphId, this.rootCount(row.paragraphId) + 1);
    if (isQuestionRoot(row)) this.questionRoots.set(id, { id, paragraphId: row.paragraphId });
    if (isAnswerReply(row)) this.answerReplies.set(row.rootId, (this.answerReplies.get(row.rootId) ?? 0) + 1);
    if (row.assignmentId !== null) this.assignmentRows.set(row.assignmentId, (this.assignmentRows.get(row.assignmentId) ?? 0) + 1);
    if (stored.isCounted && row.assignmentId !== null) this.addAssignmentPost(row.assignmentId, row.paragraphId, 1);
    if (stored.isPainted) {
      const range: Range = { id, start: row.start!, end: row.end!, color: row.color };
      this.forEachParagraph(range.start, range.end, (index) => this.ranges[index]!.set(id, range));
    }
  }

  /**
   * Per paragraph (by id) outside `opened`, the discussion's posts of the assignment there that
   * the audience reads when no gate applies: what a post-first gate on it keeps closed.
   */
  assignmentPostCountsOutside(assignmentId: string, opened: ReadonlySet<string>): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [paragraphId, count] of this.assignmentPostCounts.get(assignmentId) ?? []) {
      if (count > 0 && !opened.has(paragraphId)) counts[paragraphId] = count;
    }
    return counts;
  }

  private addAssignmentPost(assignmentId: string, paragraphId: string, change: number): void {
    let byParagraph = this.assignmentPostCounts.get(assignmentId);
    if (!byParagraph) this.assignmentPostCounts.set(assignmentId, (byParagraph = new Map<string, number>()));
    byParagraph.set(paragraphId, (byParagraph.get(paragraphId) ?? 0) + change);
  }

  /** The paragraph's painted HTML for the audience (null: nothing painted there), kept until it changes. */
  paint(index: number): PaintedParagraph | null {
    let painted = this.painted[index];
    if (painted === undefined) {
      const ranges = this.ranges[index]!;
      painted = ranges.size === 0 ? null : paintRanges(this.paragraphs[index]!, [...ranges.values()]);
      this.painted[index] = painted;
    }
    return painted;
  }

  /**
   * The paragraph painted for one reader: the audience's ranges without `hidden` (the reader's own
   * posts, painted differently for them) and with `extra` (the reader's own ranges on it). Kept for
   * the last few combinations per paragraph until the paragraph changes, so a reader's next load
   * (or another reader's with the same own marks) repaints nothing: a page's cost does not grow
   * with the marks on the paragraphs one's own notes touch (issue #12, growth).
   */
  paintWith(index: number, hidden: ReadonlySet<string>, extra: readonly Range[]): PaintedParagraph | null {
    const ranges = this.ranges[index]!;
    const hiddenHere = [...hidden].filter((id) => ranges.has(id)).sort();
    const extraHere = [...extra].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (hiddenHere.length === 0 && extraHere.length === 0) return this.paint(index);
    const key = `${hiddenHere.join(",")}|${extraHere.map((range) => `${range.id}:${range.start}:${range.end}:${range.color}`).join(",")}`;
    let memo = this.personalPaints[index];
    if (!memo) this.personalPaints[index] = memo = new Map();
    const known = memo.get(key);
    if (known !== undefined) return known;
    const merged = new Map(ranges);
    for (const id of hiddenHere) merged.delete(id);
    for (const range of extraHere) merged.set(range.id, range);
    const painted = merged.size === 0 ? null : paintRanges(this.paragraphs[index]!, [...merged.values()]);
    // Oldest out first: a Map keeps insertion order.
    if (memo.size >= MAX_PERSONAL_PAINTS) memo.delete(memo.keys().next().value!);
    memo.set(key, painted);
    return painted;
  }

  paragraphIndex(paragraphId: string): number | undefined {
    return this.indexById.get(paragraphId);
  }

  /** Calls back with the index of every paragraph the range overlaps, and forgets their paint. */
  private forEachParagraph(start: number, end: number, visit: (index: number) => void): void {
    for (const index of paragraphsOverlapping(this.paragraphs, start, end)) {
      this.painted[index] = undefined;
      this.personalPaints[index] = undefined;
      visit(index);
    }
  }
}

/**
 * Whether the reader's own annotation may show in their audience's shared layer otherwise than
 * its author sees it, or not at all: all but a COURSE post that is not hidden, which every member
 * of the course reads (and sees painted) as its author does. composeReadingView needs only these
 * of the reader's own, so what a page load reads of them does not grow with their public posts.
 */
export function isPersonalRow(row: Pick<LayerRow, "visibility" | "hiddenAt">): boolean {
  return row.visibility !== "COURSE" || row.hiddenAt !== null;
}

/**
 * The reader's view of the text: the shared layer of their audience, minus what their post-first
 * gates hide, plus their own posts. `own`: the reader's annotations in this reading and context
 * for which isPersonalRow holds (more do no harm). Paragraphs the personal layer does not touch reuse the shared paint.
 */
export function composeReadingView(
  shared: SharedLayer,
  actor: ActorContext,
  own: readonly LayerRow[],
  /** The reader's filters (paint-filter.ts): which marks they may see are painted. */
  isPainted?: (row: LayerRow) => boolean,
): ReadingLayerView {
  const paragraphs = shared.paragraphs;
  const isGated = (actor.postFirstGates ?? []).some((gate) => shared.hasAssignment(gate.assignmentId));
  // Gates and filters are decided mark by mark, over the same cached layer.
  if (isGated || isPainted) return composeRowByRow(shared, actor, own, isPainted);

  const postCounts: Record<number, number> = {};
  const extraPosts = new Map<string, number>();
  const extraRoots = new Map<string, number>();
  const extraQuestions: { id: string; paragraphId: string }[] = [];
  const extraAnswered = new Set<string>();
  const changedParagraphs = new Set<number>();
  const ownRanges = new Map<string, Range>();
  /** Own posts whose paint differs from the shared layer's (their own hidden posts, private notes). */
  const overridden = new Set<string>();
  for (const row of own) {
    if (!canReadAnnotation(actor, row)) continue;
    const sharedRow = shared.get(row.id);
    if (isCounted(row) && !sharedRow?.isCounted) extraPosts.set(row.paragraphId, (extraPosts.get(row.paragraphId) ?? 0) + 1);
    if (row.isRoot && !sharedRow?.isRoot) extraRoots.set(row.paragraphId, (extraRoots.get(row.paragraphId) ?? 0) + 1);
    if (!sharedRow && isQuestionRoot(row)) extraQuestions.push({ id: row.id, paragraphId: row.paragraphId });
    if (!sharedRow && isAnswerReply(row)) extraAnswered.add(row.rootId);
    const isPainted = isPaintedFor(actor, row);
    const sameAsShared =
      sharedRow !== undefined &&
      sharedRow.isPainted === isPainted &&
      (!isPainted || (sharedRow.start === row.start && sharedRow.end === row.end && sharedRow.color === row.color));
    if (sameAsShared) continue;
    overridden.add(row.id);
    if (isPainted) ownRanges.set(row.id, { id: row.id, start: row.start!, end: row.end!, color: row.color });
    for (const source of [sharedRow, row]) {
      if (source && isPaintable(source))
        for (const index of paragraphsOverlapping(paragraphs, source.start!, source.end!)) changedParagraphs.add(index);
    }
  }

  const rangesAt = (index: number): Map<string, Range> => {
    if (!changedParagraphs.has(index)) return shared.rangesAt(index);
    const merged = new Map(shared.rangesAt(index));
    for (const id of overridden) merged.delete(id);
    for (const range of ownRanges.values()) {
      const paragraph = paragraphs[index]!;
      if (Math.min(range.end, paragraph.startOffset + paragraph.text.length) > Math.max(range.start, paragraph.startOffset)) {
        merged.set(range.id, range);
      }
    }
    return merged;
  };
  const paints: Record<string, PaintedParagraph> = {};
  let rootCount = 0;
  const rootCounts: Record<string, number> = {};
  paragraphs.forEach((paragraph, index) => {
    const count = shared.postCount(paragraph.id) + (extraPosts.get(paragraph.id) ?? 0);
    if (count > 0) postCounts[paragraph.position] = count;
    const roots = shared.rootCount(paragraph.id) + (extraRoots.get(paragraph.id) ?? 0);
    if (roots > 0) rootCounts[paragraph.id] = roots;
    rootCount += roots;
    let painted: PaintedParagraph | null;
    if (changedParagraphs.has(index)) {
      const paragraphEnd = paragraph.startOffset + paragraph.text.length;
      const ownHere = [...ownRanges.values()].filter(
        (range) => Math.min(range.end, paragraphEnd) > Math.max(range.start, paragraph.startOffset),
      );
      painted = shared.paintWith(index, overridden, ownHere);
    } else {
      painted = shared.paint(index);
    }
    if (painted) paints[paragraph.id] = painted;
  });
  const openQuestions = countOpenQuestions(
    paragraphs,
    [...shared.questions(), ...extraQuestions],
    (questionId) => shared.isAnswered(questionId) || extraAnswered.has(questionId),
  );
  return {
    paints,
    postCounts,
    rootCount,
    rootCounts,
    openQuestions,
    paintedRanges: () => uniqueRanges(paragraphs.map((_, index) => [...rangesAt(index).values()])),
  };
}

/** Where a post-first gate still closes paragraphs to the reader: those they opened, and the posts waiting on each other one. */
export type LockedPosts = { unlockedParagraphIds: readonly string[]; lockedPostCounts: Record<string, number> };

/**
 * The reader's post-first gate on the assignment (null when none applies: staff, no post-first
 * assignment, personal notes), with the posts waiting per closed paragraph, from the shared layer
 * (what countLockedPosts counts in the table): the discussion's posts of the assignment that the
 * reader's audience reads with no gate. Others' only, as there: one's own post of the assignment
 * on a paragraph that the audience reads (COURSE or GROUP) is a post staff can read, which opened
 * the paragraph, so none of them lies on a paragraph still closed.
 */
export function composeLockedPosts(shared: SharedLayer, actor: ActorContext, assignmentId: string | null): LockedPosts | null {
  const gate = findPostFirstGate(actor, assignmentId);
  if (!gate) return null;
  return {
    unlockedParagraphIds: gate.unlockedParagraphIds,
    lockedPostCounts: shared.assignmentPostCountsOutside(gate.assignmentId, new Set(gate.unlockedParagraphIds)),
  };
}

function uniqueRanges(groups: readonly (readonly Range[])[]): PaintedRange[] {
  const byId = new Map<string, PaintedRange>();
  for (const group of groups)
    for (const range of group) byId.set(range.id, { id: range.id, start: range.start, end: range.end, color: range.color });
  return [...byId.values()];
}

/** The reader's view decided annotation by annotation by the core, for readers whose gates apply. */
function composeRowByRow(
  shared: SharedLayer,
  actor: ActorContext,
  own: readonly LayerRow[],
  isPainted: (row: LayerRow) => boolean = () => true,
): ReadingLayerView {
  const rows = new Map<string, LayerRow>();
  for (const row of shared.values()) rows.set(row.id, row);
  for (const row of own) rows.set(row.id, row);
  const counts = new Map<string, number>();
  const roots = new Map<string, number>();
  const questions: LayerRow[] = [];
  const answered = new Set<string>();
  const ranges: Range[] = [];
  for (const row of rows.values()) {
    if (!canReadAnnotation(actor, row)) continue;
    if (isQuestionRoot(row)) questions.push(row);
    if (isAnswerReply(row)) answered.add(row.rootId);
    if (isCounted(row)) counts.set(row.paragraphId, (counts.get(row.paragraphId) ?? 0) + 1);
    if (row.isRoot) roots.set(row.paragraphId, (roots.get(row.paragraphId) ?? 0) + 1);
    if (isPaintedFor(actor, row) && isPainted(row)) ranges.push({ id: row.id, start: row.start!, end: row.end!, color: row.color });
  }
  const paragraphs = shared.paragraphs;
  let rootCount = 0;
  const rootCounts: Record<string, number> = {};
  const byParagraph = groupRangesByParagraph(paragraphs, ranges);
  const paints: Record<string, PaintedParagraph> = {};
  const postCounts: Record<number, number> = {};
  paragraphs.forEach((paragraph, index) => {
    const count = counts.get(paragraph.id) ?? 0;
    if (count > 0) postCounts[paragraph.position] = count;
    const rootsHere = roots.get(paragraph.id) ?? 0;
    if (rootsHere > 0) rootCounts[paragraph.id] = rootsHere;
    rootCount += rootsHere;
    const here = byParagraph[index]!;
    if (here.length > 0) paints[paragraph.id] = paintRanges(paragraph, here as Range[]);
  });
  const openQuestions = countOpenQuestions(paragraphs, questions, (questionId) => answered.has(questionId));
  return { paints, postCounts, rootCount, rootCounts, openQuestions, paintedRanges: () => uniqueRanges(byParagraph as Range[][]) };
}

function paintRanges(paragraph: LayerParagraph, ranges: readonly Range[]): PaintedParagraph {
  const colors = new Map(ranges.map((range) => [range.id, range.color]));
  return paintParagraphHtml(paragraph, ranges, (id) => colors.get(id));
}

/** Painted for the reader: not deleted, anchored with a range, and its content readable. */
function isPaintedFor(reader: ActorContext, row: LayerRow): boolean {
  return row.deletedAt === null && isPaintable(row) && canReadAnnotationContent(reader, row);
}

function isPaintable(row: Pick<LayerRow, "start" | "end" | "isAnchored">): boolean {
  return row.isAnchored && Number.isInteger(row.start) && Number.isInteger(row.end) && row.start! < row.end!;
}

/**
 * The ids of the first paragraphs (in text order) that together hold at least `count` of the
 * reader's thread-starting annotations (all of them when they hold fewer): where the margin's
 * first page lies, so its query reads only these paragraphs' annotations.
 */
export function leadingParagraphIds(paragraphs: readonly LayerParagraph[], rootCounts: Record<string, number>, count: number): string[] {
  const ids: string[] = [];
  let held = 0;
  for (const paragraph of paragraphs) {
    if (held >= count) break;
    ids.push(paragraph.id);
    held += rootCounts[paragraph.id] ?? 0;
  }
  return ids;
}

/** Indices of the paragraphs (in text order) that share at least one character with [start, end). */
export function paragraphsOverlapping(paragraphs: readonly LayerParagraph[], start: number, end: number): number[] {
  let low = 0;
  let high = paragraphs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const paragraph = paragraphs[middle]!;
    if (paragraph.startOffset + paragraph.text.length <= start) low = middle + 1;
    else high = middle;
  }
  const found: number[] = [];
  for (let index = low; index < paragraphs.length && paragraphs[index]!.startOffset < end; index += 1) {
    const paragraph = paragraphs[index]!;
    if (Math.min(end, paragraph.startOffset + paragraph.text.length) - Math.max(start, paragraph.startOffset) > 0) found.push(index);
  }
  return found;
}
