import "server-only";
import { notFound } from "next/navigation";
import type { z } from "zod";
import { isAppError } from "./app-error.ts";

// The edge of every page: its path segments parsed with a schema, and a service call whose
// NOT_FOUND (missing, or not the actor's to see: the same answer) becomes the 404 page.

/** The page's path segments, validated; an id that cannot exist is the 404 page. */
export function parsePageParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) notFound();
  return parsed.data;
}

/** What the service loads, or the 404 page when it says NOT_FOUND. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
