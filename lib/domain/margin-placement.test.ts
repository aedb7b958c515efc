import { describe, expect, it } from "vitest";
import { formatParagraphSummary, placeMarginItems } from "./margin-placement.ts";

describe("cards beside their passage", () => {
  it("[MARGIN] a card with room sits at its anchor", () => {
    expect(
      placeMarginItems(
        [
          { anchor: 40, height: 100 },
          { anchor: 400, height: 50 },
        ],
        { gap: 8, pinned: null },
      ),
    ).toEqual([40, 400]);
  });

  it("[MARGIN] overlapping cards are pushed down, in order, a gap apart", () => {
    const tops = placeMarginItems(
      [
        { anchor: 0, height: 100 },
        { anchor: 20, height: 100 },
        { anchor: 300, height: 10 },
      ],
      { gap: 8, pinned: null },
    );
    expect(tops).toEqual([0, 108, 300]);
  });

  it("[MARGIN] no card starts above the track", () => {
    expect(placeMarginItems([{ anchor: -50, height: 10 }], { gap: 8, pinned: null })).toEqual([0]);
  });

  it("[MARGIN] the pinned card keeps its anchor; the cards before it move up, the ones after it down", () => {
    const tops = placeMarginItems(
      [
        { anchor: 100, height: 30 },
        { anchor: 150, height: 100 },
        { anchor: 160, height: 40 },
        { anchor: 170, height: 40 },
      ],
      { gap: 10, pinned: 2 },
    );
    expect(tops[2]).toBe(160);
    expect(tops[1]).toBe(50);
    expect(tops[0]).toBe(10);
    expect(tops[3]).toBe(210);
  });

  it("[MARGIN] without room above the pinned card, the cards are placed from the top as usual", () => {
    const items = [
      { anchor: 0, height: 100 },
      { anchor: 10, height: 100 },
    ];
    expect(placeMarginItems(items, { gap: 10, pinned: 1 })).toEqual([0, 110]);
  });

  it("[MARGIN] the summary of a paragraph's collapsed cards", () => {
    expect(formatParagraphSummary(1)).toBe("1 post on this paragraph");
    expect(formatParagraphSummary(12)).toBe("12 posts on this paragraph");
  });
});
