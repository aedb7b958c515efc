// Every id Scholia hands out (cuid, the seed's slugs, generated ones) matches this pattern. An id
// that cannot match (a NUL byte, which PostgreSQL refuses outright, a path fragment, 10 KB) is
// refused at the edge and never reaches a query. Without zod, for the browser's code (issue #12);
// ids.ts adds the zod schema.
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** True when `value` could be an id of ours. */
export function isId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}
