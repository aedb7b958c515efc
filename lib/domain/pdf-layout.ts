// Reading order on a page: columns, then lines.
//
// Lines are first stacked into boxes: a line joins the box whose last line is just above it and
// overlaps it horizontally (a column's run of text, a caption, a code listing). Boxes are then put
// in reading order by the rule of T. Breuel's "High performance document layout analysis" (2003):
// box A comes before box B when
//   1. their horizontal extents overlap and A is above B, or
//   2. A is entirely left of B and no box lying vertically between them overlaps both
//      (that box — a title, a wide figure caption — would separate the columns' bands);
// and the order is the topological sort of these constraints, top-most first among the free ones.
// So a two-column page is read left column then right column, and a caption or title across both
// cuts the page into bands read in turn:
//
//   [ spanning title      ]
//   [ left 1 ] [ right 1  ]     → title, left 1, right 1, caption, left 2, right 2
//   [ spanning caption    ]
//   [ left 2 ] [ right 2  ]
//
// The result is a list of segments (boxes in order) with their column's edges, which paragraph
// grouping works on.
import type { Line } from "./pdf-text.ts";

export type Segment = {
  lines: Line[];
  /** The column's left edge (most common start of the lines in its column) and right edge. */
  left: number;
  right: number;
  /** Most lines of the column reach the right edge: a short line there ends a paragraph. */
  isJustified: boolean;
};

export type PageOrder = { segments: Segment[]; hasColumns: boolean };

/** Beyond this many boxes on a page (a big table, a drawing), boxes are read top down. */
const MAX_BOXES_TO_ORDER = 250;

type Box = { lines: Line[]; x0: number; x1: number; top: number; bottom: number };

/** The page's lines in reading order, as segments. */
export function orderPageLines(lines: readonly Line[]): PageOrder {
  const boxes = stackIntoBoxes(lines);
  const ordered = boxes.length <= MAX_BOXES_TO_ORDER ? orderBoxes(boxes) : [...boxes].sort(topDown);
  return {
    segments: ordered.map((box) => describeSegment(box, lines)),
    hasColumns: hasSideBySideBoxes(boxes),
  };
}

function stackIntoBoxes(lines: readonly Line[]): Box[] {
  const sorted = [...lines].sort((a, b) => {
    const tolerance = 0.3 * Math.min(a.fontSize, b.fontSize);
    return Math.abs(a.y - b.y) <= tolerance ? a.x0 - b.x0 : b.y - a.y;
  });
  const boxes: Box[] = [];
  let open: Box[] = [];
  for (const line of sorted) {
    // Boxes whose last line is too far above can take no more lines.
    open = open.filter((box) => box.bottom - line.y <= 2.5 * Math.max(line.fontSize, box.lines.at(-1)!.fontSize));
    let best: { box: Box; distance: number } | null = null;
    for (const box of open) {
      const last = box.lines.at(-1)!;
      const distance = last.y - line.y;
      const size = Math.max(last.fontSize, line.fontSize);
      if (distance <= 0.3 * size || distance > 2.2 * size) continue;
      const overlap = Math.min(box.x1, line.x1) - Math.max(box.x0, line.x0);
      if (overlap < 0.5 * Math.min(box.x1 - box.x0, line.x1 - line.x0)) continue;
      if (!best || distance < best.distance) best = { box, distance };
    }
    if (best) {
      const box = best.box;
      box.lines.push(line);
      box.x0 = Math.min(box.x0, line.x0);
      box.x1 = Math.max(box.x1, line.x1);
      box.bottom = line.y;
    } else {
      const box = { lines: [line], x0: line.x0, x1: line.x1, top: line.y, bottom: line.y };
      boxes.push(box);
      open.push(box);
    }
  }
  return boxes;
}

function topDown(a: Box, b: Box): number {
  return b.top - a.top || a.x0 - b.x0;
}

function overlapsHorizontally(a: Box, b: Box): boolean {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0;
}

