// Splitting a class into groups of about N: as many groups as ceil(count / N), sizes differing
// by at most one (e.g. 10 students by 4 → 4, 3, 3, not 4, 4, 2).

export type GroupSplitPlan = { name: string; memberIds: string[] }[];

/**
 * `memberIds` in the order to deal them out (the caller shuffles or sorts); returns groups named
 * "Group 1".. "Group k" with balanced sizes.
 */
export function planGroupSplit(memberIds: readonly string[], groupSize: number): GroupSplitPlan {
  if (!Number.isInteger(groupSize) || groupSize < 1) throw new RangeError("groupSize must be a positive integer");
  if (memberIds.length === 0) return [];
  const groupCount = Math.ceil(memberIds.length / groupSize);
  const plan: GroupSplitPlan = Array.from({ length: groupCount }, (_, index) => ({ name: `Group ${index + 1}`, memberIds: [] }));
  const baseSize = Math.floor(memberIds.length / groupCount);
  const largerGroups = memberIds.length % groupCount;
  let next = 0;
  plan.forEach((group, index) => {
    const size = baseSize + (index < largerGroups ? 1 : 0);
    group.memberIds = memberIds.slice(next, next + size);
    next += size;
  });
  return plan;
}
