import "server-only";
import { type z } from "zod";
import { toFieldErrors } from "../domain/field-errors.ts";
import { AppError } from "./app-error.ts";
import { requireApiActor, type AuthenticatedActor } from "./auth/get-actor.ts";
import { errorResponse, jsonBodyResponse, parseJsonBody } from "./http.ts";
import { chargeWriteQuota } from "./quotas/charge-write-quota.ts";

// The one shape of a route handler under app/api (after cal.com's authed procedure): it parses
// the path, the query and the body with zod schemas, resolves the actor (the personal API token,
// else the session) and maps every error to the API's one format,
// { error: { code, message, fieldErrors? } } (lib/server/http.ts). The handler gets typed,
// validated input and an actor that is never null, and calls one lib/server service.
//
//   export const GET = route(
//     { params: z.object({ id: idSchema("Course not found.") }) },
//     async ({ params, actor }) => loadCourseForActor({ actorId: actor.id, courseId: params.id }),
//   );
//
// Order: actor (401), path (404), query (400), body (415/400), the write quota for POST, PUT,
// PATCH and DELETE (429, lib/server/quotas/charge-write-quota.ts), then the handler. A path segment
// that fails its schema is a 404 with the schema's message (an id that cannot exist names no
// resource: the same answer as a missing one). A handler returns a Response, or any value, sent
// as JSON with status 200 and no caching (every answer under /api is one person's).

type Schema = z.ZodType;
type Parsed<S> = S extends Schema ? z.output<S> : undefined;

export type RouteSpec = {
  /** Path segments (Next's params), a z.object. */
  params?: Schema;
  /** The query string as an object, a z.object. A repeated key is a 400: which one was meant is unknowable. */
  query?: Schema;
  /** The JSON body. Non-JSON content types are a 415; z.unknown() takes the raw JSON. */
  body?: Schema;
  /** The largest body taken, when a route takes more than one annotation's worth (MAX_JSON_BODY_BYTES). */
  maxBodyBytes?: number;
  /** "none": no actor is resolved (sign-up, health, the unknown-path 404). Default: an actor is required. */
  auth?: "actor" | "none";
};

export type RouteInput<Spec extends RouteSpec> = {
  request: Request;
  params: Parsed<Spec["params"]>;
  query: Parsed<Spec["query"]>;
  body: Parsed<Spec["body"]>;
  actor: Spec["auth"] extends "none" ? null : AuthenticatedActor;
};

/** What Next passes a route handler: the dynamic segments of the path. */
export type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

export function route<const Spec extends RouteSpec>(spec: Spec, handler: (input: RouteInput<Spec>) => Promise<unknown>): RouteHandler {
  return async (request, context) => {
    try {
      const actor = spec.auth === "none" ? null : await requireApiActor();
      const params = spec.params ? parsePath(spec.params, await context.params) : undefined;
      const query = spec.query ? parseQuery(spec.query, new URL(request.url).searchParams) : undefined;
      const body = spec.body ? await parseJsonBody(request, spec.body, spec.maxBodyBytes) : undefined;
      if (actor && isWriteMethod(request.method)) await chargeWriteQuota({ userId: actor.id });
      const result = await handler({ request, params, query, body, actor } as RouteInput<Spec>);
      return result instanceof Response ? result : jsonResponse(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function isWriteMethod(method: string): boolean {
  return WRITE_METHODS.has(method.toUpperCase());
}

function parsePath(schema: Schema, params: unknown): unknown {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  throw new AppError("NOT_FOUND", parsed.error.issues[0]?.message ?? "Not found.");
}

/** Parses a query string with a schema; a bad value is a 400 naming the parameter. */
export function parseQuery<S extends Schema>(schema: S, searchParams: URLSearchParams): z.output<S> {
  const keys = [...searchParams.keys()];
  const repeated = [...new Set(keys.filter((key, index) => keys.indexOf(key) !== index))];
  if (repeated.length > 0) {
    const fieldErrors = Object.fromEntries(repeated.map((key) => [key, [`${key} is given more than once.`]]));
    throw new AppError("VALIDATION", Object.values(fieldErrors).flat().join(" "), { fieldErrors });
  }
  const parsed = schema.safeParse(Object.fromEntries(searchParams));
  if (parsed.success) return parsed.data;
  const fieldErrors = toFieldErrors(parsed.error);
  throw new AppError("VALIDATION", Object.values(fieldErrors).flat().join(" ") || "The query is not valid.", { fieldErrors });
}

/** A JSON answer with a status and headers (201 + Location, …), never cached. */
export function jsonResponse(value: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return jsonBodyResponse(value, init);
}
