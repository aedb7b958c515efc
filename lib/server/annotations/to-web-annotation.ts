import "server-only";
import type { AnnotationView } from "./present-annotation.ts";

// W3C Web Annotation Data Model (JSON-LD) for our annotations. Scholia-specific fields live in
// a `scholia:` block (the JSON-LD context leaves unknown terms alone).

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
export const ANNO_CONTENT_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

const MOTIVATION = { HIGHLIGHT: "highlighting", COMMENT: "commenting", PARAGRAPH_POST: "commenting", REPLY: "replying" } as const;

export function annotationUrl(origin: string, annotationId: string): string {
  return `${origin}/api/annotations/${annotationId}`;
}

export function toWebAnnotation(view: AnnotationView, origin: string) {
  const source = `${origin}/readings/${view.readingId}`;
  const target = view.target
    ? {
        source,
        selector: [
          { type: "TextPositionSelector", start: view.target.start, end: view.target.end },
          { type: "TextQuoteSelector", exact: view.target.exact, prefix: view.target.prefix, suffix: view.target.suffix },
        ],
      }
    : { source: `${source}#p-${view.paragraphPosition}`, type: "SpecificResource" };
  const body =
    view.bodyHtml !== null
      ? [
          { type: "TextualBody", value: view.bodyText ?? "", format: "text/plain", purpose: "commenting" },
          { type: "TextualBody", value: view.bodyHtml, format: "text/html", purpose: "commenting" },
          ...view.tags.map((tag) => ({ type: "TextualBody", value: tag, purpose: "tagging" })),
        ]
      : view.tags.map((tag) => ({ type: "TextualBody", value: tag, purpose: "tagging" }));
  return {
    "@context": ANNO_CONTEXT,
    id: annotationUrl(origin, view.id),
    type: "Annotation",
    motivation: MOTIVATION[view.kind],
    created: view.createdAt,
    ...(view.editedAt ? { modified: view.editedAt } : {}),
    creator: { type: "Person", id: view.author.id ? `${origin}/users/${view.author.id}` : undefined, name: view.author.name },
    ...(body.length > 0 ? { body } : {}),
    target,
    "scholia:kind": view.kind,
    "scholia:visibility": view.visibility,
    "scholia:course": view.courseId,
    "scholia:paragraph": view.paragraphPosition,
    "scholia:color": view.color,
    "scholia:hidden": view.isHidden,
    "scholia:deleted": view.isDeleted,
  };
}

/** The W3C annotation as the API answers it. */
export type WebAnnotation = ReturnType<typeof toWebAnnotation>;
