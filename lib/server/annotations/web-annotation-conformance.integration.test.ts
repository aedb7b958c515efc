import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importReading } from "../../domain/reading-import.ts";
import { disconnectDb, getDb } from "../db.ts";
import { exportReading } from "../export/export-reading.ts";
import type { AnnotationCollectionDocument, AnnotationPageDocument } from "../export/to-export-collection.ts";
import { loadReadingText } from "../readings/load-reading-text.ts";
import { saveImportedReading } from "../readings/save-imported-reading.ts";
import { createCourseFixture, plainBody, type CourseFixture } from "../testing/course-fixture.ts";
import { countAssertions, failedMusts, type MustList } from "../testing/w3c-annotation-suite.ts";
import { createAnnotation } from "./create-annotation.ts";
import { createWebAnnotation } from "./create-web-annotation.ts";
import { loadAnnotationContainer } from "./load-annotation-container.ts";
import { presentWebAnnotation } from "./present-web-annotation.ts";
import { readWebAnnotationBody } from "./read-web-annotation-body.ts";
import { toContainerCollection, toContainerPage } from "./to-protocol-container.ts";

// Every document Scholia writes — the JSON-LD export, the container and each of its pages, each
// annotation — against the W3C Web Annotation test suite's MUST assertions (its JSON Schemas,
// vendored in lib/server/testing/w3c-annotation-schemas and run with ajv), and every range they
// name resolved by a peer the way the model says: TextPositionSelector offsets as code points of
// GET /api/readings/<id>/text, TextQuoteSelectors as exact text with context.
const ORIGIN = "https://scholia.example";
const FIRST = "Smile 😀 at the opening words, then the 🎉 party begins in earnest.";
const SECOND = "The second paragraph 🌍 carries on where the first left off.";
let fx: CourseFixture;
let readingId = "";
let text = "";

function expectMusts(list: MustList, document: unknown): void {
  expect(failedMusts(list, document), `${list}: ${JSON.stringify(document).slice(0, 300)}`).toEqual([]);
}

