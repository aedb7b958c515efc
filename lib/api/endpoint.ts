import type { z } from "zod";

// An endpoint's contract, shared by its route handler (lib/server/route.ts parses with these
// schemas) and the browser client (lib/api/fetch-json.ts builds the request from them and types
// the answer). One object per endpoint, so the two sides cannot drift apart.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type EndpointSpec = {
  method: HttpMethod;
  /** The path with `:name` for each segment in `params`, e.g. "/api/annotations/:id/upvote". */
  path: `/api/${string}`;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
};

/** A contract; `Result` is the JSON its handler answers with (no body: `null`). */
export type Endpoint<Spec extends EndpointSpec = EndpointSpec, Result = unknown> = Spec & {
  /** Never set: carries the answer's type from the route to the client. */
  readonly result?: Result;
};

/**
 * Declares an endpoint answering `Result`: `endpoint<ThreadPage>()({ method, path, params, query })`.
 * (Curried so the schemas are inferred while the answer's type is given.)
 */
export function endpoint<Result>() {
  return <const Spec extends EndpointSpec>(spec: Spec): Endpoint<Spec, Result> => spec;
}

export type ResultOf<E> = E extends Endpoint<EndpointSpec, infer Result> ? Result : never;
