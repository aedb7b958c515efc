// The `scholia:` vocabulary: the terms Scholia adds to W3C Web Annotations (lib/server/annotations/
// to-web-annotation.ts writes them). Its namespace IRI, <origin>/ns/scholia#, is served as this
// document (app/ns/scholia/route.ts), as JSON-LD or HTML, so each term's IRI names something.

export type VocabularyTerm = { term: string; kind: "Property"; range: string; comment: string };

export const SCHOLIA_TERMS: readonly VocabularyTerm[] = [
  {
    term: "kind",
    kind: "Property",
    range: "HIGHLIGHT | COMMENT | PARAGRAPH_POST | REPLY",
    comment: "What the post is in Scholia: a highlight, a comment on a range, a post on a whole paragraph, or a reply.",
  },
  {
    term: "visibility",
    kind: "Property",
    range: "PRIVATE | GROUP | COURSE",
    comment:
      "Who may read the post: its author only, the author's group (and the course's staff), or every member of the course. Replies share their thread's.",
  },
  {
    term: "course",
    kind: "Property",
    range: "course id, or null",
    comment: "The course the post was made in; null for the reader's own notes.",
  },
  { term: "group", kind: "Property", range: "group id", comment: "The group a GROUP post is shared with." },
  {
    term: "paragraph",
    kind: "Property",
    range: "integer ≥ 1",
    comment: "The position of the paragraph the post is on (its anchor on the reading page is #p-<n>).",
  },
  {
    term: "root",
    kind: "Property",
    range: "annotation IRI",
    comment: "The first post of the thread a reply belongs to (the reply's target is the post it answers).",
  },
  { term: "color", kind: "Property", range: "a highlight colour name", comment: "The colour the highlight is painted in." },
  {
    term: "text",
    kind: "Property",
    range: "IRI of a text/plain document",
    comment:
      "The reading's plain-text representation, its paragraphs joined by a blank line: TextPositionSelector offsets count its Unicode code points and TextQuoteSelectors quote it.",
  },
  {
    term: "viaCreated",
    kind: "Property",
    range: "xsd:dateTime",
    comment: "When the client that sent the annotation says it was created (kept as provenance; `created` is when Scholia stored it).",
  },
  {
    term: "hidden",
    kind: "Property",
    range: "boolean",
    comment: "Hidden by the course's staff (moderation): shown as hidden to students, readable by its author and staff.",
  },
  {
    term: "deleted",
    kind: "Property",
    range: "boolean",
    comment: "Deleted by its author but kept as a placeholder so the replies under it stay.",
  },
];

/** The vocabulary as JSON-LD: each term an rdf:Property of the namespace, with its comment. */
export function scholiaVocabularyJsonLd(namespace: string) {
  return {
    "@context": {
      rdfs: "http://www.w3.org/2000/01/rdf-schema#",
      rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      scholia: namespace,
      label: "rdfs:label",
      comment: "rdfs:comment",
      range: "rdfs:range",
    },
    "@id": namespace,
    label: "Scholia's terms for W3C Web Annotations",
    comment:
      "Terms Scholia adds to the annotations it serves; everything else is the W3C Web Annotation vocabulary (http://www.w3.org/ns/oa#).",
    "@graph": SCHOLIA_TERMS.map((term) => ({
      "@id": `scholia:${term.term}`,
      "@type": "rdf:Property",
      label: term.term,
      comment: term.comment,
      range: term.range,
    })),
  };
}
