import { isId } from "./id-pattern.ts";

// A post's permanent link: its reading, in its context, with the post's own anchor —
// `/readings/:id?course=…#a-<post id>`. The reading page opens the post wherever it sits (a later
// page of the margin, a reply inside a paragraph's discussion, another section of a long reading)
// and focuses it; a post the reader may not see gives a notice that says nothing about it.

const POST_ANCHOR = /^#?a-(.+)$/;

/** The fragment naming a post (without the `#`). */
export function postAnchor(annotationId: string): string {
  return `a-${annotationId}`;
}

/** The post a location's fragment names (`#a-<id>`), or null when it names none. */
export function parsePostAnchor(hash: string): string | null {
  const id = POST_ANCHOR.exec(hash)?.[1];
  return id !== undefined && isId(id) ? id : null;
}

function readingPath(readingId: string, courseId: string | null): string {
  const query = courseId ? `?course=${encodeURIComponent(courseId)}` : "";
  return `/readings/${encodeURIComponent(readingId)}${query}`;
}

/** The app path of a post: its reading, its context, its anchor. */
export function postPath(post: { id: string; readingId: string; courseId: string | null }): string {
  return `${readingPath(post.readingId, post.courseId)}#${postAnchor(post.id)}`;
}

/** The app path of a paragraph in a context (`#p-N`). */
export function paragraphPath(paragraph: { readingId: string; courseId: string | null; paragraphPosition: number }): string {
  return `${readingPath(paragraph.readingId, paragraph.courseId)}#p-${paragraph.paragraphPosition}`;
}
