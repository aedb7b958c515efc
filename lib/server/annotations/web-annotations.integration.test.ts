import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { annotationPath } from "../../domain/annotation-container-address.ts";
import { importReading } from "../../domain/reading-import.ts";
import { disconnectDb, getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { saveImportedReading } from "../readings/save-imported-reading.ts";
import { assertAnnotationUnchanged } from "./assert-annotation-unchanged.ts";
import { loadReadingText } from "../readings/load-reading-text.ts";
import { createAnnotation } from "./create-annotation.ts";
import { deleteAnnotation } from "./delete-annotation.ts";
import { createWebAnnotation } from "./create-web-annotation.ts";
import { loadAnnotationContainer } from "./load-annotation-container.ts";
import { entityTagOf } from "./protocol-http.ts";
import { readWebAnnotationBody } from "./read-web-annotation-body.ts";
import { replaceWebAnnotation } from "./replace-web-annotation.ts";
import { presentWebAnnotation } from "./present-web-annotation.ts";
import { createPeople } from "../testing/people.ts";

// The Web Annotation Protocol's services against PostgreSQL: a W3C annotation POSTed comes back
// equal in meaning, PUT replaces only what may change, HTML is reduced to the commentary schema,
// and If-Match guards writes. Own users, course and reading under a random prefix.
const prefix = `wap-${randomUUID().slice(0, 8)}`;
const ORIGIN = "https://scholia.example";
const PARAGRAPH_1 = "The first paragraph speaks of information security and of the states that signed it.";
const PARAGRAPH_2 = "The second paragraph is about cooperation between the states, in plain words.";
const READING_TEXT = ["Protocol Test Reading", "", "Geneva, 1 May 2020", "", PARAGRAPH_1, "", PARAGRAPH_2, ""].join("\n");

let users: Record<"author" | "classmate" | "outsider", { id: string }>;
let courseId = "";
let readingId = "";
let otherReadingId = "";
let canonicalText = "";

beforeAll(async () => {
  const db = getDb();
  users = await createPeople(prefix, ["author", "classmate", "outsider"]);
  courseId = (await db.course.create({ data: { title: `${prefix} Course` } })).id;
  for (const person of ["author", "classmate"] as const)
    await db.membership.create({ data: { courseId, userId: users[person].id, role: "STUDENT" } });
  const imported = importReading(READING_TEXT);
  canonicalText = imported.canonicalText;
  readingId = (await saveImportedReading({ slug: `${prefix}-reading`, reading: imported })).readingId;
  otherReadingId = (await saveImportedReading({ slug: `${prefix}-other`, reading: importReading(READING_TEXT) })).readingId;
  await db.assignment.create({ data: { courseId, readingId, title: "Read it" } });
});

afterAll(async () => {
  const db = getDb();
  await db.course.deleteMany({ where: { id: courseId } });
  await db.reading.deleteMany({ where: { id: { in: [readingId, otherReadingId] } } });
  await db.annotationEvent.deleteMany({ where: { readingId: { in: [readingId, otherReadingId] } } });
  await db.user.deleteMany({ where: { id: { in: Object.values(users).map((user) => user.id) } } });
  await disconnectDb();
});

/** A reply (motivation replying) naming its parent by the older /api/annotations/<id> IRI, still accepted. */
function w3cReply(parentId: string, bodyValue: string, overrides: Record<string, unknown> = {}) {
  return { type: "Annotation", motivation: "replying", bodyValue, target: `${ORIGIN}/api/annotations/${parentId}`, ...overrides };
}

function w3cComment(overrides: Record<string, unknown> = {}) {
  const start = canonicalText.indexOf("information security");
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "Annotation",
    motivation: "commenting",
    body: [
      {
        type: "TextualBody",
        value: "<p>Why <em>information</em> and not <strong>cyber</strong>?</p>",
        format: "text/html",
        purpose: "commenting",
      },
      { type: "TextualBody", value: "Wording", purpose: "tagging" },
    ],
    target: {
      source: `${ORIGIN}/readings/${readingId}`,
      selector: [
        { type: "TextQuoteSelector", exact: "information security", prefix: "speaks of ", suffix: " and of" },
        { type: "TextPositionSelector", start, end: start + "information security".length },
      ],
    },
    ...overrides,
  };
}

