// The reading page's highlights and post counts as two layers (issue #12):
//
// - a shared layer per audience: the annotations (thread-starting posts and replies, deleted
//   placeholders included) of one reading in one course that a member of the course with a given
//   role and group may read when they are not the author and no post-first gate applies. Everyone
//   in that audience sees the same layer, so the server keeps it (lib/server/readings/
//   reading-layers.ts), with each paragraph's painted HTML, its discussion count (what
//   lib/domain/discussion.ts counts: comments, paragraph posts and replies, not deleted) and its
//   number of thread-starting annotations (the margin's total), and brings it up to date from the
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
  /** The ranges painted, each once (for tests and tools; the page sends only the paint). */
  paintedRanges: () => PaintedRange[];
};

export type PaintedRange = { id: string; start: number; end: number; color: string | null };

const DISCUSSION: ReadonlySet<string> = new Set(DISCUSSION_KINDS);

/** Counted in the discussion (lib/domain/discussion.ts): a comment, paragraph post or reply, not deleted. */
function isCounted(row: LayerRow): boolean {
  return row.deletedAt === null && DISCUSSION.has(row.kind);
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
export class SharedLayer {
  private readonly rows = new Map<string, StoredRow>();
  private readonly postCounts = new Map<string, number>();
  private readonly rootCounts = new Map<string, number>();
  private readonly assignmentRows = new Map<string, number>();
  private readonly ranges: Map<string, Range>[];
  private readonly painted: (PaintedParagraph | null | undefined)[];
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
      if (old.assignmentId !== null) this.assignmentRows.set(old.assignmentId, (this.assignmentRows.get(old.assignmentId) ?? 1) - 1);
      if (old.isPainted) this.forEachParagraph(old.start!, old.end!, (index) => this.ranges[index]!.delete(id));
    }
    // A deleted post stays while it is a placeholder for its replies: the margin lists it.
    if (!row || !canReadAnnotation(this.reader, row)) return;
    const stored: StoredRow = { ...row, isCounted: isCounted(row), isPainted: isPaintedFor(this.reader, row) };
    this.rows.set(id, stored);
    if (stored.isCounted) this.postCounts.set(row.paragraphId, this.postCount(row.paragraphId) + 1);
    if (row.isRoot) this.rootCounts.set(row.paragraphId, this.rootCount(row.paragraphId) + 1);
    if (row.assignmentId !== null) this.assignmentRows.set(row.assignmentId, (this.assignmentRows.get(row.assignmentId) ?? 0) + 1);
    if (stored.isPainted) {
      const range: Range = { id, start: row.start!, end: row.end!, color: row.color };
      this.forEachParagraph(range.start, range.end, (index) => this.ranges[index]!.set(id, range));
    }
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

  paragraphIndex(paragraphId: string): number | undefined {
    return this.indexById.get(paragraphId);
  }

  /** Calls back with the index of every paragraph the range overlaps, and forgets their paint. */
  private forEachParagraph(start: number, end: number, visit: (index: number) => void): void {
    for (const index of paragraphsOverlapping(this.paragraphs, start, end)) {
      this.painted[index] = undefined;
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
export function composeReadingView(shared: SharedLayer, actor: ActorContext, own: readonly LayerRow[]): ReadingLayerView {
  const paragraphs = shared.paragraphs;
  const isGated = (actor.postFirstGates ?? []).some((gate) => shared.hasAssignment(gate.assignmentId));
  if (isGated) return composeRowByRow(shared, actor, own);

  const postCounts: Record<number, number> = {};
  const extraPosts = new Map<string, number>();
  const extraRoots = new Map<string, number>();
  const changedParagraphs = new Set<number>();
  const ownRanges = new Map<string, Range>();
  /** Own posts whose paint differs from the shared layer's (their own hidden posts, private notes). */
  const overridden = new Set<string>();
  for (const row of own) {
    if (!canReadAnnotation(actor, row)) continue;
    const sharedRow = shared.get(row.id);
    if (isCounted(row) && !sharedRow?.isCounted) extraPosts.set(row.paragraphId, (extraPosts.get(row.paragraphId) ?? 0) + 1);
    if (row.isRoot && !sharedRow?.isRoot) extraRoots.set(row.paragraphId, (extraRoots.get(row.paragraphId) ?? 0) + 1);
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
      const ranges = rangesAt(index);
      painted = ranges.size === 0 ? null : paintRanges(paragraph, [...ranges.values()]);
    } else {
      painted = shared.paint(index);
    }
    if (painted) paints[paragraph.id] = painted;
  });
  return {
    paints,
    postCounts,
    rootCount,
    rootCounts,
    paintedRanges: () => uniqueRanges(paragraphs.map((_, index) => [...rangesAt(index).values()])),
  };
}

function uniqueRanges(groups: readonly (readonly Range[])[]): PaintedRange[] {
  const byId = new Map<string, PaintedRange>();
  for (const group of groups)
    for (const range of group) byId.set(range.id, { id: range.id, start: range.start, end: range.end, color: range.color });
  return [...byId.values()];
}

/** The reader's view decided annotation by annotation by the core, for readers whose gates apply. */
function composeRowByRow(shared: SharedLayer, actor: ActorContext, own: readonly LayerRow[]): ReadingLayerView {
  const rows = new Map<string, LayerRow>();
  for (const row of shared.values()) rows.set(row.id, row);
  for (const row of own) rows.set(row.id, row);
  const counts = new Map<string, number>();
  const roots = new Map<string, number>();
  const ranges: Range[] = [];
  for (const row of rows.values()) {
    if (!canReadAnnotation(actor, row)) continue;
    if (isCounted(row)) counts.set(row.paragraphId, (counts.get(row.paragraphId) ?? 0) + 1);
    if (row.isRoot) roots.set(row.paragraphId, (roots.get(row.paragraphId) ?? 0) + 1);
    if (isPaintedFor(actor, row)) ranges.push({ id: row.id, start: row.start!, end: row.end!, color: row.color });
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
  return { paints, postCounts, rootCount, rootCounts, paintedRanges: () => uniqueRanges(byParagraph as Range[][]) };
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
