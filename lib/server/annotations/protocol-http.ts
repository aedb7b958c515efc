import "server-only";
import { createHash } from "node:crypto";
import { ANNO_PROFILE, isNotModified, negotiateAnnotationMediaType, type AnnotationMediaType } from "../../domain/annotation-protocol.ts";
import { parseBearerToken } from "../../domain/api-token.ts";
import { AppError } from "../app-error.ts";
import { cacheControlFor } from "../http.ts";
import type { RouteContext, RouteHandler } from "../route.ts";
import { ANNO_CONTENT_TYPE } from "./to-web-annotation.ts";

// The HTTP side of the Web Annotation Protocol shared by its routes: content negotiation,
// entity tags and the headers the protocol asks for (§4 containers, §5 annotations).

export const CONTAINER_ALLOW = "GET, HEAD, OPTIONS, POST";
export const PAGE_ALLOW = "GET, HEAD, OPTIONS";
export const ANNOTATION_ALLOW = "GET, HEAD, OPTIONS, PUT, PATCH, DELETE";
const ACCEPT_POST = `${ANNO_CONTENT_TYPE}, application/ld+json, application/json`;
const CONSTRAINED_BY = '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"';
const JSON_LD_CONTEXT_LINK = `<${ANNO_PROFILE}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`;

/** The media type to answer a protocol request with, or NOT_ACCEPTABLE (406). */
export function negotiateMediaType(request: Request): AnnotationMediaType {
  const mediaType = negotiateAnnotationMediaType(request.headers.get("accept"));
  if (mediaType === null) {
    throw new AppError("NOT_ACCEPTABLE", `This resource is available as ${ANNO_CONTENT_TYPE} or application/json.`);
  }
  return mediaType;
}

/** A strong entity tag of a representation: equal bytes, equal tag (whatever the media type, as the body is the same). */
export function entityTagOf(representation: unknown): string {
  return entityTagOfJson(JSON.stringify(representation));
}

/** entityTagOf for a representation already serialised. */
function entityTagOfJson(json: string): string {
  return `"${createHash("sha256").update(json).digest("base64url").slice(0, 32)}"`;
}

/** True when the request came with a personal API token rather than the browser session. */
export function isTokenRequest(request: Request): boolean {
  return parseBearerToken(request.headers.get("authorization")) !== null;
}

type ResourceKind = "container" | "page" | "annotation";
/** Resources beside the protocol's own that token clients use too: an annotation's replies, a reading's text. */
type CompanionKind = "replies" | "text";

const ALLOW: Record<ResourceKind | CompanionKind, string> = {
  container: CONTAINER_ALLOW,
  page: PAGE_ALLOW,
  annotation: ANNOTATION_ALLOW,
  replies: "OPTIONS, POST",
  text: "GET, HEAD, OPTIONS",
};

function linkFor(kind: ResourceKind, mediaType: AnnotationMediaType): string {
  const links =
    kind === "container"
      ? ['<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"', CONSTRAINED_BY]
      : kind === "annotation"
        ? ['<http://www.w3.org/ns/ldp#Resource>; rel="type"']
        : [];
  // Served as plain JSON, the document still names its context in the body; the Link says it too (JSON-LD 1.1 §6.1).
  if (mediaType === "json") links.push(JSON_LD_CONTEXT_LINK);
  return links.join(", ");
}

/** The headers of a protocol resource without a body (OPTIONS, and the base of every response). */
export function protocolHeaders(kind: ResourceKind, mediaType: AnnotationMediaType = "ld+json"): Record<string, string> {
  const headers: Record<string, string> = {
    Allow: ALLOW[kind],
    Vary: kind === "annotation" ? "Accept" : "Accept, Prefer",
    // Per-person data: never in a shared cache; a private copy is always revalidated (ETag → 304).
    "Cache-Control": "private, no-cache",
  };
  const link = linkFor(kind, mediaType);
  if (link) headers.Link = link;
  if (kind === "container") headers["Accept-Post"] = ACCEPT_POST;
  return headers;
}

/**
 * A protocol representation: JSON-LD (or JSON) with its ETag, a 304 when the client's copy is
 * current, and no body for HEAD.
 */
export function protocolResponse(
  request: Request,
  representation: unknown,
  {
    kind,
    mediaType,
    status = 200,
    extraHeaders = {},
  }: { kind: ResourceKind; mediaType: AnnotationMediaType; status?: number; extraHeaders?: Record<string, string> },
): Response {
  const body = JSON.stringify(representation);
  const etag = entityTagOfJson(body);
  const headers: Record<string, string> = { ...protocolHeaders(kind, mediaType), ETag: etag, ...extraHeaders };
  // A small answer is not gzipped (cacheControlFor, lib/server/http.ts); its HEAD and its 304
  // carry the same Cache-Control as its 200.
  headers["Cache-Control"] = cacheControlFor(Buffer.byteLength(body), headers["Cache-Control"] ?? "no-store");
  const isRead = request.method === "GET" || request.method === "HEAD";
  if (isRead && isNotModified(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  headers["Content-Type"] = mediaType === "json" ? "application/json" : ANNO_CONTENT_TYPE;
  if (request.method === "HEAD") return new Response(null, { status, headers });
  return new Response(body, { status, headers });
}

// CORS for token clients (an Annotorious or apache-annotator app on another origin): a Bearer
// token is sent by the script explicitly, so any origin may use it; cookies never get CORS
// headers, so a page elsewhere can never read or write with someone's session.
const CORS_ALLOW_HEADERS = "Authorization, Content-Type, Accept, If-Match, If-None-Match, Prefer";
const CORS_EXPOSE_HEADERS = "Location, Content-Location, ETag, Link, Allow, Accept-Post, Preference-Applied, Retry-After";

function corsHeaders(): Record<string, string> {
  return { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": CORS_EXPOSE_HEADERS };
}

/**
 * A protocol resource's OPTIONS: its Allow, Link and Accept-Post, and — for a CORS preflight of a
 * request that will carry an Authorization header (a token client) — the CORS answer. A
 * preflight for a request without one (it could only use cookies) gets no CORS headers.
 */
export function protocolOptions(request: Request, kind: ResourceKind | CompanionKind): Response {
  const headers: Record<string, string> = kind === "replies" || kind === "text" ? { Allow: ALLOW[kind] } : protocolHeaders(kind);
  const requested = (request.headers.get("access-control-request-headers") ?? "").toLowerCase().split(/\s*,\s*/);
  if (request.headers.get("access-control-request-method") && requested.includes("authorization")) {
    Object.assign(headers, corsHeaders(), {
      "Access-Control-Allow-Methods": headers.Allow,
      "Access-Control-Allow-Headers": CORS_ALLOW_HEADERS,
      "Access-Control-Max-Age": "600",
    });
  }
  // 200, as the W3C protocol test suite checks ("Containers MUST support OPTIONS method").
  return new Response(null, { status: 200, headers });
}

/**
 * Wraps a protocol route handler: an error answer carries the Link to the protocol's constraints
 * (Web Annotation Protocol §4, an LDP server's constrainedBy), and a Bearer-token request gets
 * the CORS headers on whatever it is answered.
 */
export function protocolRoute(handler: RouteHandler): RouteHandler {
  return async (request: Request, context: RouteContext) => {
    const response = await handler(request, context);
    if (response.status >= 400 && !response.headers.get("link")?.includes("constrainedBy")) {
      response.headers.append("Link", CONSTRAINED_BY);
    }
    if (isTokenRequest(request)) for (const [name, value] of Object.entries(corsHeaders())) response.headers.set(name, value);
    return response;
  };
}
