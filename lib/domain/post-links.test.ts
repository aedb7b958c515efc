import { describe, expect, it } from "vitest";
import { paragraphPath, parsePostAnchor, postAnchor, postPath } from "./post-links.ts";

describe("post links", () => {
  it("a post's link names its reading, its context and the post", () => {
    expect(postPath({ id: "a1", readingId: "r1", courseId: "c1" })).toBe("/readings/r1?course=c1#a-a1");
    expect(postPath({ id: "a1", readingId: "r1", courseId: null })).toBe("/readings/r1#a-a1");
  });

  it("a paragraph's link names its reading, its context and the paragraph", () => {
    expect(paragraphPath({ readingId: "r1", courseId: "c1", paragraphPosition: 4 })).toBe("/readings/r1?course=c1#p-4");
    expect(paragraphPath({ readingId: "r1", courseId: null, paragraphPosition: 1 })).toBe("/readings/r1#p-1");
  });

  it("reads the post back from the fragment, with or without the #", () => {
    expect(parsePostAnchor(`#${postAnchor("cmabc123")}`)).toBe("cmabc123");
    expect(parsePostAnchor("a-cmabc123")).toBe("cmabc123");
  });

  it("a fragment that names no post is not one", () => {
    expect(parsePostAnchor("#p-3")).toBeNull();
    expect(parsePostAnchor("#a-")).toBeNull();
    expect(parsePostAnchor("#a-../../x")).toBeNull();
    expect(parsePostAnchor(`#a-${"x".repeat(65)}`)).toBeNull();
    expect(parsePostAnchor("")).toBeNull();
  });
});
