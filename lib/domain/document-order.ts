// The one order of a reading's posts, "document order": by paragraph, then by where the passage
// starts (a whole-paragraph post before the passages in it), then oldest first, then by id so
// that equal times still sort the same everywhere. The margin's SQL (list-reading-annotations.ts
// documentOrder) sorts the same way; the browser merges fetched posts into it, the export
// threads and lists with it.

export type DocumentPosition = { paragraphPosition: number; start: number | null; createdAt: string; id: string };

export function compareDocumentOrder(a: DocumentPosition, b: DocumentPosition): number {
  return (
    a.paragraphPosition - b.paragraphPosition ||
    (a.start ?? -1) - (b.start ?? -1) ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}
