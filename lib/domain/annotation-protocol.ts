// HTTP header rules of the W3C Web Annotation Protocol (https://www.w3.org/TR/annotation-protocol/)
// as pure functions: which media type to answer with (Accept), how much of a container to
// embed (Prefer), and whether a request's preconditions hold (If-Match, If-None-Match).

export const ANNO_PROFILE = "http://www.w3.org/ns/anno.jsonld";
export const PREFER_MINIMAL_CONTAINER = "http://www.w3.org/ns/ldp#PreferMinimalContainer";
export const PREFER_CONTAINED_IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs";
export const PREFER_CONTAINED_DESCRIPTIONS = "http://www.w3.org/ns/oa#PreferContainedDescriptions";

/** "ld+json" is application/ld+json with the anno.jsonld profile; "json" is application/json. */
export type AnnotationMediaType = "ld+json" | "json";

type MediaRange = { type: string; subtype: string; params: Map<string, string>; q: number };

/** Splits a header on commas and semicolons outside double quotes. */
function splitOutsideQuotes(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  let isQuoted = false;
  for (const character of value) {
    if (character === '"') isQuoted = !isQuoted;
    if (character === separator && !isQuoted) {
      parts.push(current);
      current = "";
    } else {
      current += character;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== "");
}

function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

function parseParams(parts: string[]): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of parts) {
    const equals = part.indexOf("=");
    if (equals <= 0) continue;
    params.set(part.slice(0, equals).trim().toLowerCase(), unquote(part.slice(equals + 1)));
  }
  return params;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const item of splitOutsideQuotes(header, ",")) {
    const [mediaType = "", ...rest] = splitOutsideQuotes(item, ";");
    const [type, subtype] = mediaType.toLowerCase().split("/");
    if (!type || !subtype) continue;
    const params = parseParams(rest);
    const qValue = params.get("q");
    params.delete("q");
    const q = qValue === undefined ? 1 : Number(qValue);
    ranges.push({ type, subtype, params, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 });
  }
  return ranges;
}

/** How specifically a range names a candidate (higher wins), or -1 when it does not match it. */
function specificity(range: MediaRange, candidate: AnnotationMediaType): number {
  if (range.type === "*" && range.subtype === "*") return 0;
  if (range.type !== "application") return -1;
  if (range.subtype === "*") return 1;
  if (candidate === "json") return range.subtype === "json" ? 2 : -1;
  if (range.subtype !== "ld+json") return -1;
  const profile = range.params.get("profile");
  if (profile === undefined) return 2;
  // A profile is a space-separated list of IRIs; one naming another vocabulary only is not ours.
  return profile.split(/\s+/).includes(ANNO_PROFILE) ? 3 : -1;
}

function qualityOf(ranges: MediaRange[], candidate: AnnotationMediaType): number {
  let best = { specificity: -1, q: 0 };
  for (const range of ranges) {
    const level = specificity(range, candidate);
    if (level > best.specificity) best = { specificity: level, q: range.q };
  }
  return best.specificity < 0 ? 0 : best.q;
}

/**
 * The media type to answer with, or null when the client accepts neither (→ 406). No Accept
 * header, or a wildcard, gets the protocol's JSON-LD; a tie prefers JSON-LD too.
 */
export function negotiateAnnotationMediaType(accept: string | null): AnnotationMediaType | null {
  if (accept === null || accept.trim() === "") return "ld+json";
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return "ld+json";
  const ld = qualityOf(ranges, "ld+json");
  const json = qualityOf(ranges, "json");
  if (ld === 0 && json === 0) return null;
  return json > ld ? "json" : "ld+json";
}

/** What a container's representation embeds: no page, its first page with IRIs, or with descriptions. */
export type ContainerPreference = "minimal" | "iris" | "descriptions";

/**
 * The container preference of a Prefer header (`return=representation; include="…"`), or null
 * when it expresses none of the three. Minimal wins over IRIs, IRIs over descriptions, as the
 * smaller answer is always a correct one.
 */
export function parseContainerPreference(prefer: string | null): ContainerPreference | null {
  if (!prefer) return null;
  for (const preference of splitOutsideQuotes(prefer, ",")) {
    const [head = "", ...rest] = splitOutsideQuotes(preference, ";");
    if (head.replace(/\s+/g, "").toLowerCase() !== "return=representation") continue;
    const include = (parseParams(rest).get("include") ?? "").split(/\s+/);
    if (include.includes(PREFER_MINIMAL_CONTAINER)) return "minimal";
    if (include.includes(PREFER_CONTAINED_IRIS)) return "iris";
    if (include.includes(PREFER_CONTAINED_DESCRIPTIONS)) return "descriptions";
  }
  return null;
}

type EntityTagList = "*" | { tag: string; isWeak: boolean }[];

function parseEntityTags(header: string): EntityTagList {
  if (header.trim() === "*") return "*";
  const tags: { tag: string; isWeak: boolean }[] = [];
  for (const match of header.matchAll(/(W\/)?"([^"]*)"/g)) tags.push({ tag: match[2] ?? "", isWeak: match[1] !== undefined });
  return tags;
}

/**
 * If-Match (RFC 9110 §13.1.1): true when the header is absent, is "*" (the resource exists
 * whenever this is asked), or lists the current tag by strong comparison (a weak tag never matches).
 */
export function isIfMatchSatisfied(header: string | null, currentTag: string): boolean {
  if (header === null) return true;
  const tags = parseEntityTags(header);
  if (tags === "*") return true;
  return tags.some((candidate) => !candidate.isWeak && `"${candidate.tag}"` === currentTag);
}

/** If-None-Match on a GET (RFC 9110 §13.1.2): true when the client's copy is current (→ 304), by weak comparison. */
export function isNotModified(header: string | null, currentTag: string): boolean {
  if (header === null) return false;
  const tags = parseEntityTags(header);
  if (tags === "*") return true;
  const current = currentTag.replace(/^W\//, "");
  return tags.some((candidate) => `"${candidate.tag}"` === current);
}
