import { describe, expect, it } from "vitest";
import { MAX_REPLY_DEPTH, nestThread, type ThreadPost } from "./thread-tree.ts";

const post = (id: string, parentId: string | null, minute: number, fields: Partial<ThreadPost> = {}): ThreadPost => ({
  id,
  parentId,
  isPinned: false,
  createdAt: new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString(),
  upvoteCount: 0,
  target: null,
  ...fields,
});

describe("nestThread", () => {
  it(`[THREADS] replies nest to depth ${MAX_REPLY_DEPTH}, deeper ones beside their parent; roots keep the server's order`, () => {
    const roots = [post("b", null, 2), post("a", null, 1)];
    const replies = [post("r1", "a", 3), post("r2", "r1", 4), post("r3", "r2", 5), post("r4", "r3", 6)];
    const [first, second] = nestThread(roots, replies, "position");
    expect([first?.id, second?.id]).toEqual(["b", "a"]);
    const r2 = second?.replies[0]?.replies[0];
    expect(r2?.replies.map((node) => [node.id, node.depth])).toEqual([
      ["r3", 3],
      ["r4", 3],
    ]);
  });

  it("[THREADS] a reply whose parent is not loaded is left out, and one given twice is kept once (pages may overlap)", () => {
    const [root] = nestThread([post("a", null, 1)], [post("r1", "a", 2), post("r1", "a", 2), post("orphan", "unseen", 3)], "position");
    expect(root?.replies.map((node) => node.id)).toEqual(["r1"]);
  });

  it("[THREADS] replies follow the sort: newest first, or most upvoted first", () => {
    const replies = [post("old", "a", 2, { upvoteCount: 2 }), post("new", "a", 3, { upvoteCount: 1 })];
    expect(nestThread([post("a", null, 1)], replies, "newest")[0]?.replies.map((node) => node.id)).toEqual(["new", "old"]);
    expect(nestThread([post("a", null, 1)], replies, "top")[0]?.replies.map((node) => node.id)).toEqual(["old", "new"]);
  });
});