async function create(person: keyof typeof users, body: unknown, context: string | null = courseId) {
  return createWebAnnotation({ actorId: users[person].id, readingId, courseId: context, draft: readWebAnnotationBody(body) });
}

describe("W3C annotations through the services", () => {
  it("[PROTOCOL] a W3C comment comes back equal in meaning: selectors, text, tags, motivation", async () => {
    const sent = w3cComment();
    const created = await presentWebAnnotation(await create("author", sent), ORIGIN);
    expect(created.motivation).toBe("commenting");
    const selectors = (created.target as { selector: { type: string }[] }).selector;
    expect(selectors).toContainEqual(sent.target.selector[1]);
    expect(selectors).toContainEqual(expect.objectContaining({ type: "TextQuoteSelector", exact: "information security" }));
    const quote = selectors.find((selector) => selector.type === "TextQuoteSelector") as unknown as { prefix: string; suffix: string };
    expect(quote.prefix.endsWith("speaks of ")).toBe(true);
    expect(quote.suffix.startsWith(" and of")).toBe(true);
    expect(created.body).toEqual([
      { type: "TextualBody", value: "Why information and not cyber?", format: "text/plain", purpose: "commenting" },
      {
        type: "TextualBody",
        value: "<p>Why <em>information</em> and not <strong>cyber</strong>?</p>",
        format: "text/html",
        purpose: "commenting",
      },
      { type: "TextualBody", value: "wording", purpose: "tagging" },
    ]);
  });

  it("[PROTOCOL] PUT of what was read changes nothing; PUT with a new text and tags replaces them", async () => {
    const view = await create("author", w3cComment());
    const read = await presentWebAnnotation(view, ORIGIN);
    const same = await presentWebAnnotation(
      await replaceWebAnnotation({ actorId: users.author.id, annotationId: view.id, draft: readWebAnnotationBody(read) }),
      ORIGIN,
    );
    expect({ ...same, modified: undefined }).toEqual({ ...read, modified: undefined });

    const changed = { ...read, body: [{ type: "TextualBody", value: "Second thoughts.", format: "text/plain" }] };
    const after = await presentWebAnnotation(
      await replaceWebAnnotation({ actorId: users.author.id, annotationId: view.id, draft: readWebAnnotationBody(changed) }),
      ORIGIN,
    );
    expect(after.body).toEqual([
      { type: "TextualBody", value: "Second thoughts.", format: "text/plain", purpose: "commenting" },
      { type: "TextualBody", value: "<p>Second thoughts.</p>", format: "text/html", purpose: "commenting" },
    ]);
    expect(after.target).toEqual(read.target);
  });

  it("[SECURITY] HTML bodies are reduced to the commentary schema: no script, no attributes, unsafe links dropped", async () => {
    const view = await create(
      "author",
      w3cComment({
        body: {
          type: "TextualBody",
          format: "text/html",
          value:
            '<p onclick="x()">See <a href="javascript:alert(1)">this</a> and <a href="https://example.org" style="color:red">that</a></p><script>alert(2)</script><img src=x onerror=alert(3)>',
        },
      }),
    );
    const row = await getDb().annotation.findUniqueOrThrow({
      where: { id: view.id },
      select: { body: true, bodyHtml: true, bodyText: true },
    });
    expect(row.bodyText).toBe("See this and that");
    expect(row.bodyHtml).toBe(
      '<p>See this and <a target="_blank" rel="noopener noreferrer nofollow ugc" href="https://example.org">that</a></p>',
    );
    expect(JSON.stringify(row.body)).not.toMatch(/script|onclick|javascript|style|img/);
  });

  it("[PROTOCOL] a paragraph post (…#p-n), a highlight and a private note are created from W3C forms", async () => {
    const post = await create("author", {
      type: "Annotation",
      bodyValue: "On the whole paragraph",
      target: `${ORIGIN}/readings/${readingId}#p-2`,
    });
    expect(post).toMatchObject({ kind: "PARAGRAPH_POST", paragraphPosition: 2, bodyText: "On the whole paragraph" });
    const highlight = await create("author", {
      type: "Annotation",
      motivation: "highlighting",
      target: { selector: { type: "TextQuoteSelector", exact: "cooperation" } },
      "scholia:color": "green",
    });
    expect(highlight).toMatchObject({ kind: "HIGHLIGHT", color: "green", target: { exact: "cooperation" } });
    const note = await create("author", { type: "Annotation", bodyValue: "Mine", target: `${ORIGIN}/readings/${readingId}#p-1` }, null);
    expect(note).toMatchObject({ visibility: "PRIVATE", courseId: null });
  });

  it("[PROTOCOL] a paragraph post is created from a FragmentSelector p-N, and comes back with the same target", async () => {
    const target = {
      type: "SpecificResource",
      source: `${ORIGIN}/readings/${readingId}`,
      selector: { type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3986", value: "p-1" },
    };
    const post = await create("author", { type: "Annotation", motivation: "commenting", bodyValue: "On paragraph one", target });
    expect(post).toMatchObject({ kind: "PARAGRAPH_POST", paragraphPosition: 1 });
    expect((await presentWebAnnotation(post, ORIGIN)).target).toEqual(target);
  });

  it("[PROTOCOL] a reply targets the annotation it answers (motivation replying) and keeps the thread in scholia:root", async () => {
    const root = await create("author", w3cComment());
    const reply = await create("classmate", w3cReply(root.id, "I agree"));
    expect(reply).toMatchObject({ kind: "REPLY", parentId: root.id, rootId: root.id, visibility: root.visibility });
    const nested = await create("author", {
      type: "Annotation",
      motivation: "replying",
      bodyValue: "Thanks",
      target: { type: "SpecificResource", source: `${ORIGIN}${annotationPath({ readingId, courseId }, reply.id)}` },
    });
    const written = await presentWebAnnotation(nested, ORIGIN);
    // Reply targets and roots are IRIs under the thread's container (the first reply above named
    // its parent by the older /api/annotations/<id>, still accepted).
    expect(written).toMatchObject({
      motivation: "replying",
      target: `${ORIGIN}/api/readings/${readingId}/courses/${courseId}/annotations/${reply.id}`,
      "scholia:root": `${ORIGIN}/api/readings/${readingId}/courses/${courseId}/annotations/${root.id}`,
    });
    // What was read is what a PUT may send back unchanged.
    const replaced = await replaceWebAnnotation({
      actorId: users.author.id,
      annotationId: nested.id,
      draft: readWebAnnotationBody(written),
    });
    expect(replaced.bodyText).toBe("Thanks");
    // A reply belongs to its thread's container: not another context, not another visibility.
    await expect(create("author", w3cReply(root.id, "x"), null)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/not in this container/),
    });
    await expect(create("author", w3cReply(root.id, "x", { "scholia:visibility": "PRIVATE" }))).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/thread's visibility/),
    });
    await expect(create("author", w3cReply(root.id, "x", { motivation: "commenting" }))).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/motivation is replying/),
    });
  });

  it("[PROTOCOL] provenance is kept and written back: canonical, via (with the id it had elsewhere), created, body language", async () => {
    const view = await create(
      "author",
      w3cComment({
        id: "https://elsewhere.example/annotations/7",
        canonical: "urn:uuid:3f1c3a52-0000-4000-8000-000000000001",
        via: "https://origin.example/a/7",
        created: "2020-05-01T12:00:00Z",
        creator: `${ORIGIN}/users/${users.author.id}`,
        body: { type: "TextualBody", value: "Pourquoi ?", format: "text/plain", language: "fr" },
      }),
    );
    const written = await presentWebAnnotation(view, ORIGIN);
    expect(written).toMatchObject({
      canonical: "urn:uuid:3f1c3a52-0000-4000-8000-000000000001",
      via: ["https://origin.example/a/7", "https://elsewhere.example/annotations/7"],
      "scholia:viaCreated": "2020-05-01T12:00:00.000Z",
    });
    expect(written.body).toContainEqual({
      type: "TextualBody",
      value: "Pourquoi ?",
      format: "text/plain",
      purpose: "commenting",
      language: "fr",
    });
    // PUT of what was read keeps it all; a PUT may not change the canonical IRI or the creation time.
    const replaced = await replaceWebAnnotation({ actorId: users.author.id, annotationId: view.id, draft: readWebAnnotationBody(written) });
    expect(await presentWebAnnotation(replaced, ORIGIN)).toMatchObject({ canonical: written.canonical, via: written.via });
    for (const [change, message] of [
      [{ canonical: "urn:uuid:other" }, /canonical IRI never changes/],
      [{ created: "2021-01-01T00:00:00Z" }, /created: set when/],
      [{ id: `${ORIGIN}/api/annotations/someone-else` }, /own IRI/],
      [{ creator: `${ORIGIN}/users/${users.classmate.id}` }, /creator is the person who sends it/],
    ] as const) {
      await expect(
        replaceWebAnnotation({ actorId: users.author.id, annotationId: view.id, draft: readWebAnnotationBody({ ...written, ...change }) }),
      ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(message) });
    }
  });

  it("[PROTOCOL] unsupported fields and server-managed ones on a new annotation are refused by name, never dropped", async () => {
    const refusals: [unknown, RegExp][] = [
      [w3cComment({ audience: { type: "schema:EducationalAudience" } }), /^audience: not supported.*Supported profile/],
      [w3cComment({ generator: { id: "https://client.example", type: "Software" } }), /^generator: not supported/],
      [w3cComment({ rights: "https://creativecommons.org/licenses/by/4.0/" }), /^rights: not supported/],
      [w3cComment({ stylesheet: { type: "CssStylesheet", value: ".red { color: red }" } }), /^stylesheet: not supported/],
      [w3cComment({ modified: "2020-05-01T12:00:00Z" }), /^modified: set by Scholia/],
      [w3cComment({ "scholia:hidden": true }), /^scholia:hidden: set by Scholia/],
      [w3cComment({ creator: { id: `${ORIGIN}/users/${users.classmate.id}`, name: "Someone else" } }), /^creator:/],
      [w3cComment({ body: 42 }), /^body: body is a TextualBody/],
    ];
    for (const [body, message] of refusals) {
      const error = await create("author", body).catch((caught: unknown) => caught);
      expect(error, JSON.stringify(body)).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(message) });
    }
  });

  it("[PROTOCOL] the container holds every annotation in it, replies too, and no deleted one; the author may delete a placeholder again", async () => {
    const root = await create("author", w3cComment());
    const reply = await create("classmate", w3cReply(root.id, "Re"));
    const container = async () =>
      (
        await loadAnnotationContainer({ actor: await loadActorContext(users.author.id), readingId, courseId, page: 1, pageSize: 200 })
      ).page.items.map((item) => item.id);
    expect(await container()).toEqual(expect.arrayContaining([root.id, reply.id]));
    expect(await deleteAnnotation({ actorId: users.author.id, annotationId: root.id })).toEqual({ wasKeptAsPlaceholder: true });
    expect(await container()).not.toContain(root.id);
    expect(await container()).toContain(reply.id);
    await expect(deleteAnnotation({ actorId: users.classmate.id, annotationId: root.id })).rejects.toMatchObject({ code: "GONE" });
    expect(await deleteAnnotation({ actorId: users.author.id, annotationId: root.id })).toEqual({ wasKeptAsPlaceholder: true });
    await deleteAnnotation({ actorId: users.classmate.id, annotationId: reply.id });
    expect(await deleteAnnotation({ actorId: users.author.id, annotationId: root.id })).toEqual({ wasKeptAsPlaceholder: false });
    expect(await getDb().annotation.findUnique({ where: { id: root.id } })).toBeNull();
  });

  it("[PROTOCOL] what cannot be stored faithfully is a 400 with a message", async () => {
    const refusals: [unknown, RegExp][] = [
      [w3cComment({ target: { selector: { type: "TextQuoteSelector", exact: "not in this text at all" } } }), /does not occur/],
      [
        w3cComment({
          target: { source: `${ORIGIN}/readings/${otherReadingId}`, selector: { type: "TextQuoteSelector", exact: "cooperation" } },
        }),
        /another reading/,
      ],
      [w3cComment({ target: { selector: { type: "TextQuoteSelector", exact: "the states" } } }), /more than once/],
      [w3cComment({ "scholia:course": "some-other-course" }), /course/],
      [w3cComment({ motivation: "replying" }), /reply .*targets the annotation it answers/],
      [w3cComment({ body: { type: "TextualBody", value: "x", format: "application/pdf" } }), /text\/plain or text\/html/],
      [w3cComment({ motivation: "highlighting" }), /highlight has no comment/],
      [w3cComment({ body: { type: "TextualBody", value: "<p>   </p>", format: "text/html" } }), /Write something/],
    ];
    for (const [body, message] of refusals) {
      const error = await create("author", body).catch((caught: unknown) => caught);
      expect(error, JSON.stringify(body)).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(message) });
    }
  });

  it("[PROTOCOL] PUT cannot move an annotation or change its motivation; only the author may PUT", async () => {
    const view = await create("author", w3cComment());
    const read = await presentWebAnnotation(view, ORIGIN);
    const moved = { ...read, target: { selector: { type: "TextQuoteSelector", exact: "cooperation" } } };
    await expect(
      replaceWebAnnotation({ actorId: users.author.id, annotationId: view.id, draft: readWebAnnotationBody(moved) }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/target cannot change/),
    });
    await expect(
      replaceWebAnnotation({
        actorId: users.author.id,
        annotationId: view.id,
        draft: readWebAnnotationBody({ ...read, motivation: "highlighting" }),
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      replaceWebAnnotation({ actorId: users.classmate.id, annotationId: view.id, draft: readWebAnnotationBody(read) }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("[PROTOCOL] If-Match: the current tag passes, a stale one is 412, a missing required one 428, an unreadable post 404", async () => {
    const view = await create("author", w3cComment());
    const author = await loadActorContext(users.author.id);
    const current = entityTagOf(await presentWebAnnotation(view, ORIGIN));
    const check = (ifMatch: string | null, isRequired = false, actor = author) =>
      assertAnnotationUnchanged({ actor, annotationId: view.id, ifMatch, origin: ORIGIN, isRequired });
    await expect(check(current)).resolves.toBeUndefined();
    await expect(check(null)).resolves.toBeUndefined();
    await replaceWebAnnotation({
      actorId: users.author.id,
      annotationId: view.id,
      draft: readWebAnnotationBody(w3cComment({ bodyValue: undefined, body: { value: "Edited" } })),
    });
    await expect(check(current)).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await expect(check(null, true)).rejects.toMatchObject({ code: "PRECONDITION_REQUIRED" });
    await expect(check(current, false, await loadActorContext(users.outsider.id))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("[PROTOCOL] the container of a course is not found for a non-member; it is labelled for a member", async () => {
    await expect(
      loadAnnotationContainer({ actor: await loadActorContext(users.outsider.id), readingId, courseId, page: 1, pageSize: 10 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const container = await loadAnnotationContainer({
      actor: await loadActorContext(users.classmate.id),
      readingId,
      courseId,
      page: 1,
      pageSize: 10,
    });
    expect(container.label).toBe(`Annotations on “Protocol Test Reading” in ${prefix} Course`);
    await expect(
      loadAnnotationContainer({
        actor: await loadActorContext(users.classmate.id),
        readingId: "no-such-reading",
        courseId: null,
        page: 1,
        pageSize: 10,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("HTML bodies: bounded cost, a message for anything the parser cannot take", () => {
  const htmlComment = (value: string) => w3cComment({ body: { type: "TextualBody", value, format: "text/html" } });
  const refusal = (body: unknown) => create("author", body).catch((caught: unknown) => caught);

  it("[COST] a list of 20,000 items and 2,000 nested quotes are refused with a message before any parsing (they took 3.8 s, or overflowed the stack: 500)", async () => {
    const before = await getDb().annotation.count({ where: { readingId } });
    for (const value of [
      `<ul>${"<li>x</li>".repeat(20_000)}</ul>`,
      `${"<blockquote>".repeat(2_000)}deep${"</blockquote>".repeat(2_000)}`,
      `<p>${"<b>".repeat(2_000)}deep</p>`,
      `<ul>${"<li>x".repeat(401)}</ul>`,
    ]) {
      // "at most …": refused on the length or the count of tags, never parsed.
      const error = await refusal(htmlComment(value));
      expect(error, value.slice(0, 40)).toMatchObject({ code: "VALIDATION", fieldErrors: { body: [expect.stringMatching(/at most/)] } });
    }
    expect(await getDb().annotation.count({ where: { readingId } })).toBe(before);
  });

  it("[COST] HTML within the limits but nested deeper than a comment may be is a 400 naming the problem, not a 500", async () => {
    const nested = `${"<blockquote>".repeat(150)}deep${"</blockquote>".repeat(150)}`;
    expect(await refusal(htmlComment(nested))).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/nested too deeply/) });
  });

  it("[PROTOCOL] ordinary rich HTML still becomes a comment", async () => {
    const view = await create("author", htmlComment(`<p>A <b>bold</b> point,</p><ul>${"<li>item</li>".repeat(100)}</ul>`));
    expect(view.bodyText).toContain("A bold point,");
    expect(view.bodyHtml).toContain("<strong>bold</strong>");
    expect(view.bodyHtml?.match(/<li>/g)).toHaveLength(100);
  });
});

describe("positions in Unicode code points of the reading's text representation", () => {
  let emojiReadingId = "";
  let emojiText = "";
  beforeAll(async () => {
    const imported = importReading(
      ["Emoji Reading", "", "Geneva, 2 May 2020", "", "Smile 😀 then the 🎉 party: the target word is here.", "", "Closing 🌍 words."].join(
        "\n",
      ),
    );
    emojiText = imported.canonicalText;
    emojiReadingId = (await saveImportedReading({ slug: `${prefix}-emoji`, reading: imported })).readingId;
    await getDb().assignment.create({ data: { courseId, readingId: emojiReadingId, title: "Read the emoji" } });
    // Not public: only the course it is assigned in reads it.
    await getDb().reading.update({ where: { id: emojiReadingId }, data: { isPublic: false } });
  });
  afterAll(async () => {
    await getDb().annotationEvent.deleteMany({ where: { readingId: emojiReadingId } });
    await getDb().reading.deleteMany({ where: { id: emojiReadingId } });
  });

  it("[PROTOCOL] GET …/text is the paragraphs joined by a blank line; a non-member cannot read it", async () => {
    const text = await loadReadingText({ actor: await loadActorContext(users.author.id), readingId: emojiReadingId });
    expect(text).toBe(emojiText);
    const paragraphs = await getDb().paragraph.findMany({
      where: { readingId: emojiReadingId, retiredInVersion: null },
      orderBy: { position: "asc" },
      select: { text: true },
    });
    expect(text).toBe(paragraphs.map((paragraph) => paragraph.text).join("\n\n"));
    await expect(loadReadingText({ actor: await loadActorContext(users.outsider.id), readingId: emojiReadingId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("[PROTOCOL] offsets are written and read in code points: after emoji, the peer's slice of the text is the quote", async () => {
    const codePoints = Array.from(emojiText);
    const start = codePoints.join("").indexOf("target word");
    const codePointStart = Array.from(emojiText.slice(0, start)).length;
    expect(start - codePointStart).toBe(2);
    // A comment on "target word", its position selector starting at `at`.
    const commentOnTargetWord = (at: number, target: Record<string, unknown> = {}) =>
      createWebAnnotation({
        actorId: users.author.id,
        readingId: emojiReadingId,
        courseId,
        draft: readWebAnnotationBody({
          type: "Annotation",
          bodyValue: "Which word?",
          target: {
            ...target,
            selector: [
              { type: "TextPositionSelector", start: at, end: at + 11 },
              { type: "TextQuoteSelector", exact: "target word" },
            ],
          },
        }),
      });
    const view = await commentOnTargetWord(codePointStart, { source: `${ORIGIN}/readings/${emojiReadingId}` });
    expect(view.target).toMatchObject({ start, end: start + 11, exact: "target word" });
    const written = await presentWebAnnotation(view, ORIGIN);
    const target = written.target as { "scholia:text": string; selector: { type: string; start?: number; end?: number }[] };
    expect(target["scholia:text"]).toBe(`${ORIGIN}/api/readings/${emojiReadingId}/text`);
    const position = target.selector.find((selector) => selector.type === "TextPositionSelector")!;
    expect(position).toEqual({ type: "TextPositionSelector", start: codePointStart, end: codePointStart + 11 });
    expect(codePoints.slice(position.start, position.end).join("")).toBe("target word");
    // The UTF-16 offsets (what we used to write) now contradict the quote, and are refused rather than moved.
    await expect(commentOnTargetWord(start)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/does not select the TextQuoteSelector/),
    });
  });

  it("[PROTOCOL] a position inside a surrogate pair (Scholia's own UTF-16 shape) is refused, never stored as half a character", async () => {
    const emoji = emojiText.indexOf("😀");
    await expect(
      createAnnotation({
        actorId: users.author.id,
        input: {
          readingId: emojiReadingId,
          courseId,
          kind: "HIGHLIGHT",
          target: { start: emoji + 1, end: emoji + 8 },
          tags: [],
          mentionedUserIds: [],
        },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/inside a character/) });
  });
});
