import { describe, expect, it } from "vitest";
import {
  findUnsupportedField,
  isWebAnnotationBody,
  readWebAnnotation,
  resolveRangeTarget,
  webAnnotationInputSchema,
} from "./web-annotation-input.ts";

const SOURCE = "https://scholia.example/readings/r1";

function read(input: unknown) {
  return readWebAnnotation(webAnnotationInputSchema.parse(input));
}

describe("readWebAnnotation", () => {
  it("[PROTOCOL] a comment on a quote: selectors, comment, tags and scholia fields are read", () => {
    const result = read({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      motivation: "commenting",
      body: [
        { type: "TextualBody", value: "Strong word", format: "text/plain", purpose: "commenting" },
        { type: "TextualBody", value: "rhetoric", purpose: "tagging" },
      ],
      target: {
        source: SOURCE,
        selector: [
          { type: "TextQuoteSelector", exact: "catastrophe", prefix: "a ", suffix: "." },
          { type: "TextPositionSelector", start: 10, end: 21 },
        ],
      },
      "scholia:visibility": "PRIVATE",
    });
    expect(result).toEqual({
      ok: true,
      draft: {
        motivation: "commenting",
        target: {
          kind: "range",
          source: SOURCE,
          position: { start: 10, end: 21 },
          quote: { exact: "catastrophe", prefix: "a ", suffix: "." },
        },
        comment: { format: "text/plain", value: "Strong word" },
        tags: ["rhetoric"],
        visibility: "PRIVATE",
        color: undefined,
        groupId: undefined,
        courseId: undefined,
        id: undefined,
        creatorIri: undefined,
        provenance: { canonical: null, via: [], created: null, language: null },
        serverManaged: [],
      },
    });
  });

  it("[PROTOCOL] our own output sent back (text and HTML of one comment) is one comment, the HTML kept", () => {
    const result = read({
      type: "Annotation",
      body: [
        { type: "TextualBody", value: "Hello world", format: "text/plain", purpose: "commenting" },
        { type: "TextualBody", value: "<p>Hello <strong>world</strong></p>", format: "text/html", purpose: "commenting" },
      ],
      target: { source: `${SOURCE}#p-3`, type: "SpecificResource" },
    });
    expect(result.ok && result.draft.comment).toEqual({ format: "text/html", value: "<p>Hello <strong>world</strong></p>" });
    expect(result.ok && result.draft.target).toEqual({ kind: "paragraph", source: `${SOURCE}#p-3`, paragraph: 3 });
  });

  it("[PROTOCOL] a FragmentSelector p-N is a paragraph; one with other selectors, or naming no paragraph, is refused", () => {
    const fragment = { type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3986", value: "p-4" };
    expect(read({ type: "Annotation", bodyValue: "x", target: { source: SOURCE, selector: fragment } })).toMatchObject({
      ok: true,
      draft: { target: { kind: "paragraph", source: SOURCE, paragraph: 4 } },
    });
    expect(
      read({
        type: "Annotation",
        bodyValue: "x",
        target: { source: SOURCE, selector: [fragment, { type: "TextPositionSelector", start: 0, end: 3 }] },
      }),
    ).toMatchObject({ ok: false, field: "target.selector" });
    expect(read({ type: "Annotation", bodyValue: "x", target: { selector: fragment } })).toMatchObject({
      ok: false,
      field: "target.source",
    });
    for (const value of ["p-0", "p-1.5", "section-2", "p-"]) {
      expect(
        webAnnotationInputSchema.safeParse({ type: "Annotation", target: { source: SOURCE, selector: { ...fragment, value } } }).success,
      ).toBe(false);
    }
  });

  it("[PROTOCOL] a target naming an annotation (its IRI under its container, or the older …/api/annotations/<id>) is what a reply answers", () => {
    for (const target of [
      "https://scholia.example/api/readings/r1/courses/c1/annotations/abc123",
      "https://scholia.example/api/readings/r1/annotations/abc123",
      "https://scholia.example/api/annotations/abc123",
    ]) {
      expect(read({ type: "Annotation", motivation: "replying", bodyValue: "x", target })).toMatchObject({
        ok: true,
        draft: { motivation: "replying", target: { kind: "annotation", annotationId: "abc123" } },
      });
    }
  });

  it("[PROTOCOL] bodyValue is a plain-text comment; a body without format is plain text", () => {
    expect(
      read({ type: "Annotation", bodyValue: "Note", target: { selector: { type: "TextPositionSelector", start: 0, end: 4 } } }),
    ).toMatchObject({
      ok: true,
      draft: { comment: { format: "text/plain", value: "Note" }, target: { kind: "range", source: null, quote: null } },
    });
    expect(read({ type: "Annotation", body: { value: "Note" }, target: `${SOURCE}#p-1` })).toMatchObject({
      ok: true,
      draft: { comment: { format: "text/plain" } },
    });
  });

  it("[PROTOCOL] what cannot be stored is refused, naming the field", () => {
    expect(read({ type: "Annotation", body: { value: "x", format: "image/png" }, target: `${SOURCE}#p-1` })).toMatchObject({
      ok: false,
      field: "body",
    });
    expect(read({ type: "Annotation", body: { value: "x", purpose: "bookmarking" }, target: `${SOURCE}#p-1` })).toMatchObject({
      ok: false,
      field: "body",
    });
    expect(read({ type: "Annotation", body: [{ value: "one" }, { value: "two" }], target: `${SOURCE}#p-1` })).toMatchObject({
      ok: false,
      field: "body",
    });
    expect(read({ type: "Annotation", target: SOURCE })).toMatchObject({ ok: false, field: "target" });
    expect(
      read({
        type: "Annotation",
        target: {
          selector: [
            { type: "TextPositionSelector", start: 0, end: 1 },
            { type: "TextPositionSelector", start: 2, end: 3 },
          ],
        },
      }),
    ).toMatchObject({ ok: false, field: "target" });
    expect(
      webAnnotationInputSchema.safeParse({ type: "Annotation", target: { selector: { type: "CssSelector", value: "p" } } }).success,
    ).toBe(false);
    expect(webAnnotationInputSchema.safeParse({ type: "Annotation", motivation: "bookmarking", target: SOURCE }).success).toBe(false);
    expect(
      webAnnotationInputSchema.safeParse({ type: "Annotation", target: { selector: { type: "TextPositionSelector", start: 5, end: 5 } } })
        .success,
    ).toBe(false);
  });

  it("[PROTOCOL] a body is W3C when it says so (@context or type Annotation), else Scholia's own shape", () => {
    expect(isWebAnnotationBody({ type: "Annotation" })).toBe(true);
    expect(isWebAnnotationBody({ "@context": "http://www.w3.org/ns/anno.jsonld" })).toBe(true);
    expect(isWebAnnotationBody({ type: ["Annotation", "Other"] })).toBe(true);
    expect(isWebAnnotationBody({ kind: "COMMENT", target: { start: 0, end: 1 } })).toBe(false);
    expect(isWebAnnotationBody([{ type: "Annotation" }])).toBe(false);
    expect(isWebAnnotationBody("Annotation")).toBe(false);
  });
});

describe("webAnnotationInputSchema caps what a selector may carry", () => {
  const withQuote = (quote: Record<string, string>) => ({
    type: "Annotation",
    target: { source: "/readings/r", selector: { type: "TextQuoteSelector", ...quote } },
  });
  const messages = (input: unknown) => {
    const parsed = webAnnotationInputSchema.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  };

  it("[COST] prefix and suffix up to 1,000 characters and a quote up to 20,000 are accepted", () => {
    expect(messages(withQuote({ exact: "q".repeat(20_000), prefix: "p".repeat(1_000), suffix: "s".repeat(1_000) }))).toEqual([]);
  });

  it("[COST] a longer prefix, suffix or quote is refused at the edge with a message naming it", () => {
    expect(messages(withQuote({ exact: "q", prefix: "p".repeat(1_001) })).join(" ")).toContain("prefix is at most 1,000 characters");
    expect(messages(withQuote({ exact: "q", suffix: "s".repeat(100_000) })).join(" ")).toContain("suffix is at most 1,000 characters");
    expect(messages(withQuote({ exact: "q".repeat(20_001) })).join(" ")).toContain("exact text is at most 20,000 characters");
  });
});

describe("resolveRangeTarget", () => {
  const text = "The states agree. The states cooperate. Security is shared.";

  it("[PROTOCOL] offsets whose text is the quote are kept", () => {
    expect(resolveRangeTarget(text, { position: { start: 22, end: 28 }, quote: { exact: "states", prefix: "", suffix: "" } })).toEqual({
      ok: true,
      start: 22,
      end: 28,
    });
  });

  it("[PROTOCOL] a quote alone is found when it occurs once; offsets contradicting the quote are refused, not moved", () => {
    expect(resolveRangeTarget(text, { position: null, quote: { exact: "Security", prefix: "", suffix: "" } })).toEqual({
      ok: true,
      start: 40,
      end: 48,
    });
    expect(
      resolveRangeTarget(text, { position: { start: 0, end: 8 }, quote: { exact: "Security", prefix: "", suffix: "" } }),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/does not select the TextQuoteSelector's exact text/),
    });
  });

  it("[PROTOCOL] offsets count code points: after an emoji they are converted to the stored UTF-16 offsets", () => {
    const emojiText = "Smile 😀 then the 🎉 party: target word here";
    const utf16 = emojiText.indexOf("target word");
    const codePoint = Array.from(emojiText.slice(0, utf16)).length;
    expect(
      resolveRangeTarget(emojiText, {
        position: { start: codePoint, end: codePoint + 11 },
        quote: { exact: "target word", prefix: "", suffix: "" },
      }),
    ).toEqual({ ok: true, start: utf16, end: utf16 + 11 });
    // The UTF-16 offsets a client might send by mistake are refused, not silently shifted.
    expect(
      resolveRangeTarget(emojiText, {
        position: { start: utf16, end: utf16 + 11 },
        quote: { exact: "target word", prefix: "", suffix: "" },
      }),
    ).toMatchObject({ ok: false });
    // Offsets alone cannot end past the text, counted in code points.
    const length = Array.from(emojiText).length;
    expect(resolveRangeTarget(emojiText, { position: { start: 0, end: length + 1 }, quote: null })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/past the end of the text/),
    });
    expect(resolveRangeTarget(emojiText, { position: { start: 0, end: length }, quote: null })).toEqual({
      ok: true,
      start: 0,
      end: emojiText.length,
    });
  });

  it("[PROTOCOL] a repeated quote is placed by its context, and refused without any", () => {
    expect(resolveRangeTarget(text, { position: null, quote: { exact: "The states", prefix: "agree. ", suffix: " cooperate." } })).toEqual({
      ok: true,
      start: 18,
      end: 28,
    });
    expect(resolveRangeTarget(text, { position: null, quote: { exact: "The states", prefix: "", suffix: "" } })).toMatchObject({
      ok: false,
    });
  });

  it("[PROTOCOL] a quote that is not in the text is refused (never a fuzzy guess)", () => {
    expect(resolveRangeTarget(text, { position: null, quote: { exact: "Securty", prefix: "", suffix: " is shared." } })).toEqual({
      ok: false,
      message: "The TextQuoteSelector's exact text does not occur in this reading.",
    });
  });

  it("[PROTOCOL] offsets alone are passed on for the service to check", () => {
    expect(resolveRangeTarget(text, { position: { start: 4, end: 10 }, quote: null })).toEqual({ ok: true, start: 4, end: 10 });
  });
});

