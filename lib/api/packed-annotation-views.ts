import type { AnnotationView } from "../server/annotations/present-annotation.ts";

// The reading page's first page of posts as its RSC payload carries them to the margin (the
// payload is inline in the page's HTML, a JSON string inside a script). A full view repeats, per
// post, the page's reading and course, a dozen flags that are almost always false or null, and
// the body's text beside its HTML: about half of every view. Packed, a post carries only what
// differs from the defaults below, and its text only where it is not just its HTML's text
// (issue #12: the signed-in page's HTML ≤ 350 KB). The margin unpacks it as it renders, on the
// server and in the browser alike, to the exact views it was given.

export type PackedAnnotationView = Partial<AnnotationView> & Pick<AnnotationView, "id">;
export type PackedAnnotationViews = { readingId: string; courseId: string | null; items: PackedAnnotationView[] };

/**
 * What a field is when a packed view leaves it out: the page's reading and course, and what a
 * plain post has (no flags, no reactions, nothing hidden). A function: every view gets arrays of its own.
 */
export function packedViewDefaults(readingId: string, courseId: string | null) {
  return {
    readingId,
    courseId,
    groupId: null,
    parentId: null,
    rootId: null,
    parentAuthorName: null,
    target: null,
    isOrphan: false,
    color: null,
    tags: [] as string[],
    bodyHtml: null,
    body: null,
    isHidden: false,
    hiddenReason: null,
    isDeleted: false,
    provenance: null,
    isEdited: false,
    isQuestion: false,
    isPinned: false,
    isEndorsed: false,
    isAnswer: false,
    upvoteCount: 0,
    hasUpvoted: false,
    editedAt: null,
    canEdit: false,
    canDelete: false,
    canModerate: false,
  } satisfies Partial<AnnotationView>;
}

type DefaultKey = keyof ReturnType<typeof packedViewDefaults>;

export function packAnnotationViews(
  views: readonly AnnotationView[],
  page: { readingId: string; courseId: string | null },
): PackedAnnotationViews {
  const fallback: Record<string, unknown> = packedViewDefaults(page.readingId, page.courseId);
  const items = views.map((view) => {
    const packed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(view)) {
      if (key === "bodyText") {
        if (value !== textOfHtml(view.bodyHtml)) packed[key] = value;
      } else if (!(key in fallback) || !isSame(value, fallback[key as DefaultKey])) {
        packed[key] = value;
      }
    }
    return packed as PackedAnnotationView;
  });
  return { readingId: page.readingId, courseId: page.courseId, items };
}

export function unpackAnnotationViews(packed: PackedAnnotationViews): AnnotationView[] {
  return packed.items.map(
    (item) =>
      ({
        ...packedViewDefaults(packed.readingId, packed.courseId),
        bodyText: textOfHtml(item.bodyHtml ?? null),
        ...item,
      }) as AnnotationView,
  );
}

function isSame(value: unknown, fallback: unknown): boolean {
  if (Array.isArray(fallback)) return Array.isArray(value) && value.length === 0 && fallback.length === 0;
  return value === fallback;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/**
 * The text of a body's HTML: its tags dropped and its character references decoded. A body whose
 * text is more than that (blank lines between paragraphs, list items on lines of their own) keeps
 * its text in the packed view; unpacking never guesses.
 */
export function textOfHtml(html: string | null | undefined): string | null {
  if (html === null || html === undefined) return null;
  return html.replace(/<[^>]*>/g, "").replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (reference, name: string) => {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? reference;
    const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : reference;
  });
}
