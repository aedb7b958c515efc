import { z } from "zod";
import { annotationIdOfIri } from "./annotation-container-address.ts";
import { indexTextPositions } from "./text-positions.ts";
import { anchor, MAX_CONTEXT_INPUT_LENGTH, MAX_QUOTE_LENGTH, type TextPositionSelector, type TextQuoteSelector } from "./anchoring.ts";

// What a Web Annotation client sends (https://www.w3.org/TR/annotation-model/), read into the
// few things Scholia stores: a range of the reading (TextQuoteSelector and/or
// TextPositionSelector) or a whole paragraph (`…/readings/<id>#p-<n>`, as we write it), one
// commentary body (TextualBody, text/plain or text/html; or bodyValue), tagging bodies, and the
// `scholia:` fields we emit. Anything we would silently drop is refused instead, so a client
// never believes something was stored that was not.

/** The HTML fragment syntax (the model's table of FragmentSelector specifications names RFC 3986 for HTML). */
export const HTML_FRAGMENT_SPEC = "http://tools.ietf.org/rfc/rfc3986";

const MOTIVATIONS = ["highlighting", "commenting", "replying"] as const;
export type WebAnnotationMotivation = (typeof MOTIVATIONS)[number];

const COMMENT_FORMATS = ["text/plain", "text/html"] as const;

/** Where the profile Scholia stores is described: named in every refusal of an unsupported field. */
export const SUPPORTED_PROFILE = "the Web Annotation profile in Scholia's README (HTTP API, \u201cSupported profile\u201d)";

/**
 * Properties Scholia sets itself. A PUT may send them back as they were read (they are not
 * stored from the client); a POST may not claim them.
 */
export const SERVER_MANAGED_FIELDS = [
  "modified",
  "scholia:kind",
  "scholia:paragraph",
  "scholia:hidden",
  "scholia:deleted",
  "scholia:root",
  "scholia:viaCreated",
] as const;

