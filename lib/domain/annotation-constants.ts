// The annotation input's fixed choices and limits, without zod: the reading page's browser code
// imports these, and lib/domain/annotation-input.ts builds its schemas from them. Importing that
// module instead would put zod (~27 KB gzip) in every signed-in reader's first load (issue #12).

/** The orders of a paragraph's discussion. */
export const THREAD_SORTS = ["position", "newest", "top"] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

export const ANNOTATION_COLORS = ["yellow", "green", "blue", "pink"] as const;
export type AnnotationColor = (typeof ANNOTATION_COLORS)[number];

/** The largest annotation file the import takes (an export of about 2,000 annotations). */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;
