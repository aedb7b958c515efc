import Ajv from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importReading } from "../../domain/reading-import.ts";
import { disconnectDb, getDb } from "../db.ts";
import { exportReading } from "../export/export-reading.ts";
import type { AnnotationCollectionDocument, AnnotationPageDocument } from "../export/to-export-collection.ts";
import { loadReadingText } from "../readings/load-reading-text.ts";
import { saveImportedReading } from "../readings/save-imported-reading.ts";
import { createCourseFixture, plainBody, type CourseFixture } from "../testing/course-fixture.ts";
import {
  annotationCollectionSchema,
  annotationPageSchema,
  annotationSchema,
  embeddedAnnotationSchema,
  WEB_ANNOTATION_SCHEMAS,
} from "../testing/web-annotation-schemas.ts";
import { createAnnotation } from "./create-annotation.ts";
import { createWebAnnotation } from "./create-web-annotation.ts";
import { loadAnnotationContainer } from "./load-annotation-container.ts";
import { presentWebAnnotation } from "./present-web-annotation.ts";
import { readWebAnnotationBody } from "./read-web-annotation-body.ts";
import { toContainerCollection, toContainerPage } from "./to-protocol-container.ts";

// Every document Scholia writes — the JSON-LD export, the container and each of its pages, one
// annotation — against JSON Schemas of the Web Annotation model's MUSTs (validated with ajv), and
// every range they name resolved by a peer the way the model says: TextPositionSelector offsets
// as code points of GET /api/readings/<id>/text, TextQuoteSelectors as exact text with context.
const ORIGIN = "https://scholia.example";
const FIRST = "Smile 😀 at the opening words, then the 🎉 party begins in earnest.";
const SECOND = "The second paragraph 🌍 carries on where the first left off.";
let fx: CourseFixture;
let readingId = "";
let text = "";

const ajv = new Ajv({ allErrors: true, strict: false });
for (const schema of WEB_ANNOTATION_SCHEMAS) ajv.addSchema(schema);

function expectValid(schema: { $id: string }, document: unknown): void {
  const validate = ajv.getSchema(schema.$id)!;
  const isValid = validate(document);
  expect(isValid ? [] : validate.errors, `${schema.$id}: ${JSON.stringify(document).slice(0, 300)}`).toEqual([]);
}

type Json = Record<string, unknown>;

beforeAll(async () => {
  fx = await createCourseFixture("conformance");
  const imported = importReading(["Conformance Reading", "", "Geneva, 1 May 2020", "", FIRST, "", SECOND, ""].join("\n"));
  text = imported.canonicalText;
  readingId = (await saveImportedReading({ slug: `${fx.prefix}-conformance`, reading: imported })).readingId;
  await getDb().assignment.create({ data: { courseId: fx.courseId, readingId, title: "Conform" } });
  const post = (person: "studentA1" | "instructor", fields: Json) =>
    createAnnotation({
      actorId: fx.users[person].id,
      input: { readingId, courseId: fx.courseId, tags: [], mentionedUserIds: [], visibility: "COURSE", ...fields } as never,
    });
  const rangeOf = (phrase: string) => ({ start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });
  await post("studentA1", { kind: "HIGHLIGHT", target: rangeOf("opening words"), color: "green" });
  const comment = await post("studentA1", {
    kind: "COMMENT",
    target: rangeOf("party begins"),
    body: plainBody("After two emoji"),
    tags: ["emoji"],
  });
  // A range across the paragraph boundary: its quote holds the blank line between them.
  await post("instructor", { kind: "COMMENT", target: rangeOf("in earnest.\n\nThe second"), body: plainBody("Across the break") });
  await post("instructor", { kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: plainBody("On the whole paragraph") });
  await fx.reply("instructor", comment.id, "A reply");
  await createWebAnnotation({
    actorId: fx.users.studentA1.id,
    readingId,
    courseId: fx.courseId,
    draft: readWebAnnotationBody({
      type: "Annotation",
      id: "https://elsewhere.example/a/1",
      created: "2020-05-01T12:00:00Z",
      body: { type: "TextualBody", value: "Suite", format: "text/plain", language: "fr" },
      target: { selector: { type: "TextQuoteSelector", exact: "carries on" } },
      "scholia:visibility": "COURSE",
    }),
  });
});

afterAll(async () => {
  await getDb().annotationEvent.deleteMany({ where: { readingId } });
  await getDb().reading.deleteMany({ where: { id: readingId } });
  await fx.cleanUp();
  await disconnectDb();
});

function itemsOf(collection: AnnotationCollectionDocument): Json[] {
  const items: Json[] = [];
  for (let page: AnnotationPageDocument | undefined = collection.first; page; page = page.next) items.push(...(page.items as Json[]));
  return items;
}

