// What a paragraph's discussion counts (issue #13.13). The "Discussion (N)" beside a paragraph,
// the thread's "N posts" and the "N posts" a post-first paragraph keeps locked are one number:
// the comments, paragraph posts and replies on the paragraph that the reader may see, hidden ones
// included (they show as "hidden by an instructor"), deleted ones and highlights not (a deleted
// post leaves only a placeholder; a highlight has no discussion).

export const DISCUSSION_KINDS = ["COMMENT", "PARAGRAPH_POST", "REPLY"] as const;

export function isCountedInDiscussion(post: { kind: string; isDeleted: boolean }): boolean {
  return !post.isDeleted && (DISCUSSION_KINDS as readonly string[]).includes(post.kind);
}

/** "1 post", "3 posts". */
export function formatPostCount(count: number): string {
  return `${count} ${count === 1 ? "post" : "posts"}`;
}
