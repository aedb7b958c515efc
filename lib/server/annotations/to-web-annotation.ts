import "server-only";
import { annotationPath } from "../../domain/annotation-container-address.ts";
import { HTML_FRAGMENT_SPEC } from "../../domain/web-annotation-input.ts";
import type { TextPositions } from "../../domain/text-positions.ts";
import type { AnnotationView } from "./present-annotation.ts";

// W3C Web Annotation Data Model (JSON-LD) for our annotations. Scholia-specific fields live in
// the `scholia:` namespace, registered in the @context (an extra context object) so a JSON-LD
// processor expands them to our IRIs instead of minting relative ones.

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
export const ANNO_CONTENT_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

const MOTIVATION = { HIGHLIGHT: "highlighting", COMMENT: "commenting", PARAGRAPH_POST: "commenting", REPLY: "replying" } as const;

/** The IRI the `scholia:` prefix stands for. */
export function scholiaNamespace(origin: string): string {
  return `${origin}/ns/scholia#`;
}

/** The @context of every document we write: the Web Annotation context and the `scholia:` prefix. */
export function annotationContext(origin: string): [typeof ANNO_CONTEXT, { scholia: string }] {
  return [ANNO_CONTEXT, { scholia: scholiaNamespace(origin) }];
}

/**
 * An annotation's IRI: under the container of its reading and context (Protocol §5: the
 * suite's "id starts with the Container IRI"). `place` is the annotation, or one in the same
 * thread (a reply's parent and root share its reading and context).
 */
export function annotationUrl(origin: string, place: { readingId: string; courseId: string | null }, annotationId: string): string {
  return `${origin}${annotationPath(place, annotationId)}`;
}

export function readingUrl(origin: string, readingId: string): string {
  return `${origin}/readings/${readingId}`;
}

/** The reading's plain-text representation, which selectors' positions and quotes refer to. */
export function readingTextUrl(origin: string, readingId: string): string {
  return `${origin}/api/readings/${readingId}/text`;
}

/**
 * What an annotation is about: a range (position and quote selectors), a paragraph (a
 * FragmentSelector naming its `p-N` anchor), or, for a reply, the annotation it answers (as the
 * model's examples and other clients do; the thread's root is kept in `scholia:root`).
 */
function targetOf(view: AnnotationView, origin: string, positions: TextPositions) {
  if (view.kind === "REPLY" && view.parentId) return annotationUrl(origin, view, view.parentId);
  const source = readingUrl(origin, view.readingId);
  if (view.target) {
    return {
      type: "SpecificResource" as const,
      source,
      // Offsets count Unicode code points (model §4.2.4) of this text: the reading's paragraphs
      // joined by a blank line, which is also the text content of the page's paragraphs.
      "scholia:text": readingTextUrl(origin, view.readingId),
      selector: [
        {
          type: "TextPositionSelector" as const,
          start: positions.toCodePoint(view.target.start),
          end: positions.toCodePoint(view.target.end),
        },
        { type: "TextQuoteSelector" as const, exact: view.target.exact, prefix: view.target.prefix, suffix: view.target.suffix },
      ],
    };
  }
  return {
    type: "SpecificResource" as const,
    source,
    selector: { type: "FragmentSelector" as const, conformsTo: HTML_FRAGMENT_SPEC, value: `p-${view.paragraphPosition}` },
  };
}

/** `positions` converts the stored UTF-16 offsets of the view's reading to code points. */
export function toWebAnnotation(view: AnnotationView, origin: string, positions: TextPositions) {
  const provenance = view.provenance;
  const language = provenance?.language ? { language: provenance.language } : {};
  const body =
    view.bodyHtml !== null
      ? [
          { type: "TextualBody", value: view.bodyText ?? "", format: "text/plain", purpose: "commenting", ...language },
          { type: "TextualBody", value: view.bodyHtml, format: "text/html", purpose: "commenting", ...language },
          ...view.tags.map((tag) => ({ type: "TextualBody", value: tag, purpose: "tagging" })),
        ]
      : view.tags.map((tag) => ({ type: "TextualBody", value: tag, purpose: "tagging" }));
  return {
    "@context": annotationContext(origin),
    id: annotationUrl(origin, view, view.id),
    type: "Annotation",
    motivation: MOTIVATION[view.kind],
    created: view.createdAt,
    ...(provenance?.canonical ? { canonical: provenance.canonical } : {}),
    ...(provenance && provenance.via.length > 0 ? { via: provenance.via } : {}),
    ...(view.editedAt ? { modified: view.editedAt } : {}),
    creator: { type: "Person", id: view.author.id ? `${origin}/users/${view.author.id}` : undefined, name: view.author.name },
    ...(body.length > 0 ? { body } : {}),
    target: targetOf(view, origin, positions),
    "scholia:kind": view.kind,
    "scholia:visibility": view.visibility,
    "scholia:course": view.courseId,
    "scholia:paragraph": view.paragraphPosition,
    ...(view.rootId ? { "scholia:root": annotationUrl(origin, view, view.rootId) } : {}),
    "scholia:color": view.color,
    // When the client that sent the annotation says it was created (provenance, as via is).
    ...(provenance?.created ? { "scholia:viaCreated": provenance.created } : {}),
    "scholia:hidden": view.isHidden,
    "scholia:deleted": view.isDeleted,
  };
}

/** The W3C annotation as the API answers it. */
export type WebAnnotation = ReturnType<typeof toWebAnnotation>;
