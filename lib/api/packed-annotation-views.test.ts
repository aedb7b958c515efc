import { describe, expect, it } from "vitest";
import type { AnnotationView } from "../server/annotations/present-annotation.ts";
import { packAnnotationViews, packedViewDefaults, textOfHtml, unpackAnnotationViews } from "./packed-annotation-views.ts";

const page = { readingId: "reading1", courseId: "course1" };

/** A comment's own fields: none of them a default. */
const ownFields = {
  id: "a1",
  kind: "COMMENT",
  author: { id: "u1", name: "Ana" },
  visibility: "COURSE",
  paragraphPosition: 3,
  target: { start: 10, end: 20, exact: "the treaty", prefix: "", suffix: "" },
  color: "green",
  bodyHtml: "<p>Fish &amp; chips &lt;3 &#x27;quoted&#39;</p>",
  bodyText: "Fish & chips <3 'quoted'",
  createdAt: "2026-01-02T03:04:05.000Z",
} satisfies Partial<AnnotationView>;

/** A plain post on the page: the defaults, and a comment's own fields over them. */
function view(overrides: Partial<AnnotationView> = {}): AnnotationView {
  return { ...packedViewDefaults(page.readingId, page.courseId), ...ownFields, ...overrides };
}

describe("packAnnotationViews / unpackAnnotationViews", () => {
  it("[CLIENT] unpacks to exactly the views packed, whatever differs from the defaults", () => {
    const views = [
      view(),
      view({ id: "a2", readingId: "elsewhere", courseId: null, groupId: "g1", visibility: "GROUP", tags: ["law", "ethics"] }),
      view({ id: "a3", kind: "REPLY", parentId: "a1", rootId: "a1", parentAuthorName: "Ana", target: null, color: null }),
      view({ id: "a4", isHidden: true, hiddenReason: "Off topic", bodyHtml: null, bodyText: null, canModerate: true }),
      view({ id: "a5", isDeleted: true, bodyHtml: null, bodyText: null, author: { id: "", name: "Deleted" } }),
      view({ id: "a6", isEdited: true, editedAt: "2026-01-03T00:00:00.000Z", canEdit: true, canDelete: true, body: { type: "doc" } }),
      view({ id: "a7", isQuestion: true, isPinned: true, isEndorsed: true, isAnswer: true, upvoteCount: 4, hasUpvoted: true }),
      view({ id: "a8", provenance: { canonical: "urn:x", via: [], created: null, language: "fr" }, isOrphan: true }),
      // Text that is not its HTML's text: blank lines between paragraphs, trimmed, or none at all.
      view({ id: "a9", bodyHtml: "<p>One</p><p>Two</p>", bodyText: "One\n\nTwo" }),
      view({ id: "a10", bodyHtml: "<p> padded </p>", bodyText: "padded" }),
      view({ id: "a11", bodyHtml: "<p>Shown</p>", bodyText: null }),
    ];
    const packed = JSON.parse(JSON.stringify(packAnnotationViews(views, page))) as ReturnType<typeof packAnnotationViews>;
    expect(unpackAnnotationViews(packed)).toEqual(views);
  });

  it("[CLIENT] leaves out the page's reading and course, the defaults and a text its HTML already holds", () => {
    const [packed] = packAnnotationViews([view({ canEdit: true })], page).items;
    // Its own fields and the flag that differs, but not its text: its HTML holds the same.
    const { bodyText: _sameAsHtml, ...withoutText } = ownFields;
    expect(packed).toEqual({ ...withoutText, canEdit: true });
  });

  it("[CLIENT] leaves out only what a plain post has: the page's reading and course, and every other field unset (null, false, 0, none)", () => {
    const { readingId, courseId, ...unset } = packedViewDefaults("reading9", null);
    expect({ readingId, courseId }).toEqual({ readingId: "reading9", courseId: null });
    for (const [key, value] of Object.entries(unset)) {
      const nothing = typeof value === "boolean" ? false : typeof value === "number" ? 0 : Array.isArray(value) ? [] : null;
      expect(value, key).toEqual(nothing);
    }
  });

  it("[CLIENT] gives each unpacked view arrays of its own", () => {
    const [first, second] = unpackAnnotationViews(packAnnotationViews([view(), view({ id: "a2" })], page));
    first!.tags.push("mine");
    expect(second!.tags).toEqual([]);
  });
});

describe("textOfHtml", () => {
  it("[CLIENT] drops tags and decodes character references, leaving unknown ones as they are", () => {
    expect(textOfHtml('<p>A <strong>b</strong> &amp; <a href="x">c</a>&nbsp;&#233;&#x1F600; &bogus;</p>')).toBe("A b & c\u00a0é😀 &bogus;");
    expect(textOfHtml(null)).toBeNull();
  });
});
