// Where each card of the margin goes when cards sit beside their passage (the Google Docs
// layout): every card wants the height of its anchor in the text; cards that would overlap are
// pushed down, and one pinned card (the one being written or read) keeps its anchor exactly, the
// cards before it moving up to make room. Pure numbers: the browser measures, this decides.

export type MarginItem = {
  /** The anchor's top, in pixels from the top of the margin's track. */
  anchor: number;
  /** The card's height in pixels. */
  height: number;
};

export type MarginPlacementOptions = {
  /** The space kept between two cards. */
  gap: number;
  /** The index of the card that keeps its anchor (null: none). */
  pinned: number | null;
};

/**
 * The top of each item, in the items' order (which must be by anchor): no two items overlap, none
 * starts above 0, and each sits as close below its anchor as the ones before it allow.
 */
export function placeMarginItems(items: readonly MarginItem[], { gap, pinned }: MarginPlacementOptions): number[] {
  const pinnedIndex = pinned !== null && pinned >= 0 && pinned < items.length ? pinned : null;
  if (pinnedIndex === null) return placeDownward(items, gap, 0, 0, new Array<number>(items.length));
  const tops = new Array<number>(items.length);
  const pinnedItem = items[pinnedIndex]!;
  tops[pinnedIndex] = Math.max(0, pinnedItem.anchor);
  // Before the pinned card: from it upwards, each as low as its anchor and the card below allow.
  let limit = tops[pinnedIndex] - gap;
  for (let index = pinnedIndex - 1; index >= 0; index -= 1) {
    const item = items[index]!;
    tops[index] = Math.min(Math.max(0, item.anchor), limit - item.height);
    limit = tops[index]! - gap;
  }
  // No room above the pinned card for the ones before it: then nothing is pinned.
  if (pinnedIndex > 0 && tops[0]! < 0) return placeDownward(items, gap, 0, 0, tops);
  return placeDownward(items, gap, pinnedIndex + 1, tops[pinnedIndex] + pinnedItem.height + gap, tops);
}

function placeDownward(items: readonly MarginItem[], gap: number, from: number, floor: number, tops: number[]): number[] {
  let next = floor;
  for (let index = from; index < items.length; index += 1) {
    const item = items[index]!;
    tops[index] = Math.max(item.anchor, next, 0);
    next = tops[index]! + item.height + gap;
  }
  return tops;
}

/** How many thread-starting cards one paragraph shows before they collapse into its summary. */
export const CARDS_BEFORE_SUMMARY = 3;

/** The summary that stands for a paragraph's collapsed cards. */
export function formatParagraphSummary(count: number): string {
  return `${count} ${count === 1 ? "post" : "posts"} on this paragraph`;
}
