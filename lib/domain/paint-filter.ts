import { ANNOTATION_COLORS, type AnnotationColor } from "./annotation-constants.ts";
import { isId } from "./id-pattern.ts";
import { VISIBILITIES, type Visibility } from "./permissions.ts";

// What the reader's margin filters leave painted in the text (#13.2): the margin and the text
// agree, so a filter by author, colour, kind or visibility hides the others' marks too, and a
// reader may switch everyone else's highlights off. The filters travel in the page's address
// (`?author=…&color=…&kind=…&visible=…`), so the server paints the whole reading with them — not
// only the posts loaded into the margin — and a refresh or a shared link keeps them.

export const FILTER_KINDS = ["HIGHLIGHT", "COMMENT", "PARAGRAPH_POST"] as const;
export type FilterKind = (typeof FILTER_KINDS)[number];

export type PaintFilter = {
  author: string | null;
  color: AnnotationColor | null;
  kind: FilterKind | null;
  visibility: Visibility | null;
  /** Paint only the reader's own marks (the reader switched others' highlights off). */
  hideOthers: boolean;
};

export const NO_PAINT_FILTER: PaintFilter = { author: null, color: null, kind: null, visibility: null, hideOthers: false };

/** The address's query keys for each filter. */
export const PAINT_FILTER_KEYS = { author: "author", color: "color", kind: "kind", visibility: "visible" } as const;

type Query = Record<string, string | string[] | undefined>;

function one(query: Query, key: string): string | null {
  const value = query[key];
  return typeof value === "string" && value !== "" ? value : null;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** The filters in a page's query; a value that names no author, colour, kind or visibility filters nothing. */
export function parsePaintFilter(query: Query, hideOthers = false): PaintFilter {
  const author = one(query, PAINT_FILTER_KEYS.author);
  return {
    author: author !== null && isId(author) ? author : null,
    color: oneOf(ANNOTATION_COLORS, one(query, PAINT_FILTER_KEYS.color)),
    kind: oneOf(FILTER_KINDS, one(query, PAINT_FILTER_KEYS.kind)),
    visibility: oneOf(VISIBILITIES, one(query, PAINT_FILTER_KEYS.visibility)),
    hideOthers,
  };
}

export function isPaintFiltered(filter: PaintFilter): boolean {
  return filter.hideOthers || filter.author !== null || filter.color !== null || filter.kind !== null || filter.visibility !== null;
}

/** Whether a mark the reader may see is painted under the filters. */
export function isPaintedUnder(
  filter: PaintFilter,
  readerId: string,
  mark: { authorId: string; color: string | null; kind: string; visibility: Visibility },
): boolean {
  return (
    (!filter.hideOthers || mark.authorId === readerId) &&
    (filter.author === null || mark.authorId === filter.author) &&
    (filter.color === null || (mark.color ?? "yellow") === filter.color) &&
    (filter.kind === null || mark.kind === filter.kind) &&
    (filter.visibility === null || mark.visibility === filter.visibility)
  );
}

/** The filters as the page's query (the keys of PAINT_FILTER_KEYS), set on `params` in place. */
export function writePaintFilter(params: URLSearchParams, filter: Omit<PaintFilter, "hideOthers">): URLSearchParams {
  for (const [field, key] of Object.entries(PAINT_FILTER_KEYS) as [keyof typeof PAINT_FILTER_KEYS, string][]) {
    const value = filter[field];
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  return params;
}