describe("findUnsupportedField", () => {
  const base = { type: "Annotation", bodyValue: "x", target: { source: SOURCE, selector: { type: "TextQuoteSelector", exact: "x" } } };

  it("[PROTOCOL] fields outside the supported profile are refused by their path, naming the profile", () => {
    const cases: [unknown, string][] = [
      [{ ...base, audience: { type: "schema:EducationalAudience" } }, "audience"],
      [{ ...base, generator: "https://client.example" }, "generator"],
      [{ ...base, rights: "https://creativecommons.org/licenses/by/4.0/" }, "rights"],
      [{ ...base, stylesheet: { type: "CssStylesheet", value: ".x {}" } }, "stylesheet"],
      [{ ...base, body: [{ type: "TextualBody", value: "x", id: "https://x.example/b1" }] }, "body[0].id"],
      [{ ...base, target: { ...base.target, renderedVia: "https://x.example" } }, "target.renderedVia"],
      [
        { ...base, target: { source: SOURCE, selector: [{ type: "TextQuoteSelector", exact: "x", refinedBy: {} }] } },
        "target.selector[0].refinedBy",
      ],
    ];
    for (const [input, field] of cases) {
      expect(findUnsupportedField(input), field).toEqual({ field, message: expect.stringContaining(`${field}: not supported`) });
      expect(findUnsupportedField(input)?.message).toContain("Supported profile");
    }
  });

  it("[PROTOCOL] what the profile keeps passes: canonical, via, created, creator, body language, our own scholia fields", () => {
    expect(
      findUnsupportedField({
        ...base,
        id: "https://elsewhere.example/anno/1",
        canonical: "urn:uuid:1",
        via: ["https://elsewhere.example/anno/1"],
        created: "2020-05-01T12:00:00Z",
        creator: { id: "https://scholia.example/users/u1", type: "Person", name: "Ann" },
        body: [{ type: "TextualBody", value: "Bonjour", format: "text/plain", purpose: "commenting", language: "fr" }],
        target: { ...base.target, "scholia:text": `${SOURCE}/text` },
        "scholia:kind": "COMMENT",
        "scholia:hidden": false,
      }),
    ).toBeNull();
  });

  it("[PROTOCOL] provenance is read: canonical, via (one or many), created as an instant, the comment's language", () => {
    expect(
      read({
        ...base,
        canonical: "urn:uuid:1",
        via: "https://elsewhere.example/anno/1",
        created: "2020-05-01T14:00:00+02:00",
        body: { type: "TextualBody", value: "Bonjour", language: "fr" },
        bodyValue: undefined,
      }),
    ).toMatchObject({
      ok: true,
      draft: {
        provenance: {
          canonical: "urn:uuid:1",
          via: ["https://elsewhere.example/anno/1"],
          created: "2020-05-01T12:00:00.000Z",
          language: "fr",
        },
      },
    });
    expect(webAnnotationInputSchema.safeParse({ ...base, created: "yesterday" }).error?.issues[0]?.message).toMatch(/xsd:dateTime/);
    expect(read({ ...base, body: { type: "TextualBody", value: "tag", purpose: "tagging", language: "en" } })).toMatchObject({
      ok: false,
      field: "body[0].language",
    });
  });
});
