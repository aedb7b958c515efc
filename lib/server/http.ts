import "server-only";
import type { z } from "zod";
import { toFieldErrors } from "../domain/field-errors.ts";
import { AppError, HTTP_STATUS, isAppError } from "./app-error.ts";
import { isDatabaseUnavailable } from "./database-errors.ts";

/** JSON error body: { error: { code, message, fieldErrors? } }, with Retry-After when limited. */
export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    if (error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.retryAfterSeconds);
    // RFC 9110 §11.6.1: a 401 names the scheme that would work (a personal API token, or the session).
    if (error.code === "UNAUTHENTICATED") headers["WWW-Authenticate"] = 'Bearer realm="Scholia"';
    return Response.json(
      { error: { code: error.code, message: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) } },
      { status: HTTP_STATUS[error.code], headers },
    );
  }
  if (isDatabaseUnavailable(error)) {
    return Response.json(
      { error: { code: "UNAVAILABLE", message: "The database is unavailable. Try again in a few seconds." } },
      { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } },
    );
  }
  console.error(error);
  return Response.json({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }, { status: 500 });
}

/** Parses a JSON request body with a schema; a missing, malformed or invalid body is a 400. */
export async function parseJsonBody<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  // Only JSON: a cross-site HTML form can send text/plain or form bodies, never this type
  // without a CORS preflight (defence in depth beside SameSite=Lax session cookies).
  // The type itself, not a prefix of it: application/json-patch+json is another format.
  if (!/^application\/(?:ld\+)?json\s*(?:;|$)/i.test(request.headers.get("content-type") ?? "")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json).");
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("VALIDATION", "The request body must be JSON.");
  }
  return validateBody(body, schema);
}

/** Checks an already-parsed JSON body with a schema (for routes that accept more than one shape). */
export function validateBody<Schema extends z.ZodType>(body: unknown, schema: Schema): z.infer<Schema> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "Some fields are not valid.", { fieldErrors: toFieldErrors(parsed.error) });
  }
  return parsed.data;
}