/** A node embedded in a collection has the collection's @context (JSON-LD); the suite checks one document at a time. */
function standalone(node: object, context: unknown): Json {
  return { "@context": context, ...node };
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

/** The course's JSON-LD export of the reading, as the instructor downloads it. */
async function exportedCollection(): Promise<AnnotationCollectionDocument> {
  const file = await exportReading({
    actor: await fx.actor("instructor"),
    readingId,
    courseId: fx.courseId,
    format: "jsonld",
    origin: ORIGIN,
  });
  return JSON.parse(file.body) as AnnotationCollectionDocument;
}

describe("Web Annotation conformance", () => {
  it("[CONFORMANCE] the suite's MUST assertions are all loaded, and refuse what the model forbids (the shapes Scholia used to write among them)", () => {
    expect([countAssertions("annotation"), countAssertions("collection"), countAssertions("page")]).toEqual([54, 10, 15]);
    const valid = {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      id: `${ORIGIN}/api/readings/r1/annotations/a1`,
      type: "Annotation",
      target: { source: `${ORIGIN}/readings/r1`, selector: { type: "FragmentSelector", value: "p-2" } },
    };
    expectMusts("annotation", valid);
    const invalid: [Json, string][] = [
      [{ ...valid, target: { type: "SpecificResource", source: `${ORIGIN}/readings/r1#p-2` } }, "3.2-targetObjectsRecognized.json"],
      [{ ...valid, "@context": undefined }, "3.1-annotationContextValidated.json"],
      [{ ...valid, "@context": ["http://www.w3.org/ns/other.jsonld"] }, "3.1-annotationContextValidated.json"],
      [{ ...valid, id: "not an iri" }, "3.1-annotationIdValidated.json"],
      [{ ...valid, type: "Note" }, "3.1-annotationTypeValidated.json"],
      [{ ...valid, target: undefined }, "3.1-targetKeyFound.json"],
      [
        { ...valid, target: { source: `${ORIGIN}/readings/r1`, selector: { type: "TextPositionSelector", start: -1, end: 3 } } },
        "4.2-textDataPositionSelectorValid.json",
      ],
      [
        { ...valid, target: { source: `${ORIGIN}/readings/r1`, selector: { type: "TextQuoteSelector", prefix: "a" } } },
        "4.2.4-textQuoteSelectorValid.json",
      ],
      [
        { ...valid, target: { source: `${ORIGIN}/readings/r1`, selector: { type: "FragmentSelector" } } },
        "4.2-fragmentCssXPathSelectorValid.json",
      ],
      [{ ...valid, body: { type: "TextualBody", format: "text/plain" } }, "3.2-bodyObjectsRecognized.json"],
      [{ ...valid, bodyValue: "x", body: { type: "TextualBody", value: "y" } }, "3.2.5-notBodyBodyValue.json"],
      [{ ...valid, created: "1 May 2020" }, "3.3.1-annotationCreatedValidated.json"],
    ];
    for (const [document, assertion] of invalid) {
      const failed = failedMusts("annotation", JSON.parse(JSON.stringify(document)));
      expect(
        failed.map((message) => message.slice(0, message.indexOf(":"))),
        JSON.stringify(document),
      ).toContain(assertion);
    }
    const collection = { "@context": valid["@context"], id: `${ORIGIN}/c/`, type: "AnnotationCollection" };
    expect(failedMusts("collection", { ...collection, total: -3 })[0]).toMatch(/^5\.1-collectionTotalValidated\.json/);
    expect(failedMusts("page", { ...collection, type: "AnnotationPage", items: "a1", startIndex: -1 })).toHaveLength(2);
  });

  it("[CONFORMANCE] the JSON-LD export passes the suite's MUSTs: the collection, each page and each annotation in it", async () => {
    const collection = await exportedCollection();
    expectMusts("collection", collection);
    // The suite's page list takes "an Annotation Page or an Annotation Collection with an embedded Page".
    expectMusts("page", collection);
    for (let page: AnnotationPageDocument | undefined = collection.first; page; page = page.next) {
      expectMusts("page", standalone(page, collection["@context"]));
    }
    const items = itemsOf(collection);
    expect(items).toHaveLength(6);
    for (const item of items) expectMusts("annotation", standalone(item, collection["@context"]));
    expect(new Set(items.map((item) => item.motivation))).toEqual(new Set(["highlighting", "commenting", "replying"]));
  });

  it("[CONFORMANCE] the container, each of its pages (descriptions and IRIs) and each annotation pass the suite's MUSTs; every annotation's id is under the container's", async () => {
    const actor = await fx.actor("instructor");
    for (const isIris of [false, true]) {
      const address = { origin: ORIGIN, readingId, courseId: fx.courseId, isIris };
      let containerId = "";
      let seen = 0;
      for (let page = 1; page <= 3; page += 1) {
        const container = await loadAnnotationContainer({ actor, readingId, courseId: fx.courseId, page, pageSize: 2 });
        if (page === 1) {
          const full = toContainerCollection(container, address, { isMinimal: false });
          containerId = full.id;
          expect(containerId).toBe(`${ORIGIN}/api/readings/${readingId}/courses/${fx.courseId}/annotations/`);
          expectMusts("collection", full);
          expectMusts("page", full);
          expectMusts("collection", toContainerCollection(container, address, { isMinimal: true }));
        }
        const pageDocument = toContainerPage(container, address);
        expectMusts("page", pageDocument);
        for (const item of pageDocument.items) {
          const id = typeof item === "string" ? item : item.id;
          expect(id.startsWith(containerId), `${id} is under ${containerId}`).toBe(true);
          expect(id.slice(containerId.length)).toMatch(/^[A-Za-z0-9_-]+$/);
          seen += 1;
        }
        for (const view of container.page.items) {
          const annotation = await presentWebAnnotation(view, ORIGIN);
          expectMusts("annotation", annotation);
          expect(annotation.id.startsWith(containerId)).toBe(true);
        }
      }
      expect(seen).toBe(6);
    }
    // The reader's own notes are a container too, its annotations under it.
    const note = await createAnnotation({
      actorId: fx.users.studentA1.id,
      input: {
        readingId,
        courseId: null,
        kind: "PARAGRAPH_POST",
        target: { paragraph: 1 },
        body: plainBody("My note"),
        tags: [],
        mentionedUserIds: [],
      } as never,
    });
    const own = await loadAnnotationContainer({ actor: await fx.actor("studentA1"), readingId, courseId: null, page: 1, pageSize: 50 });
    const ownCollection = toContainerCollection(own, { origin: ORIGIN, readingId, courseId: null, isIris: false }, { isMinimal: false });
    expect(ownCollection.id).toBe(`${ORIGIN}/api/readings/${readingId}/annotations/`);
    const presented = await presentWebAnnotation(note, ORIGIN);
    expect(presented.id).toBe(`${ownCollection.id}${note.id}`);
    expectMusts("annotation", presented);
  });

  it("[CONFORMANCE] a peer resolves every exported range: positions as code points of the text representation, quotes with their context", async () => {
    const served = await loadReadingText({ actor: await fx.actor("studentA2"), readingId });
    expect(served).toBe(text);
    const codePoints = Array.from(served);
    const ranges = itemsOf(await exportedCollection())
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
