import "server-only";
import type { z } from "zod";
import { toFieldErrors } from "../domain/field-errors.ts";
import { AppError, HTTP_STATUS, isAppError } from "./app-error.ts";
import { isDatabaseUnavailable } from "./database-errors.ts";

/**
 * Next gzips every answer it can, through the `compression` middleware, whose threshold (1 KB:
 * below it gzip saves next to nothing on the wire) works only when it knows the length; a route
 * handler's body always reaches it as a stream of unknown length, and Next drops a Content-Length
 * set here. So a 60-byte `{"id":…}` was gzipped like a page, a new zlib stream each: ~5 % of a
 * signed-in API request's CPU in the bench. An answer under that threshold says `no-transform`
 * (RFC 9111 §5.2.2.6), which the middleware honours; a larger one is compressed as before.
 */
const UNCOMPRESSED_BELOW_BYTES = 1_024;

/** The Cache-Control for a generated answer of `bytes` bytes whose own directive is `cacheControl`. */
export function cacheControlFor(bytes: number, cacheControl: string): string {
  return bytes < UNCOMPRESSED_BELOW_BYTES ? `${cacheControl}, no-transform` : cacheControl;
}

/** A JSON answer, never cached unless `init.headers` says otherwise; a small one is sent uncompressed (above). */
export function jsonBodyResponse(value: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const body = JSON.stringify(value);
  const headers = new Headers(init.headers);
  if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  headers.set("Cache-Control", cacheControlFor(Buffer.byteLength(body), headers.get("Cache-Control") ?? "no-store"));
  return new Response(body, { status: init.status ?? 200, headers });
}

/** JSON error body: { error: { code, message, fieldErrors? } }, with Retry-After when limited. */
export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    if (error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.retryAfterSeconds);
    // RFC 9110 §11.6.1: a 401 names the scheme that would work (a personal API token, or the session).
    if (error.code === "UNAUTHENTICATED") headers["WWW-Authenticate"] = 'Bearer realm="Scholia"';
    return jsonBodyResponse(
      { error: { code: error.code, message: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) } },
      { status: HTTP_STATUS[error.code], headers },
    );
  }
  if (isDatabaseUnavailable(error)) {
    return jsonBodyResponse(
      { error: { code: "UNAVAILABLE", message: "The database is unavailable. Try again in a few seconds." } },
      { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } },
    );
  }
  console.error(error);
  return jsonBodyResponse({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }, { status: 500 });
}

/**
 * The largest JSON body any route takes: a W3C annotation at its limits (a 20,000-character quote
 * and a 30,000-character HTML body, in any script) is a fraction of it. Larger bodies are refused
 * before they are read in full, so no request makes the server hold or parse more.
 */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/**
 * A request body as text, read up to `maxBytes`: a larger declared Content-Length is refused at
 * once, a longer stream (chunked, or lying about its length) as soon as it passes the limit.
 */
export async function readRequestText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw payloadTooLarge(maxBytes);
  return new TextDecoder().decode(await readRequestBytes(request, maxBytes, () => payloadTooLarge(maxBytes)));
}

/**
 * A request body's bytes, read up to `maxBytes`; a longer stream is cancelled as soon as it passes
 * the limit and `tooLarge()` is thrown, so no request makes the server hold more than the limit.
 */
export async function readRequestBytes(request: Request, maxBytes: number, tooLarge: () => Error): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function payloadTooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is over ${Math.round(maxBytes / 1024)} KiB: send less.`);
}

/** Parses a JSON request body with a schema; a missing, malformed or invalid body is a 400 (over the size limit, 413). */
export async function parseJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  maxBytes: number = MAX_JSON_BODY_BYTES,
): Promise<z.infer<Schema>> {
  // Only JSON: a cross-site HTML form can send text/plain or form bodies, never this type
  // without a CORS preflight (defence in depth beside SameSite=Lax session cookies).
  // The type itself, not a prefix of it: application/json-patch+json is another format.
  if (!/^application\/(?:ld\+)?json\s*(?:;|$)/i.test(request.headers.get("content-type") ?? "")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json).");
  }
  const text = await readRequestText(request, maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
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