describe("Web Annotation conformance", () => {
  it("[CONFORMANCE] the schemas refuse what the model forbids (the shapes Scholia used to write among them)", () => {
    const valid = {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      id: `${ORIGIN}/api/annotations/a1`,
      type: "Annotation",
      target: { source: `${ORIGIN}/readings/r1`, selector: { type: "FragmentSelector", value: "p-2" } },
    };
    expectValid(annotationSchema, valid);
    const invalid: Json[] = [
      { ...valid, target: { type: "SpecificResource", source: `${ORIGIN}/readings/r1#p-2` } },
      { ...valid, "@context": undefined },
      { ...valid, "@context": ["http://www.w3.org/ns/anno.jsonld"] },
      { ...valid, target: { source: `${ORIGIN}/readings/r1`, selector: { type: "TextPositionSelector", start: -1, end: 3 } } },
      { ...valid, target: { source: `${ORIGIN}/readings/r1`, selector: { type: "TextQuoteSelector", prefix: "a" } } },
      { ...valid, body: { type: "TextualBody", format: "text/plain" } },
      { ...valid, created: "1 May 2020" },
      { ...valid, type: "Note" },
    ];
    for (const document of invalid)
      expect(ajv.getSchema(annotationSchema.$id)!(JSON.parse(JSON.stringify(document))), JSON.stringify(document)).toBe(false);
    expect(
      ajv.getSchema(annotationCollectionSchema.$id)!({
        "@context": valid["@context"],
        id: `${ORIGIN}/c`,
        type: "AnnotationCollection",
        total: 3,
      }),
    ).toBe(false);
  });

  it("[CONFORMANCE] the JSON-LD export is a valid AnnotationCollection and every annotation in it meets the model's MUSTs", async () => {
    const file = await exportReading({
      actor: await fx.actor("instructor"),
      readingId,
      courseId: fx.courseId,
      format: "jsonld",
      origin: ORIGIN,
    });
    const collection = JSON.parse(file.body) as AnnotationCollectionDocument;
    expectValid(annotationCollectionSchema, collection);
    const items = itemsOf(collection);
    expect(items).toHaveLength(6);
    for (const item of items) expectValid(embeddedAnnotationSchema, item);
    expect(new Set(items.map((item) => item.motivation))).toEqual(new Set(["highlighting", "commenting", "replying"]));
  });

  it("[CONFORMANCE] the container, each of its pages (descriptions and IRIs) and each annotation meet the MUSTs", async () => {
    const actor = await fx.actor("instructor");
    for (const isIris of [false, true]) {
      const address = { origin: ORIGIN, readingId, courseId: fx.courseId, isIris };
      for (let page = 1; page <= 3; page += 1) {
        const container = await loadAnnotationContainer({ actor, readingId, courseId: fx.courseId, page, pageSize: 2 });
        if (page === 1) {
          expectValid(annotationCollectionSchema, toContainerCollection(container, address, { isMinimal: false }));
          expectValid(annotationCollectionSchema, toContainerCollection(container, address, { isMinimal: true }));
        }
        expectValid(annotationPageSchema, toContainerPage(container, address));
        for (const view of container.page.items) expectValid(annotationSchema, await presentWebAnnotation(view, ORIGIN));
      }
    }
  });

  it("[CONFORMANCE] a peer resolves every exported range: positions as code points of the text representation, quotes with their context", async () => {
    const served = await loadReadingText({ actor: await fx.actor("studentA2"), readingId });
    expect(served).toBe(text);
    const codePoints = Array.from(served);
    const file = await exportReading({
      actor: await fx.actor("instructor"),
      readingId,
      courseId: fx.courseId,
      format: "jsonld",
      origin: ORIGIN,
    });
    const ranges = itemsOf(JSON.parse(file.body) as AnnotationCollectionDocument)
      .map((item) => item.target as Json | string)
      .filter((target): target is Json => typeof target === "object" && Array.isArray(target.selector));
    expect(ranges).toHaveLength(4);
    for (const target of ranges) {
      expect(target["scholia:text"]).toBe(`${ORIGIN}/api/readings/${readingId}/text`);
      const selectors = target.selector as Json[];
      const position = selectors.find((selector) => selector.type === "TextPositionSelector") as { start: number; end: number };
      const quote = selectors.find((selector) => selector.type === "TextQuoteSelector") as {
        exact: string;
        prefix: string;
        suffix: string;
      };
      expect(codePoints.slice(position.start, position.end).join("")).toBe(quote.exact);
      const context = `${quote.prefix}${quote.exact}${quote.suffix}`;
      expect(served.indexOf(context)).toBeGreaterThanOrEqual(0);
      expect(served.indexOf(context, served.indexOf(context) + 1)).toBe(-1);
    }
    expect(ranges.some((target) => (target.selector as Json[]).some((selector) => String(selector.exact).includes("\n\n")))).toBe(true);
  });
});
