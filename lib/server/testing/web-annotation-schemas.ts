// JSON Schemas of the W3C Web Annotation Data Model's MUSTs (https://www.w3.org/TR/annotation-model/),
// written here from the specification's text for Scholia's conformance tests. They check the
// requirements a document must meet whatever a server chooses to add; they are not the W3C
// test suite's own schemas (which this project may not vendor: see the README).

const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

/** xsd:dateTime with a timezone, as the model requires for created, modified and generated (§3.3.5). */
const dateTime = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$" };
const iri = { type: "string", pattern: "^[A-Za-z][A-Za-z0-9+.-]*:\\S+$" };
const oneOrMoreStrings = { anyOf: [{ type: "string" }, { type: "array", minItems: 1, items: { type: "string" } }] };

/** §3.1: exactly one @context string, or a list that includes the Web Annotation context. */
const contextWithAnno = {
  anyOf: [{ const: ANNO_CONTEXT }, { type: "array", minItems: 2, contains: { const: ANNO_CONTEXT } }],
};

/** §4.2.4 TextQuoteSelector: exactly one exact; prefix and suffix at most one string each. */
const textQuoteSelector = {
  type: "object",
  required: ["type", "exact"],
  properties: { type: { const: "TextQuoteSelector" }, exact: { type: "string" }, prefix: { type: "string" }, suffix: { type: "string" } },
};
/** §4.2.5 TextPositionSelector: exactly one start and one end, non-negative integers (code points). */
const textPositionSelector = {
  type: "object",
  required: ["type", "start", "end"],
  properties: {
    type: { const: "TextPositionSelector" },
    start: { type: "integer", minimum: 0 },
    end: { type: "integer", minimum: 0 },
  },
};
/** §4.2.1 FragmentSelector: exactly one value; conformsTo an IRI. */
const fragmentSelector = {
  type: "object",
  required: ["type", "value"],
  properties: { type: { const: "FragmentSelector" }, value: { type: "string" }, conformsTo: iri },
};
const selector = {
  type: "object",
  required: ["type"],
  properties: { type: { type: "string" } },
  allOf: [
    { if: { properties: { type: { const: "TextQuoteSelector" } } }, then: textQuoteSelector },
    { if: { properties: { type: { const: "TextPositionSelector" } } }, then: textPositionSelector },
    { if: { properties: { type: { const: "FragmentSelector" } } }, then: fragmentSelector },
  ],
};

/**
 * §4: a target is an IRI, or a SpecificResource with exactly one source and something that makes
 * it specific (a selector, state, styleClass, renderedVia or scope; §4.1) — selectors of a known kind.
 */
const target = {
  anyOf: [
    iri,
    {
      type: "object",
      required: ["source"],
      anyOf: ["selector", "state", "styleClass", "renderedVia", "scope"].map((key) => ({ required: [key] })),
      properties: {
        source: iri,
        selector: { anyOf: [selector, { type: "array", minItems: 1, items: selector }] },
      },
    },
  ],
};

/** §3.2.4 TextualBody: exactly one value; format and language strings; purpose a known motivation. */
const MOTIVATIONS = [
  "assessing",
  "bookmarking",
  "classifying",
  "commenting",
  "describing",
  "editing",
  "highlighting",
  "identifying",
  "linking",
  "moderating",
  "questioning",
  "replying",
  "tagging",
];
const body = {
  anyOf: [
    iri,
    {
      type: "object",
      allOf: [
        {
          if: { properties: { type: { const: "TextualBody" } }, required: ["type"] },
          then: { required: ["value"], properties: { value: { type: "string" } } },
        },
      ],
      properties: { format: { type: "string" }, language: { type: "string" }, purpose: { enum: MOTIVATIONS } },
    },
  ],
};

/** §3.1 Annotation (embedded: no @context required, as in a collection's pages). */
export const embeddedAnnotationSchema = {
  $id: "scholia:test/annotation-embedded",
  type: "object",
  required: ["id", "type", "target"],
  properties: {
    id: iri,
    type: { anyOf: [{ const: "Annotation" }, { type: "array", contains: { const: "Annotation" } }] },
    motivation: { anyOf: [{ enum: MOTIVATIONS }, { type: "array", items: { enum: MOTIVATIONS } }] },
    created: dateTime,
    modified: dateTime,
    creator: { anyOf: [iri, { type: "object", properties: { id: iri, name: { type: "string" } } }] },
    body: { anyOf: [body, { type: "array", minItems: 1, items: body }] },
    bodyValue: { type: "string" },
    target: { anyOf: [target, { type: "array", minItems: 1, items: target }] },
    canonical: iri,
    via: { anyOf: [iri, { type: "array", items: iri }] },
  },
  // §3.2.5: body and bodyValue are never both present.
  not: { required: ["body", "bodyValue"] },
};

/** §3.1 Annotation as a document of its own: with the Web Annotation @context. */
export const annotationSchema = {
  $id: "scholia:test/annotation",
  allOf: [
    { $ref: "scholia:test/annotation-embedded" },
    { type: "object", required: ["@context"], properties: { "@context": contextWithAnno } },
  ],
};

/** §5.2 AnnotationPage: id, type, items; startIndex a non-negative integer; next/prev IRIs or pages. */
const annotationPageProperties = {
  id: iri,
  type: { anyOf: [{ const: "AnnotationPage" }, { type: "array", contains: { const: "AnnotationPage" } }] },
  items: { type: "array", items: { anyOf: [iri, { $ref: "scholia:test/annotation-embedded" }] } },
  startIndex: { type: "integer", minimum: 0 },
  prev: iri,
  next: { anyOf: [iri, { $ref: "scholia:test/annotation-page-embedded" }] },
};
export const embeddedAnnotationPageSchema = {
  $id: "scholia:test/annotation-page-embedded",
  type: "object",
  required: ["id", "type", "items"],
  properties: annotationPageProperties,
};
export const annotationPageSchema = {
  $id: "scholia:test/annotation-page",
  allOf: [
    { $ref: "scholia:test/annotation-page-embedded" },
    {
      type: "object",
      required: ["@context"],
      properties: { "@context": contextWithAnno, partOf: { anyOf: [iri, { type: "object", required: ["id"] }] } },
    },
  ],
};

/** §5.1 AnnotationCollection: @context, id, type; total a non-negative integer; a non-empty one has a first page. */
export const annotationCollectionSchema = {
  $id: "scholia:test/annotation-collection",
  type: "object",
  required: ["@context", "id", "type"],
  properties: {
    "@context": contextWithAnno,
    id: iri,
    type: { anyOf: [{ const: "AnnotationCollection" }, { type: "array", contains: { const: "AnnotationCollection" } }] },
    label: oneOrMoreStrings,
    total: { type: "integer", minimum: 0 },
    first: { anyOf: [iri, { $ref: "scholia:test/annotation-page-embedded" }] },
    last: { anyOf: [iri, { $ref: "scholia:test/annotation-page-embedded" }] },
  },
  if: { properties: { total: { exclusiveMinimum: 0 } }, required: ["total"] },
  then: { required: ["first"] },
};

export const WEB_ANNOTATION_SCHEMAS = [
  embeddedAnnotationSchema,
  annotationSchema,
  embeddedAnnotationPageSchema,
  annotationPageSchema,
  annotationCollectionSchema,
];
