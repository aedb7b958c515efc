import { describe, expect, it } from "vitest";
import { HEAT_LEVEL_NAMES, HEAT_LEVELS, heatLevel } from "./heat-scale";

describe("heatLevel", () => {
  it("[INSIGHTS] a paragraph without posts is level 0, whatever the busiest has", () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(0, 0)).toBe(0);
  });

  it("[INSIGHTS] the busiest paragraph reaches the top step and any activity shows", () => {
    expect(heatLevel(10, 10)).toBe(HEAT_LEVELS - 1);
    expect(heatLevel(1, 100)).toBe(1);
  });

  it.each([
    [1, 4, 1],
    [2, 4, 2],
    [3, 4, 3],
    [4, 4, 4],
    [5, 8, 3],
  ])("[INSIGHTS] %i posts of a busiest %i is level %i", (value, max, level) => {
    expect(heatLevel(value, max)).toBe(level);
  });

  it("[INSIGHTS] every level has a name to say in text", () => {
    expect(HEAT_LEVEL_NAMES).toHaveLength(HEAT_LEVELS);
  });
});