function orderBoxes(boxes: readonly Box[]): Box[] {
  const count = boxes.length;
  const after: number[][] = boxes.map(() => []);
  const pending = new Array<number>(count).fill(0);
  for (let a = 0; a < count; a += 1) {
    for (let b = 0; b < count; b += 1) {
      if (a !== b && comesBefore(boxes, a, b)) {
        after[a]!.push(b);
        pending[b]! += 1;
      }
    }
  }
  const done = new Array<boolean>(count).fill(false);
  const order: Box[] = [];
  while (order.length < count) {
    let next = -1;
    for (let index = 0; index < count; index += 1) {
      if (done[index] || pending[index]! > 0) continue;
      if (next < 0 || topDown(boxes[index]!, boxes[next]!) < 0) next = index;
    }
    // A cycle (degenerate geometry): take the top-most box left.
    if (next < 0) {
      for (let index = 0; index < count; index += 1) {
        if (!done[index] && (next < 0 || topDown(boxes[index]!, boxes[next]!) < 0)) next = index;
      }
    }
    done[next] = true;
    order.push(boxes[next]!);
    for (const later of after[next]!) pending[later]! -= 1;
  }
  return order;
}

function comesBefore(boxes: readonly Box[], a: number, b: number): boolean {
  const first = boxes[a]!;
  const second = boxes[b]!;
  if (overlapsHorizontally(first, second)) return first.top > second.top;
  if (first.x1 > second.x0) return false;
  // First lies entirely below second (a text block under a centred heading to its right): it is
  // read first only if second's column goes on down beside it.
  const tolerance = 0.5 * Math.min(first.lines[0]!.fontSize, second.lines[0]!.fontSize);
  if (first.top < second.bottom - tolerance) {
    const columnGoesOn = boxes.some(
      (other) =>
        other !== first &&
        other !== second &&
        overlapsHorizontally(other, second) &&
        other.top < second.bottom + tolerance &&
        Math.min(other.top, first.top) - Math.max(other.bottom, first.bottom) > -tolerance,
    );
    if (!columnGoesOn) return false;
  }
  // First is left of second: unless a box lying vertically between them reaches over both.
  const lowerTop = Math.min(first.top, second.top);
  const higherBottom = Math.max(first.bottom, second.bottom);
  const from = Math.min(lowerTop, higherBottom);
  const to = Math.max(lowerTop, higherBottom);
  for (const other of boxes) {
    if (other === first || other === second) continue;
    const isBetween = other.bottom < to && other.top > from;
    if (isBetween && overlapsHorizontally(other, first) && overlapsHorizontally(other, second)) return false;
  }
  return true;
}

/** Two boxes of several lines side by side at the same height: the page has columns. */
function hasSideBySideBoxes(boxes: readonly Box[]): boolean {
  const tall = boxes.filter((box) => box.lines.length >= 3);
  for (const a of tall) {
    for (const b of tall) {
      if (a === b || overlapsHorizontally(a, b) || a.x1 > b.x0) continue;
      if (Math.min(a.top, b.top) - Math.max(a.bottom, b.bottom) > 0) return true;
    }
  }
  return false;
}

/** The segment's column — the lines of the page that share most of its width — gives its edges. */
function describeSegment(box: Box, pageLines: readonly Line[]): Segment {
  const column = pageLines.filter((line) => {
    const overlap = Math.min(box.x1, line.x1) - Math.max(box.x0, line.x0);
    return overlap >= 0.5 * Math.max(box.x1 - box.x0, line.x1 - line.x0);
  });
  const lines = column.length > 0 ? column : box.lines;
  const left = mode(lines.map((line) => Math.round(line.x0)));
  const right = percentile(
    lines.map((line) => line.x1),
    0.9,
  );
  const size = median(lines.map((line) => line.fontSize));
  const full = lines.filter((line) => line.x1 >= right - Math.max(1.5, 0.2 * size)).length;
  return { lines: box.lines, left, right, isJustified: lines.length >= 3 && full >= 0.5 * lines.length };
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

export function percentile(values: readonly number[], share: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * (sorted.length - 1) + 0.5))]!;
}

/** Most common value; the smallest of equally common ones. */
export function mode(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best = values[0] ?? 0;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