// What each object may hold; any other key is refused by name (a silently dropped field would
// let a client believe something was stored that was not).
const ANNOTATION_KEYS = new Set([
  "@context",
  "id",
  "type",
  "motivation",
  "body",
  "bodyValue",
  "target",
  "canonical",
  "via",
  "created",
  "creator",
  "scholia:visibility",
  "scholia:color",
  "scholia:group",
  "scholia:course",
  ...SERVER_MANAGED_FIELDS,
]);
const BODY_KEYS = new Set(["type", "value", "format", "purpose", "language"]);
const TARGET_KEYS = new Set(["type", "source", "selector", "scholia:text"]);
const SELECTOR_KEYS: Record<string, Set<string>> = {
  TextQuoteSelector: new Set(["type", "exact", "prefix", "suffix"]),
  TextPositionSelector: new Set(["type", "start", "end"]),
  FragmentSelector: new Set(["type", "value", "conformsTo"]),
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/**
 * The first property of a W3C annotation that is outside the supported profile, with its path
 * (`body[1].language`, `target.renderedVia`), or null. Runs before the schema, so the client is
 * told which field is unsupported rather than that the input is invalid.
 */
export function findUnsupportedField(raw: unknown): { field: string; message: string } | null {
  if (!isRecord(raw)) return null;
  const unsupported = (field: string) => ({
    field,
    message: `${field}: not supported; Scholia stores ${SUPPORTED_PROFILE}, and refuses what it would not keep.`,
  });
  for (const key of Object.keys(raw)) if (!ANNOTATION_KEYS.has(key)) return unsupported(key);
  const bodies = raw.body === undefined ? [] : listOf(raw.body);
  for (const [index, body] of bodies.entries()) {
    if (!isRecord(body)) continue;
    const path = Array.isArray(raw.body) ? `body[${index}]` : "body";
    for (const key of Object.keys(body)) if (!BODY_KEYS.has(key)) return unsupported(`${path}.${key}`);
  }
  const targets = listOf(raw.target);
  for (const [index, target] of targets.entries()) {
    if (!isRecord(target)) continue;
    const path = Array.isArray(raw.target) ? `target[${index}]` : "target";
    for (const key of Object.keys(target)) if (!TARGET_KEYS.has(key)) return unsupported(`${path}.${key}`);
    if (target.selector === undefined) continue;
    for (const [selectorIndex, selector] of listOf(target.selector).entries()) {
      if (!isRecord(selector) || typeof selector.type !== "string") continue;
      const allowed = SELECTOR_KEYS[selector.type];
      if (!allowed) continue; // the schema names the selector types it takes
      const selectorPath = Array.isArray(target.selector) ? `${path}.selector[${selectorIndex}]` : `${path}.selector`;
      for (const key of Object.keys(selector)) if (!allowed.has(key)) return unsupported(`${selectorPath}.${key}`);
    }
  }
  return null;
}
export type CommentFormat = (typeof COMMENT_FORMATS)[number];

const textualBodySchema = z.object({
  type: z.literal("TextualBody", { error: 'Each body is a TextualBody (type "TextualBody").' }).optional(),
  value: z.string({ error: "A TextualBody has a string value." }),
  format: z.string().optional(),
  purpose: z.string().optional(),
  language: z.string().optional(),
});

const quoteSelectorSchema = z.object({
  type: z.literal("TextQuoteSelector"),
  exact: z
    .string()
    .min(1, "A TextQuoteSelector's exact text cannot be empty.")
    .max(MAX_QUOTE_LENGTH, `A TextQuoteSelector's exact text is at most ${MAX_QUOTE_LENGTH.toLocaleString("en")} characters.`),
  // Only the 32 characters next to the quote are used; more than this is refused, not cut.
  prefix: z
    .string()
    .max(MAX_CONTEXT_INPUT_LENGTH, `A TextQuoteSelector's prefix is at most ${MAX_CONTEXT_INPUT_LENGTH.toLocaleString("en")} characters.`)
    .optional(),
  suffix: z
    .string()
    .max(MAX_CONTEXT_INPUT_LENGTH, `A TextQuoteSelector's suffix is at most ${MAX_CONTEXT_INPUT_LENGTH.toLocaleString("en")} characters.`)
    .optional(),
});

const offsetSchema = z
  .number({ error: "Offsets are whole numbers." })
  .int("Offsets are whole numbers.")
  .min(0, "Offsets cannot be negative.");
const positionSelectorSchema = z
  .object({ type: z.literal("TextPositionSelector"), start: offsetSchema, end: offsetSchema })
  .refine((selector) => selector.end > selector.start, "A TextPositionSelector ends after it starts.");

/** A paragraph, by the `p-N` anchor the reading page gives it (as we write it). */
const fragmentSelectorSchema = z.object({
  type: z.literal("FragmentSelector"),
  value: z.string().regex(/^p-[1-9]\d{0,5}$/, 'A FragmentSelector names a paragraph: "p-<n>", n from 1.'),
  conformsTo: z
    .literal(HTML_FRAGMENT_SPEC, { error: `A FragmentSelector here conforms to ${HTML_FRAGMENT_SPEC} (HTML fragments).` })
    .optional(),
});

const selectorSchema = z.union([quoteSelectorSchema, positionSelectorSchema, fragmentSelectorSchema], {
  error:
    'Selectors are TextQuoteSelector {exact, prefix?, suffix?}, TextPositionSelector {start, end} or FragmentSelector {value: "p-<n>"}.',
});

const specificResourceSchema = z.object({
  type: z.literal("SpecificResource").optional(),
  source: z.string().optional(),
  selector: z.union([selectorSchema, z.array(selectorSchema).min(1).max(2)]).optional(),
});

const targetSchema = z.union([z.string(), specificResourceSchema], { error: "target is an IRI or a SpecificResource {source, selector}." });

const iriSchema = z
  .string({ error: "An IRI is a string." })
  .min(1, "An IRI cannot be empty.")
  .max(2_000, "An IRI is at most 2,000 characters.");

export const webAnnotationInputSchema = z.object({
  "@context": z.unknown().optional(),
  id: iriSchema.optional(),
  type: z.union([z.literal("Annotation"), z.array(z.string()).refine((types) => types.includes("Annotation"))], {
    error: 'type is "Annotation".',
  }),
  motivation: z.enum(MOTIVATIONS, { error: `motivation is ${MOTIVATIONS.join(", ")}.` }).optional(),
  body: z
    .union([textualBodySchema, z.array(textualBodySchema).max(20, "Send at most 20 bodies.")], {
      error: "body is a TextualBody {type, value, format?, purpose?, language?} or a list of them.",
    })
    .optional(),
  bodyValue: z.string({ error: "bodyValue is a string." }).optional(),
  target: z.union([targetSchema, z.array(targetSchema).length(1, "An annotation here has exactly one target.")]),
  canonical: iriSchema.optional(),
  via: z
    .union([iriSchema, z.array(iriSchema).max(20, "Send at most 20 via IRIs.")], { error: "via is an IRI or a list of IRIs." })
    .optional(),
  created: z.iso.datetime({ offset: true, error: "created is an xsd:dateTime with a timezone (e.g. 2020-05-01T12:00:00Z)." }).optional(),
  creator: z.unknown().optional(),
  "scholia:visibility": z.string().optional(),
  "scholia:color": z.string().nullable().optional(),
  "scholia:group": z.string().optional(),
  "scholia:course": z.string().nullable().optional(),
  // Server-managed: read as sent, never stored (SERVER_MANAGED_FIELDS).
  modified: z.unknown().optional(),
  "scholia:kind": z.unknown().optional(),
  "scholia:paragraph": z.unknown().optional(),
  "scholia:hidden": z.unknown().optional(),
  "scholia:deleted": z.unknown().optional(),
  "scholia:root": z.unknown().optional(),
  "scholia:viaCreated": z.unknown().optional(),
});

export type WebAnnotationInput = z.infer<typeof webAnnotationInputSchema>;

export type WebAnnotationTarget =
  | { kind: "range"; source: string | null; position: TextPositionSelector | null; quote: TextQuoteSelector | null }
  | { kind: "paragraph"; source: string; paragraph: number }
  /** Another annotation (its IRI, …/annotations/<id> under its container): what a reply targets. */
  | { kind: "annotation"; source: null; annotationId: string };

/** A W3C annotation read into Scholia's terms; validated further by the annotation services. */
export type WebAnnotationDraft = {
  motivation: WebAnnotationMotivation | null;
  target: WebAnnotationTarget;
  comment: { format: CommentFormat; value: string } | null;
  tags: string[];
  visibility: string | undefined;
  color: string | null | undefined;
  groupId: string | undefined;
  courseId: string | null | undefined;
  /** The IRI the client gave the annotation (POST: kept in via; PUT: must be this annotation's). */
  id: string | undefined;
  /** The creator's IRI as sent, null when it named none; undefined when no creator was sent. */
  creatorIri: string | null | undefined;
  provenance: { canonical: string | null; via: string[]; created: string | null; language: string | null };
  /** Server-managed properties that were sent (SERVER_MANAGED_FIELDS). */
  serverManaged: string[];
};

export type ReadWebAnnotationResult = { ok: true; draft: WebAnnotationDraft } | { ok: false; field: string; message: string };

/** True for a body that claims to be a W3C annotation (rather than Scholia's own create/update shape). */
export function isWebAnnotationBody(body: unknown): boolean {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const record = body as Record<string, unknown>;
  return "@context" in record || record.type === "Annotation" || (Array.isArray(record.type) && record.type.includes("Annotation"));
}

const PARAGRAPH_FRAGMENT = /#p-(\d{1,6})$/;

/** Reads a parsed W3C annotation; refuses what Scholia cannot store with a message naming the field. */
export function readWebAnnotation(input: WebAnnotationInput): ReadWebAnnotationResult {
  const bodies = input.body === undefined ? [] : Array.isArray(input.body) ? input.body : [input.body];
  const tags: string[] = [];
  const comments: { format: CommentFormat; value: string }[] = [];
  const languages = new Set<string>();
  for (const [index, body] of bodies.entries()) {
    if (body.language !== undefined) {
      if (body.purpose === "tagging") {
        return {
          ok: false,
          field: `body[${index}].language`,
          message: `body[${index}].language: a tag has no language here; give it on the comment.`,
        };
      }
      languages.add(body.language);
    }
    if (body.purpose === "tagging") {
      tags.push(body.value);
      continue;
    }
    if (body.purpose !== undefined && body.purpose !== "commenting" && body.purpose !== "replying") {
      return { ok: false, field: "body", message: `A body's purpose is commenting or tagging, not "${body.purpose}".` };
    }
    const format = body.format ?? "text/plain";
    if (!(COMMENT_FORMATS as readonly string[]).includes(format)) {
      return { ok: false, field: "body", message: `A commenting body is text/plain or text/html, not "${format}".` };
    }
    comments.push({ format: format as CommentFormat, value: body.value });
  }
  if (input.bodyValue !== undefined) comments.push({ format: "text/plain", value: input.bodyValue });
  // We write one comment twice, as text and as HTML; a client that sends ours back (or both
  // forms of its own) means one comment, and the HTML form keeps the formatting.
  const formats = new Set(comments.map((candidate) => candidate.format));
  if (comments.length > formats.size) {
    return { ok: false, field: "body", message: "Send one commenting body (as text/plain, text/html or both forms of the same text)." };
  }
  const comment = comments.find((candidate) => candidate.format === "text/html") ?? comments[0] ?? null;

  if (languages.size > 1)
    return { ok: false, field: "body", message: "body: the text/plain and text/html forms of a comment have one language." };
  const [language = null] = languages;
  if (language !== null && comment === null)
    return { ok: false, field: "body", message: "body: a language is that of a comment; send the comment." };
  const creatorIri = readCreatorIri(input.creator);
  if (creatorIri === false) return { ok: false, field: "creator", message: "creator: an IRI, or an Agent {id, type?, name?}." };

  const rawTarget = Array.isArray(input.target) ? input.target[0]! : input.target;
  const target = readTarget(rawTarget);
  if (!target.ok) return target;
  return {
    ok: true,
    draft: {
      motivation: input.motivation ?? null,
      target: target.target,
      comment,
      tags,
      visibility: input["scholia:visibility"],
      color: input["scholia:color"],
      groupId: input["scholia:group"],
      courseId: input["scholia:course"],
      id: input.id,
      creatorIri,
      provenance: {
        canonical: input.canonical ?? null,
        via: input.via === undefined ? [] : Array.isArray(input.via) ? input.via : [input.via],
        created: input.created === undefined ? null : new Date(input.created).toISOString(),
        language,
      },
      serverManaged: SERVER_MANAGED_FIELDS.filter((field) => input[field] !== undefined),
    },
  };
}

/** The creator's IRI (a string, or an Agent's id), null for an Agent without one, false for anything else. */
function readCreatorIri(creator: unknown): string | null | undefined | false {
  if (creator === undefined) return undefined;
  if (typeof creator === "string") return creator;
  if (!isRecord(creator)) return false;
  for (const key of Object.keys(creator)) if (!["id", "type", "name"].includes(key)) return false;
  if (creator.id === undefined) return null;
  return typeof creator.id === "string" ? creator.id : false;
}

function readTarget(
  target: string | z.infer<typeof specificResourceSchema>,
): { ok: true; target: WebAnnotationTarget } | { ok: false; field: string; message: string } {
  const source = typeof target === "string" ? target : (target.source ?? null);
  const selectors =
    typeof target === "string" || target.selector === undefined ? [] : Array.isArray(target.selector) ? target.selector : [target.selector];
  if (selectors.length === 0) {
    const annotationId = source === null ? null : annotationIdOfIri(source);
    if (annotationId !== null) return { ok: true, target: { kind: "annotation", source: null, annotationId } };
    const paragraph = source === null ? null : PARAGRAPH_FRAGMENT.exec(source);
    if (source === null || !paragraph) {
      return {
        ok: false,
        field: "target",
        message:
          "target needs a TextQuoteSelector or TextPositionSelector, a paragraph (…/readings/<id>#p-<n>, or a FragmentSelector p-<n>), or for a reply the annotation it answers (its IRI, …/annotations/<id>).",
      };
    }
    return { ok: true, target: { kind: "paragraph", source, paragraph: Number(paragraph[1]) } };
  }
  const fragment = selectors.find((selector) => selector.type === "FragmentSelector");
  if (fragment) {
    if (selectors.length > 1)
      return { ok: false, field: "target.selector", message: "A FragmentSelector is the only selector of its target." };
    if (source === null) return { ok: false, field: "target.source", message: "A FragmentSelector needs the reading as its source." };
    return { ok: true, target: { kind: "paragraph", source, paragraph: Number(fragment.value.slice(2)) } };
  }
  let position: TextPositionSelector | null = null;
  let quote: TextQuoteSelector | null = null;
  for (const selector of selectors) {
    if (selector.type === "FragmentSelector") continue;
    if (selector.type === "TextPositionSelector") {
      if (position) return { ok: false, field: "target", message: "Send at most one TextPositionSelector." };
      position = { start: selector.start, end: selector.end };
    } else {
      if (quote) return { ok: false, field: "target", message: "Send at most one TextQuoteSelector." };
      quote = { exact: selector.exact, prefix: selector.prefix ?? "", suffix: selector.suffix ?? "" };
    }
  }
  return { ok: true, target: { kind: "range", source, position, quote } };
}

export type ResolveRangeResult = { ok: true; start: number; end: number } | { ok: false; message: string };

/**
 * Where a range target lies in the reading's canonical text, as UTF-16 offsets (what Scholia
 * stores). A TextPositionSelector counts Unicode code points (Web Annotation model §4.2.4) of
 * the reading's text representation (GET /api/readings/<id>/text). With a quote too, the text
 * at the offsets must be the quote: offsets that contradict it are refused, never moved. A
 * quote alone is placed where it occurs (its context choosing among several occurrences), and
 * only an exact occurrence counts.
 */
export function resolveRangeTarget(
  canonicalText: string,
  target: { position: TextPositionSelector | null; quote: TextQuoteSelector | null },
): ResolveRangeResult {
  const { quote } = target;
  let position: TextPositionSelector | null = null;
  if (target.position) {
    const positions = indexTextPositions(canonicalText);
    if (target.position.end > positions.codePointLength) {
      return {
        ok: false,
        message: `The TextPositionSelector ends at ${target.position.end}, past the end of the text (${positions.codePointLength} code points).`,
      };
    }
    position = { start: positions.toUtf16(target.position.start), end: positions.toUtf16(target.position.end) };
  }
  if (!quote) {
    if (!position) return { ok: false, message: "target needs a TextQuoteSelector or TextPositionSelector." };
    return { ok: true, start: position.start, end: position.end };
  }
  if (position) {
    if (canonicalText.slice(position.start, position.end) === quote.exact) return { ok: true, start: position.start, end: position.end };
    return {
      ok: false,
      message:
        "The TextPositionSelector does not select the TextQuoteSelector's exact text (offsets count Unicode code points of the reading's text, GET /api/readings/<id>/text); correct the offsets or leave them out.",
    };
  }
  const first = canonicalText.indexOf(quote.exact);
  if (first < 0) return { ok: false, message: "The TextQuoteSelector's exact text does not occur in this reading." };
  if (canonicalText.indexOf(quote.exact, first + 1) < 0) return { ok: true, start: first, end: first + quote.exact.length };
  // Several occurrences: only the context can say which one was meant.
  const hasHint = quote.prefix !== "" || quote.suffix !== "";
  // Only exact occurrences count here, so the approximate pass is not run at all.
  const found = hasHint ? anchor(canonicalText, { position: null, quote }, { allowFuzzy: false }) : null;
  if (found?.status === "anchored" && canonicalText.slice(found.start, found.end) === quote.exact) {
    return { ok: true, start: found.start, end: found.end };
  }
  return {
    ok: false,
    message: "The quoted text occurs more than once here; add its prefix and suffix or a TextPositionSelector to say which.",
  };
}
