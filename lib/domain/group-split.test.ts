import { describe, expect, it } from "vitest";
import { planGroupSplit } from "./group-split";

const ids = (count: number) => Array.from({ length: count }, (_, index) => `s${index + 1}`);
const sizes = (count: number, groupSize: number) => planGroupSplit(ids(count), groupSize).map((group) => group.memberIds.length);

describe("planGroupSplit", () => {
  it.each([
    [10, 4, [4, 3, 3]],
    [12, 4, [4, 4, 4]],
    [13, 4, [4, 3, 3, 3]],
    [3, 5, [3]],
    [7, 1, [1, 1, 1, 1, 1, 1, 1]],
    [9, 2, [2, 2, 2, 2, 1]],
  ])("[GROUPS] %i students in groups of %i → sizes %j", (count, groupSize, expected) => {
    expect(sizes(count, groupSize)).toEqual(expected);
  });

  it("[GROUPS] every student lands in exactly one group, in the given order", () => {
    const plan = planGroupSplit(ids(11), 3);
    expect(plan.flatMap((group) => group.memberIds)).toEqual(ids(11));
    expect(plan.map((group) => group.name)).toEqual(["Group 1", "Group 2", "Group 3", "Group 4"]);
  });

  it("[GROUPS] no students, no groups", () => {
    expect(planGroupSplit([], 4)).toEqual([]);
  });

  it.each([0, -1, 2.5, Number.NaN])("[GROUPS] group size %s is refused", (groupSize) => {
    expect(() => planGroupSplit(ids(4), groupSize)).toThrow(RangeError);
  });
});
