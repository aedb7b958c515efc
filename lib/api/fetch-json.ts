import type { z } from "zod";
import { apiErrorBodySchema } from "./api-error.ts";
import type { Endpoint, EndpointSpec } from "./endpoint.ts";
import { FetchError, NETWORK_MESSAGE } from "./fetch-error.ts";

// The browser's one way to call the API (after hypothesis/client's fetchJSON): the request is
// built from the endpoint's contract, so its path, query and body are typed by the same zod
// schemas the route parses with, and the answer is typed by the route's result. Every failure
// is a FetchError with a message a person can read.

export { FetchError, messageOf } from "./fetch-error.ts";

type InputOf<S> = S extends z.ZodType ? z.input<S> : never;

/** The request's parts, each present exactly when the endpoint has a schema for it. */
export type RequestOf<Spec extends EndpointSpec> = ([Spec["params"]] extends [z.ZodType] ? { params: InputOf<Spec["params"]> } : object) &
  ([Spec["query"]] extends [z.ZodType] ? { query?: InputOf<Spec["query"]> } : object) &
  ([Spec["body"]] extends [z.ZodType] ? { body: InputOf<Spec["body"]> } : object) & { signal?: AbortSignal };

/** Calls an endpoint; resolves with its typed answer, rejects with a FetchError. */
export async function fetchJSON<Spec extends EndpointSpec, Result>(
  endpoint: Endpoint<Spec, Result>,
  request: RequestOf<Spec>,
): Promise<Result> {
  // Path and query schemas take strings, numbers and booleans (their input types say which).
  const parts = request as { params?: Record<string, UrlValue>; query?: Record<string, UrlValue>; body?: unknown; signal?: AbortSignal };
  const url = buildUrl(endpoint.path, parts.params, parts.query);
  let response: Response;
  try {
    response = await fetch(url, {
      method: endpoint.method,
      headers: { Accept: "application/json", ...(parts.body !== undefined ? { "Content-Type": "application/json" } : {}) },
      body: parts.body !== undefined ? JSON.stringify(parts.body) : undefined,
      signal: parts.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new FetchError(0, "NETWORK", NETWORK_MESSAGE);
  }
  const payload: unknown = response.status === 204 ? null : await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = apiErrorBodySchema.safeParse(payload);
    if (problem.success) {
      const { code, message, fieldErrors } = problem.data.error;
      throw new FetchError(response.status, code, message, fieldErrors);
    }
    throw new FetchError(response.status, "UNEXPECTED_RESPONSE", `Scholia answered ${response.status}. Try again.`);
  }
  if (payload === undefined) throw new FetchError(response.status, "UNEXPECTED_RESPONSE", "Scholia's answer could not be read. Try again.");
  // The one place an answer gets its type: the endpoint's contract says what its route returns.
  return payload as Result;
}

/** The path with its `:name` segments filled in (encoded), and the query's defined values. */
type UrlValue = string | number | boolean | readonly string[] | null | undefined;

export function buildUrl(path: string, params: Record<string, UrlValue> = {}, query: Record<string, UrlValue> = {}): string {
  const filled = path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(params[name] ?? "")));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    search.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  const queryString = search.toString();
  return queryString ? `${filled}?${queryString}` : filled;
}
