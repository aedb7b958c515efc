import "server-only";
import { AppError } from "../app-error.ts";

const READING_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The reading id of a route, or the same 404 as a missing reading: an id that cannot exist
 *  (a NUL byte, which PostgreSQL refuses outright, a path fragment, 10 KB) never reaches a query. */
export function readingIdFrom(id: string): string {
  if (!READING_ID.test(id)) throw new AppError("NOT_FOUND", "Reading not found.");
  return id;
}
