import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { doc } from "./fixtures/classroom";
import { closeDatabase, countRows, fingerprintRows } from "./fixtures/database";
import { DEMO_COURSE, DEMO_JOIN_CODE } from "./fixtures/demo-course";
import { postFormAction, postValueAction } from "./fixtures/server-actions";
import {
  assignmentActions,
  createAssignmentViaAction,
  createGroupViaAction,
  createReadingViaActions,
  createTokenViaAction,
  READING_ACTIONS,
  TOKEN_ACTIONS,
} from "./fixtures/teaching";

// Every API route and server action fed what no well-behaved client sends: broken JSON, wrong
// types, missing and extra fields, 1 MB strings, JSON 10,000 levels deep, foreign or absurd ids,
// selections outside the text, reversed ranges, numbers JSON cannot even mean. The rule: always
// a 4xx with a JSON message (server actions: their error state), never a 5xx, and not one row
// written — the row counts of every table a request could touch are the same before and after.
//
// The tables below are the list of routes (app/api/**/route.ts) and actions (app/**/actions.ts):
// a new route or action is one more entry.

const DEMO_ASSIGNMENT = "demo-assignment-sco-2006";
const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
const MEGABYTE = "x".repeat(1024 * 1024);
const DEEP_ARRAY = "[".repeat(10_000) + "]".repeat(10_000);
const DEEP_OBJECT = '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000);

type Ids = {
  readingId: string;
  annotationId: string;
  otherCourseId: string;
  otherAnnotationId: string;
  notificationIdOfOther: string;
  /** Someone else's reading, seen by them alone. */
  privateReadingId: string;
  otherAssignmentId: string;
};

/** Path ids that are not ours to use: absent, foreign, SQL-ish, traversal, NUL, oversized. */
const badIds = (ids: Ids, foreign: string) => [
  "does-not-exist",
  foreign,
  "1'%20OR%20'1'%3D'1",
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  "%00",
  "a".repeat(65),
  "%F0%9F%98%80",
  "%E2%80%AE",
  "9".repeat(30),
];

type JsonRoute = {
  name: string;
  method: "POST" | "PATCH" | "PUT";
  path: (ids: Ids) => string;
  /** Each entry is invalid on its own: a field set to a bad value, or removed (undefined). */
  badBodies: (ids: Ids) => Record<string, unknown>[];
  /** Raw JSON texts specific to this route (numbers JSON.stringify cannot write). */
  rawBodies?: string[];
  badPaths?: (ids: Ids) => string[];
  /** The well-formed body sent to badPaths (else a mix of every route's fields). */
  pathBody?: (ids: Ids) => unknown;
};

/** A W3C Annotation the container would accept: a comment on the first 12 characters. */
const w3cAnnotation = (ids: Ids) => ({
  "@context": ANNO_CONTEXT,
  type: "Annotation",
  motivation: "commenting",
  bodyValue: "valid text",
  target: { source: `/readings/${ids.readingId}`, selector: { type: "TextPositionSelector", start: 0, end: 12 } },
});
const onReading = (ids: Ids, selector: unknown) => ({ source: `/readings/${ids.readingId}`, selector });

const wrongTypes = [null, 42, true, [], {}, "", MEGABYTE];

function eachField(valid: Record<string, unknown>, bad: Record<string, unknown[]>, required: string[]): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  for (const [field, values] of Object.entries(bad)) {
    // The extra field names the case, for the failure message.
    for (const [index, value] of values.entries())
      bodies.push({ ...valid, [field]: value, unexpected: `${field} #${index}`, ["__proto__"]: { isAdmin: true } });
  }
  for (const field of required) {
    const { [field]: _removed, ...rest } = valid;
    bodies.push({ ...rest, unexpected: `without ${field}` });
  }
  return bodies;
}

const JSON_ROUTES: JsonRoute[] = [
  {
    name: "POST /api/accounts",
    method: "POST",
    path: () => "/api/accounts",
    badBodies: () =>
      eachField(
        { name: "Someone", email: "bad-input@example.test", password: "long-enough-password" },
        {
          name: [...wrongTypes, "nul \u0000 name"],
          email: [...wrongTypes, "not-an-email", `${MEGABYTE}@example.test`],
          password: [...wrongTypes, "short"],
        },
        ["name", "email", "password"],
      ),
  },
  {
    name: "POST /api/courses",
    method: "POST",
    path: () => "/api/courses",
    badBodies: () =>
      eachField(
        { title: "Title", term: "" },
        { title: [...wrongTypes, "   ", "nul \u0000 title"], term: [42, [], {}, MEGABYTE, "nul \u0000 term"] },
        ["title"],
      ),
  },
  {
    name: "POST /api/courses/join",
    method: "POST",
    path: () => "/api/courses/join",
    badBodies: () => eachField({ code: "NOPE-NOPE" }, { code: [...wrongTypes, "NOPE-NOPE", "' OR 1=1 --", "\u0000"] }, ["code"]),
  },
  {
    name: "POST /api/readings/:id/annotations",
    method: "POST",
    path: (ids) => `/api/readings/${ids.readingId}/annotations`,
    badBodies: (ids) =>
      eachField(
        { courseId: DEMO_COURSE, kind: "COMMENT", target: { start: 0, end: 12 }, body: doc("valid text") },
        {
          courseId: [42, [], {}, "", MEGABYTE, ids.otherCourseId, "does-not-exist", "' OR 1=1 --", "\u0000"],
          kind: [...wrongTypes, "comment", "REPLY", "ADMIN"],
          target: [
            ...wrongTypes,
            { start: -1, end: 5 },
            { start: 50, end: 10 },
            { start: 5, end: 5 },
            { start: 1e9, end: 1e9 + 5 },
            { start: 0, end: 1e9 },
            { start: 0.5, end: 3 },
            { start: "0", end: "5" },
            { start: Number.MAX_SAFE_INTEGER + 2, end: Number.MAX_SAFE_INTEGER + 8 },
            { start: 0 },
            { paragraph: 1 },
            { paragraph: 0 },
            { paragraph: -1 },
            { paragraph: 1.5 },
            { paragraph: 1e9 },
            { paragraph: "1" },
          ],
          body: [null, 42, "", [], {}, MEGABYTE, { type: "doc", content: [] }],
          visibility: [42, "PUBLIC", "private", MEGABYTE],
          groupId: [42, ["x"], "\u0000"],
          tags: [42, "tag", [42], [MEGABYTE], ["<script>"], Array.from({ length: 50 }, (_, index) => `t${index}`)],
          color: [42, "red", MEGABYTE],
          isQuestion: ["yes", 1, MEGABYTE],
          mentionedUserIds: [42, "someone", [42], ["' OR 1=1 --"], Array.from({ length: 50 }, (_, index) => `u${index}`)],
        },
        ["kind", "target", "body"],
      ).concat([
        { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 99_999 }, body: doc("x") },
        // A group only matters for GROUP visibility (elsewhere it is ignored); the prober has none.
        {
          courseId: DEMO_COURSE,
          kind: "PARAGRAPH_POST",
          target: { paragraph: 1 },
          body: doc("x"),
          visibility: "GROUP",
          groupId: "does-not-exist",
        },
        { courseId: null, kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: doc("x"), visibility: "COURSE" },
        { courseId: DEMO_COURSE, kind: "HIGHLIGHT", target: { start: 0, end: 12 }, body: doc("highlights have no body") },
      ]),
    rawBodies: [
      `{"courseId":"${DEMO_COURSE}","kind":"COMMENT","target":{"start":1e309,"end":2e309},"body":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x"}]}]}}`,
      `{"courseId":"${DEMO_COURSE}","kind":"COMMENT","target":{"start":-1e309,"end":5},"body":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x"}]}]}}`,
      `{"courseId":"${DEMO_COURSE}","kind":"COMMENT","target":{"start":0,"end":12},"body":${DEEP_OBJECT}}`,
      `{"courseId":"${DEMO_COURSE}","kind":"COMMENT","target":${DEEP_OBJECT},"body":{"type":"doc"}}`,
      `{"courseId":"${DEMO_COURSE}","kind":"PARAGRAPH_POST","target":{"paragraph":1e400},"body":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x"}]}]}}`,
    ],
    badPaths: (ids) => badIds(ids, ids.privateReadingId).map((id) => `/api/readings/${id}/annotations`),
  },
  {
    name: "POST /api/readings/:id/annotations (W3C Annotation)",
    method: "POST",
    path: (ids) => `/api/readings/${ids.readingId}/annotations?course=${DEMO_COURSE}`,
    badBodies: (ids) =>
      eachField(
        w3cAnnotation(ids),
        {
          type: [null, 42, "", "Note", ["Note"], "annotation"],
          motivation: [42, "", "bookmarking", "COMMENTING", MEGABYTE],
          bodyValue: [null, 42, [], {}, MEGABYTE],
          body: [
            42,
            "text",
            [{}],
            { type: "TextualBody", value: 42 },
            { type: "Image", value: "x" },
            { type: "TextualBody", value: "x", format: "image/svg+xml" },
            { type: "TextualBody", value: "x", format: "text/html; charset=utf-7" },
            { type: "TextualBody", value: "x", purpose: "editing" },
            { type: "TextualBody", value: MEGABYTE, format: "text/html" },
            [{ value: "one" }, { value: "two" }],
            Array.from({ length: 21 }, (_, index) => ({ value: `tag${index}`, purpose: "tagging" })),
            [{ value: "x" }, { value: MEGABYTE, purpose: "tagging" }],
          ],
          target: [
            null,
            42,
            "",
            [],
            "not-a-reading",
            `/readings/${ids.readingId}#p-0`,
            `/readings/${ids.readingId}#p-99999`,
            `/readings/${ids.readingId}#p-1.5`,
            `/readings/${ids.readingId}#p--1`,
            `/readings/${ids.privateReadingId}#p-1`,
            `/readings/does-not-exist#p-1`,
            [`/readings/${ids.readingId}#p-1`, `/readings/${ids.readingId}#p-2`],
            { source: `/readings/${ids.readingId}` },
            onReading(ids, []),
            onReading(ids, { type: "XPathSelector", value: "/p[1]" }),
            onReading(ids, { type: "CssSelector", value: "p" }),
            onReading(ids, { type: "FragmentSelector", value: "p-0" }),
            onReading(ids, { type: "FragmentSelector", value: "section-1" }),
            onReading(ids, { type: "FragmentSelector", value: "p-1", conformsTo: "http://www.w3.org/TR/media-frags/" }),
            onReading(ids, [
              { type: "FragmentSelector", value: "p-1" },
              { type: "TextPositionSelector", start: 0, end: 5 },
            ]),
            onReading(ids, { type: "TextPositionSelector", start: -1, end: 5 }),
            onReading(ids, { type: "TextPositionSelector", start: 50, end: 10 }),
            onReading(ids, { type: "TextPositionSelector", start: 5, end: 5 }),
            onReading(ids, { type: "TextPositionSelector", start: 1e9, end: 1e9 + 5 }),
            onReading(ids, { type: "TextPositionSelector", start: 0, end: 1e9 }),
            onReading(ids, { type: "TextPositionSelector", start: 0.5, end: 3 }),
            onReading(ids, { type: "TextPositionSelector", start: "0", end: "5" }),
            onReading(ids, { type: "TextPositionSelector", start: Number.MAX_SAFE_INTEGER + 2, end: Number.MAX_SAFE_INTEGER + 8 }),
            onReading(ids, { type: "TextPositionSelector", start: 0 }),
            onReading(ids, { type: "TextQuoteSelector", exact: "" }),
            onReading(ids, { type: "TextQuoteSelector", exact: 42 }),
            onReading(ids, { type: "TextQuoteSelector", exact: "words that are nowhere in the statement 7f3c" }),
            onReading(ids, { type: "TextQuoteSelector", exact: MEGABYTE }),
            onReading(ids, { type: "TextQuoteSelector", exact: "\u0000" }),
            // "the" is everywhere: without context no one occurrence is meant.
            onReading(ids, { type: "TextQuoteSelector", exact: "the" }),
            onReading(ids, [
              { type: "TextPositionSelector", start: 0, end: 3 },
              { type: "TextPositionSelector", start: 4, end: 9 },
            ]),
            onReading(ids, [
              { type: "TextQuoteSelector", exact: "a" },
              { type: "TextQuoteSelector", exact: "b" },
            ]),
            onReading(
              ids,
              Array.from({ length: 3 }, () => ({ type: "TextPositionSelector", start: 0, end: 3 })),
            ),
            { source: `/readings/${ids.privateReadingId}`, selector: { type: "TextPositionSelector", start: 0, end: 3 } },
            { source: "https://evil.example/readings/", selector: { type: "TextPositionSelector", start: 0, end: 3 } },
          ],
          "scholia:visibility": [42, "EVERYONE", "private", MEGABYTE],
          "scholia:color": [42, "red", MEGABYTE],
          "scholia:course": [42, ids.otherCourseId, "does-not-exist"],
        },
        ["type", "target"],
      ).concat([
        { ...w3cAnnotation(ids), "scholia:visibility": "GROUP", "scholia:group": "does-not-exist" },
        { ...w3cAnnotation(ids), motivation: "highlighting", bodyValue: "highlights have no body" },
        { "@context": ANNO_CONTEXT, type: "Annotation", motivation: "commenting", target: `/readings/${ids.readingId}#p-1` },
      ]),
    rawBodies: [
      `{"@context":"${ANNO_CONTEXT}","type":"Annotation","bodyValue":"x","target":${DEEP_OBJECT}}`,
      `{"@context":${DEEP_ARRAY},"type":"Annotation","bodyValue":"x","target":"/readings/x#p-1"}`,
    ],
    pathBody: (ids) => w3cAnnotation(ids),
    badPaths: (ids) => [
      ...badIds(ids, ids.privateReadingId).map((id) => `/api/readings/${id}/annotations?course=${DEMO_COURSE}`),
      ...[ids.otherCourseId, "does-not-exist", "%00", "..%2F..", "'%20OR%20'1'%3D'1", "a".repeat(65)].map(
        (course) => `/api/readings/${ids.readingId}/annotations?course=${course}`,
      ),
    ],
  },
  {
    name: "PATCH /api/annotations/:id",
    method: "PATCH",
    path: (ids) => `/api/annotations/${ids.annotationId}`,
    badBodies: () => [
      {},
      { unexpected: "only" },
      ...eachField(
        { tags: ["ok"] },
        {
          body: [null, 42, "", {}, MEGABYTE, { type: "doc", content: [] }],
          visibility: [42, "PUBLIC"],
          tags: [42, [MEGABYTE]],
          color: ["red"],
          isQuestion: ["yes"],
        },
        [],
      ),
    ],
    badPaths: (ids) => badIds(ids, ids.otherAnnotationId).map((id) => `/api/annotations/${id}`),
  },
  {
    name: "PUT /api/annotations/:id",
    method: "PUT",
    path: (ids) => `/api/annotations/${ids.annotationId}`,
    badBodies: (ids) => [
      {},
      { body: 42 },
      { visibility: "EVERYONE" },
      // A W3C replacement cannot move the annotation, change what it is, or carry what we cannot store.
      { ...w3cAnnotation(ids), target: `/readings/${ids.readingId}#p-3` },
      { ...w3cAnnotation(ids), target: onReading(ids, { type: "TextPositionSelector", start: 20, end: 30 }) },
      { ...w3cAnnotation(ids), target: onReading(ids, { type: "TextPositionSelector", start: -1, end: 30 }) },
      {
        ...w3cAnnotation(ids),
        target: { source: `/readings/${ids.privateReadingId}`, selector: { type: "TextPositionSelector", start: 0, end: 12 } },
      },
      { ...w3cAnnotation(ids), motivation: "highlighting" },
      { ...w3cAnnotation(ids), "scholia:course": ids.otherCourseId },
      { ...w3cAnnotation(ids), bodyValue: 42 },
      { ...w3cAnnotation(ids), body: { type: "TextualBody", value: "x", format: "application/javascript" } },
      { ...w3cAnnotation(ids), type: "Note" },
    ],
    badPaths: (ids) => badIds(ids, ids.otherAnnotationId).map((id) => `/api/annotations/${id}`),
  },
  {
    name: "POST /api/annotations/:id/replies",
    method: "POST",
    path: (ids) => `/api/annotations/${ids.annotationId}/replies`,
    badBodies: () =>
      eachField(
        { body: doc("reply") },
        {
          body: [null, 42, "", [], {}, MEGABYTE],
          mentionedUserIds: [42, [42], ["' OR 1=1"], Array.from({ length: 11 }, (_, index) => `u${index}`)],
        },
        ["body"],
      ),
    rawBodies: [`{"body":${DEEP_OBJECT}}`, `{"body":{"type":"doc","content":${DEEP_ARRAY}}}`],
    badPaths: (ids) => badIds(ids, ids.otherAnnotationId).map((id) => `/api/annotations/${id}/replies`),
  },
  {
    name: "POST /api/readings/:id/annotation-imports",
    method: "POST",
    // Into the prober's own notes, which anyone may import into: only the file can be wrong.
    path: (ids) => `/api/readings/${ids.readingId}/annotation-imports`,
    badBodies: (ids) => [
      { type: "Note" },
      { type: "AnnotationCollection", first: "https://elsewhere.example/page-1" },
      { type: "AnnotationPage", items: 42 },
      { type: "AnnotationPage", items: [{ ...w3cAnnotation(ids), audience: "everyone" }] },
      { type: "AnnotationPage", items: [{ ...w3cAnnotation(ids), target: `/readings/${ids.privateReadingId}#p-1` }] },
      {
        type: "AnnotationPage",
        items: [
          { type: "Annotation", motivation: "replying", bodyValue: "x", target: "https://scholia.example/api/annotations/not-in-the-file" },
        ],
      },
      { type: "AnnotationPage", items: Array.from({ length: 1_001 }, () => w3cAnnotation(ids)) },
    ],
    rawBodies: ["null", "42", '"text"', "[42]", DEEP_ARRAY, `{"type":"AnnotationPage","items":${DEEP_ARRAY}}`],
    badPaths: (ids) => badIds(ids, ids.privateReadingId).map((id) => `/api/readings/${id}/annotation-imports`),
  },
  {
    name: "POST /api/annotations/:id/moderation",
    method: "POST",
    path: (ids) => `/api/annotations/${ids.annotationId}/moderation`,
    // The prober is a student: well-formed actions are refused too (403), so every body is "bad".
    badBodies: () =>
      eachField({ action: "pin" }, { action: [...wrongTypes, "delete", "HIDE"], reason: [42, MEGABYTE] }, ["action"]).concat([
        { action: "hide", reason: "" },
      ]),
    badPaths: (ids) => badIds(ids, ids.otherAnnotationId).map((id) => `/api/annotations/${id}/moderation`),
  },
  {
    name: "POST /api/notifications/read",
    method: "POST",
    path: () => "/api/notifications/read",
    badBodies: (ids) =>
      [
        { ids: 42 },
        { ids: "all" },
        { ids: [42] },
        { ids: ["' OR 1=1 --"] },
        { ids: [MEGABYTE] },
        { ids: Array.from({ length: 501 }, (_, index) => `n${index}`) },
        { ids: [ids.notificationIdOfOther] },
      ].map((body) => ({ ...body, unexpected: true })),
  },
  {
    name: "PUT /api/reading-preference",
    method: "PUT",
    path: () => "/api/reading-preference",
    badBodies: () => [
      {},
      { highlightVisibility: "EVERYONE" },
      { highlightVisibility: 42 },
      { highlightVisibility: MEGABYTE },
      { showOthersHighlights: "no" },
      { showOthersHighlights: null },
      { highlightVisibility: "PRIVATE", unexpected: true },
    ],
  },
];

/** Generic breakage every JSON route must survive, whatever its fields. */
const RAW_BODIES: { label: string; contentType: string | null; data: string }[] = [
  { label: "empty body", contentType: "application/json", data: "" },
  { label: "truncated JSON", contentType: "application/json", data: '{"a":' },
  { label: "single quotes", contentType: "application/json", data: "{'a':1}" },
  { label: "trailing comma", contentType: "application/json", data: '{"a":1,}' },
  { label: "NUL byte", contentType: "application/json", data: "\u0000" },
  { label: "NaN literal", contentType: "application/json", data: '{"a":NaN}' },
  { label: "null", contentType: "application/json", data: "null" },
  { label: "number", contentType: "application/json", data: "42" },
  { label: "string", contentType: "application/json", data: '"text"' },
  { label: "array", contentType: "application/json", data: "[]" },
  { label: "deep array (10,000)", contentType: "application/json", data: DEEP_ARRAY },
  { label: "deep object (10,000)", contentType: "application/json", data: DEEP_OBJECT },
  { label: "1 MB string", contentType: "application/json", data: JSON.stringify({ a: MEGABYTE }) },
  { label: "text/plain JSON", contentType: "text/plain", data: '{"title":"x","code":"x","action":"pin"}' },
  { label: "form encoded", contentType: "application/x-www-form-urlencoded", data: "title=x&code=x&action=pin" },
  { label: "no content type", contentType: null, data: '{"title":"x"}' },
  {
    label: "multipart",
    contentType: "multipart/form-data; boundary=zzz",
    data: '--zzz\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--zzz--\r\n',
  },
];

type GetRoute = { name: string; paths: (ids: Ids) => string[] };

const GET_ROUTES: GetRoute[] = [
  { name: "GET /api/courses/:id", paths: (ids) => badIds(ids, ids.otherCourseId).map((id) => `/api/courses/${id}`) },
  { name: "GET /api/courses/:id/members", paths: (ids) => badIds(ids, ids.otherCourseId).map((id) => `/api/courses/${id}/members`) },
  { name: "GET /api/annotations/:id", paths: (ids) => badIds(ids, ids.otherAnnotationId).map((id) => `/api/annotations/${id}`) },
  { name: "GET /api/reading-imports/:id", paths: (ids) => badIds(ids, "does-not-exist-either").map((id) => `/api/reading-imports/${id}`) },
  {
    name: "GET /api/readings/:id/original",
    // The shipped statement has no original file; someone else's private reading is not ours to open.
    paths: (ids) => [ids.readingId, ...badIds(ids, ids.privateReadingId)].map((id) => `/api/readings/${id}/original`),
  },
  {
    name: "GET /api/readings/:id/annotations",
    paths: (ids) => [
      ...badIds(ids, "does-not-exist").map((id) => `/api/readings/${id}/annotations`),
      ...[
        "page=0",
        "page=-1",
        "page=abc",
        "page=1e999",
        "page=NaN",
        "page=Infinity",
        "pageSize=0",
        "pageSize=100000",
        "pageSize=1.5",
        `course=${ids.otherCourseId}`,
        "course=..%2F..",
        "course=%00",
        "course=' OR 1=1",
        `course=${"a".repeat(65)}`,
        "page=99999999999999999999",
      ].map((query) => `/api/readings/${ids.readingId}/annotations?${query}`),
    ],
  },
  {
    name: "GET /api/readings/:id/annotations/views",
    paths: (ids) => [
      ...badIds(ids, "does-not-exist").map((id) => `/api/readings/${id}/annotations/views`),
      ...["page=-1", "pageSize=1e9", "course=%00", `course=${ids.otherCourseId}`, "from=0", "to=abc"].map(
        (query) => `/api/readings/${ids.readingId}/annotations/views?${query}`,
      ),
    ],
  },
  {
    name: "GET /api/readings/:id/annotations/views/:annotationId",
    paths: (ids) => [
      // (`%2e%2e` as the last segment is `..`: the address of the margin's list itself.)
      ...badIds(ids, ids.otherAnnotationId)
        .filter((id) => id !== "%2e%2e")
        .map((id) => `/api/readings/${ids.readingId}/annotations/views/${id}?course=${DEMO_COURSE}`),
      ...badIds(ids, "does-not-exist").map((id) => `/api/readings/${id}/annotations/views/${ids.annotationId}?course=${DEMO_COURSE}`),
      ...["course=%00", `course=${ids.otherCourseId}`, "course="].map(
        (query) => `/api/readings/${ids.readingId}/annotations/views/${ids.annotationId}?${query}`,
      ),
    ],
  },
  {
    name: "GET /api/readings/:id/paragraphs/:n/thread",
    paths: (ids) => [
      ...badIds(ids, "does-not-exist").map((id) => `/api/readings/${id}/paragraphs/1/thread?course=${DEMO_COURSE}`),
      ...["0", "-1", "1.5", "abc", "1e3", "99999", "99999999999999999999", "NaN", "Infinity", "%00"].map(
        (n) => `/api/readings/${ids.readingId}/paragraphs/${n}/thread?course=${DEMO_COURSE}`,
      ),
      ...["sort=drop", "sort=", `course=${ids.otherCourseId}`, "course=%00"].map(
        (query) => `/api/readings/${ids.readingId}/paragraphs/1/thread?${query}`,
      ),
    ],
  },
  {
    name: "GET /api/readings/:id/events",
    paths: (ids) => [
      ...badIds(ids, "does-not-exist").map((id) => `/api/readings/${id}/events?course=${DEMO_COURSE}`),
      ...[
        "after=-1",
        "after=abc",
        "after=99999999999999999999",
        "after=1-",
        "after=1-2-3",
        "after=9223372036854775808-0",
        "after=0-9223372036854775808",
        `after=${"1".repeat(41)}`,
        `course=${ids.otherCourseId}`,
        "course=%00",
      ].map((query) => `/api/readings/${ids.readingId}/events?course=${DEMO_COURSE}&${query}`),
    ],
  },
];

GET_ROUTES.push(
  {
    name: "GET /api/search",
    paths: () =>
      [
        "",
        "q=",
        "q=%20%20%20",
        `q=${"x".repeat(201)}`,
        `q=${"x".repeat(4_000)}`,
        `author=${"a".repeat(101)}`,
        `tag=${"t".repeat(41)}`,
        "q=x&reading=%00",
        "q=x&reading='%20OR%20'1'%3D'1",
        `q=x&reading=${"a".repeat(65)}`,
        "q=x&paragraph=0",
        "q=x&paragraph=-1",
        "q=x&paragraph=abc",
        "q=x&paragraph=1e400",
        "q=x&paragraph=1.5",
        "q=x&kind=ADMIN",
        "q=x&kind=reply",
        "q=x&course=..%2F..",
        "q=x&course=%00",
        "q=x&group=%00",
        "q=x&from=2026-02-30",
        "q=x&from=yesterday",
        "q=x&to=2026-13-01",
        "q=x&from=99999-01-01",
        "q=x&from=2026-12-01&to=2026-01-01",
        "q=x&page=0",
        "q=x&page=51",
        "q=x&page=abc",
        "q=x&page=1e999",
        "q=x&page=-1",
      ].map((query) => `/api/search?${query}`),
  },
  {
    name: "GET /api/readings/:id/export",
    paths: (ids) => [
      ...badIds(ids, ids.privateReadingId).map((id) => `/api/readings/${id}/export?format=md`),
      ...[
        "",
        "format=",
        "format=html",
        "format=MD",
        "format=pdf",
        "format=md&course=%00",
        `format=md&course=${ids.otherCourseId}`,
        "format=jsonld&course=does-not-exist",
        "format=csv&course='%20OR%201%3D1",
        `format=csv&course=${"a".repeat(65)}`,
      ].map((query) => `/api/readings/${ids.readingId}/export?${query}`),
    ],
  },
  {
    name: "GET /api/courses/:id/assignments/:assignmentId/grades.csv",
    paths: (ids) => [
      ...badIds(ids, ids.otherCourseId).map((id) => `/api/courses/${id}/assignments/${DEMO_ASSIGNMENT}/grades.csv`),
      ...badIds(ids, ids.otherAssignmentId).map((id) => `/api/courses/${DEMO_COURSE}/assignments/${id}/grades.csv`),
      // The prober is a student of the demo course: its grade sheet is staff's.
      `/api/courses/${DEMO_COURSE}/assignments/${DEMO_ASSIGNMENT}/grades.csv`,
      `/api/courses/${ids.otherCourseId}/assignments/${ids.otherAssignmentId}/grades.csv`,
      `/api/courses/${DEMO_COURSE}/assignments/${ids.otherAssignmentId}/grades.csv`,
    ],
  },
);

/**
 * Odd but well-formed: search words that are all operators, punctuation or control characters.
 * Any answer but a 5xx will do (usually 200 with no results); nothing is written.
 */
const TOLERATED_GETS = [
  "q=%00",
  "q=%22",
  "q=%22%22%22",
  "q=-",
  "q=or",
  "q=or%20or%20-",
  "q=!!!",
  "q=%5C",
  "q=a%26b%7Cc%21(d)",
  "q=%27",
  "q=:*",
  "q=%F0%9F%98%80",
  "q=%E2%80%AE",
  // 33 or more lone dashes overflowed PostgreSQL's tsquery operator stack (a 500).
  `q=${encodeURIComponent(Array(40).fill("-").join(" "))}`,
  `q=${"-".repeat(120)}`,
  `q=${encodeURIComponent(Array(40).fill("- or").join(" "))}`,
  "q=x&course=does-not-exist",
  "q=x&course=notes",
  "q=x&group=does-not-exist",
  "author=%00",
  "tag=%00",
  "author=%25",
  "tag=_",
].map((query) => `/api/search?${query}`);

/** Bodiless mutations that take only an id. */
const ID_ONLY_MUTATIONS: GetRoute[] = [
  {
    name: "POST /api/annotations/:id/upvote",
    paths: (ids) => badIds(ids, ids.otherAnnotationId).map((id) => `/api/annotations/${id}/upvote`),
  },
  { name: "DELETE /api/annotations/:id", paths: (ids) => badIds(ids, ids.otherAnnotationId).map((id) => `/api/annotations/${id}`) },
  {
    // One-click unsubscribe: no session, the signed token is the only credential.
    name: "POST /api/mail/unsubscribe",
    paths: () =>
      [
        "",
        "token=",
        "token=x",
        "token=%00",
        "token=..%2F..%2Fetc",
        "token=someone.replies.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "token=someone.constructor.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "token=someone.replies.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%00",
        `token=${"a".repeat(4_000)}`,
        "token=%F0%9F%98%80.replies.x",
      ].map((query) => `/api/mail/unsubscribe?${query}`),
  },
];

// Percent-encodings that decode to no UTF-8 text: a byte that starts no character, an encoded
// surrogate, an overlong form, a truncated sequence.
const UNDECODABLE_SEGMENTS = ["%FF", "%ED%A0%80", "%C0%AF", "%E2%82"];

/** callbackUrls as sent on the wire that next-auth cannot read: no UTF-8, a lone "%", not a URL. */
const UNREADABLE_CALLBACK_URLS = ["%FF", "%ED%A0%80", "%25", "%", "%3A%3A", "::", "%25zz", "%09%2Fevil.example", "%5C%5Cevil.example"];
/** The same, as a browser keeps them in the next-auth.callback-url cookie. */
const UNREADABLE_CALLBACK_COOKIES = ["::", "%25", "%FF", "%", "%ED%A0%80", "javascript:alert(1)", "https://evil.example/x"];

type DynamicRoute = { segments: string[]; isApi: boolean };

/** Every page and route handler under app/ with a dynamic segment, from the file tree. */
function listDynamicRoutes(): DynamicRoute[] {
  const appDir = path.resolve(import.meta.dirname, "../app");
  const routes: DynamicRoute[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), [...segments, entry.name]);
      else if (/^(page\.tsx|route\.ts)$/.test(entry.name) && segments.some((segment) => segment.startsWith("["))) {
        // Route groups "(x)" are not in the URL.
        routes.push({ segments: segments.filter((segment) => !/^\(.*\)$/.test(segment)), isApi: segments[0] === "api" });
      }
    }
  };
  walk(appDir, []);
  return routes;
}

/** A URL for a route: real ids in every dynamic segment but `badIndex`, which gets `bad`. */
function routePath(segments: string[], ids: Ids, badIndex: number, bad: string): string {
  const valid: Record<string, string> = {
    id: segments.includes("readings")
      ? ids.readingId
      : segments.includes("annotations") && !segments.includes("readings")
        ? ids.annotationId
        : DEMO_COURSE,
    assignmentId: DEMO_ASSIGNMENT,
    position: "1",
    code: DEMO_JOIN_CODE,
    "...nextauth": "session",
    "[...path]": "x",
  };
  return (
    "/" +
    segments
      .map((segment, index) => {
        if (index === badIndex) return bad;
        const name = /^\[+(.*?)\]+$/.exec(segment)?.[1];
        if (name === undefined) return segment;
        return valid[name] ?? valid[segment] ?? "x";
      })
      .join("/")
  );
}

const OUT_OF_RANGE_NUMBERS = ["2147483648", "9223372036854775808", "99999999999999999999", "1e999", "-1", "0.5", "-9223372036854775809"];

/** Every numeric parameter a route reads, as a request with `value` in it. */
type NumericProbe = {
  name: string;
  request: (value: string) => { path: string; headers?: Record<string, string> };
  /** Out of this parameter's range (default OUT_OF_RANGE_NUMBERS). */
  values?: string[];
};

/** Event ids are bigints: 2^31 is a fine id, 2^63 is not. */
const OUT_OF_BIGINT_RANGE = ["9223372036854775808", "99999999999999999999", "1e999", "-1", "0.5"];

function numericProbes(ids: Ids): NumericProbe[] {
  const reading = `/api/readings/${ids.readingId}`;
  const probes: NumericProbe[] = [
    { name: "thread :position", request: (value) => ({ path: `${reading}/paragraphs/${value}/thread?course=${DEMO_COURSE}` }) },
    { name: "container ?page", request: (value) => ({ path: `${reading}/annotations?course=${DEMO_COURSE}&page=${value}` }) },
    { name: "container ?pageSize", request: (value) => ({ path: `${reading}/annotations?course=${DEMO_COURSE}&pageSize=${value}` }) },
    { name: "views ?page", request: (value) => ({ path: `${reading}/annotations/views?course=${DEMO_COURSE}&page=${value}` }) },
    { name: "views ?pageSize", request: (value) => ({ path: `${reading}/annotations/views?course=${DEMO_COURSE}&pageSize=${value}` }) },
    { name: "views ?from", request: (value) => ({ path: `${reading}/annotations/views?course=${DEMO_COURSE}&from=${value}` }) },
    { name: "search ?page", request: (value) => ({ path: `/api/search?q=x&page=${value}` }) },
    { name: "search ?paragraph", request: (value) => ({ path: `/api/search?q=x&paragraph=${value}` }) },
    {
      name: "events ?after",
      request: (value) => ({ path: `${reading}/events?course=${DEMO_COURSE}&after=${value}` }),
      values: OUT_OF_BIGINT_RANGE,
    },
  ];
  // Last-Event-ID: a value that is no number is ignored (as EventSource clients resend what they
  // got); one beyond the bigint range is refused.
  probes.push({
    name: "events Last-Event-ID",
    request: (value) => ({ path: `${reading}/events?course=${DEMO_COURSE}`, headers: { "Last-Event-ID": value } }),
    values: ["9223372036854775808", "99999999999999999999"],
  });
  return probes;
}

async function expectRefused(response: Awaited<ReturnType<APIRequestContext["fetch"]>>, label: string) {
  const status = response.status();
  expect(status, `${label} → ${status}`).toBeGreaterThanOrEqual(400);
  expect(status, `${label} → ${status}`).toBeLessThan(500);
  const text = await response.text();
  let message: unknown;
  try {
    message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
  } catch {
    message = undefined;
  }
  expect(typeof message === "string" && message.length > 0, `${label} → ${status} without a JSON message: ${text.slice(0, 200)}`).toBe(
    true,
  );
}

async function signedIn(browser: Browser, name: string) {
  const page = await (await browser.newContext()).newPage();
  const account = await createAccount(page.request, name);
  await signInViaApi(page, account);
  return { request: page.request, account };
}

test.describe("hostile input: malformed requests", () => {
  test.describe.configure({ timeout: 180_000 });
  let ids: Ids;
  let prober: APIRequestContext;

  test.beforeAll(async ({ browser }) => {
    const me = await signedIn(browser, "Prober");
    prober = me.request;
    expect((await prober.post("/api/courses/join", { data: { code: DEMO_JOIN_CODE } })).status()).toBe(201);
    const html = await (await prober.get("/")).text();
    const readingId = /\/readings\/([A-Za-z0-9_-]+)/.exec(html)![1]!;
    const mine = await prober.post(`/api/readings/${readingId}/annotations`, {
      data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: doc("Prober's own post") },
    });
    expect(mine.status()).toBe(201);
    // Someone else's course, with a post and a notification in it, for the "other course's id" cases.
    const other = await signedIn(browser, "Outsider");
    const course = (await (await other.request.post("/api/courses", { data: { title: "Outsider's course" } })).json()) as { id: string };
    const theirs = await other.request.post(`/api/readings/${readingId}/annotations`, {
      data: { courseId: null, kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: doc("Outsider's private note") },
    });
    expect(theirs.status()).toBe(201);
    const privateReadingId = await createReadingViaActions(
      other.request,
      "Outsider's private reading",
      "Only the outsider reads this.\n\nA second paragraph.",
    );
    ids = {
      readingId,
      annotationId: ((await mine.json()) as { id: string }).id.split("/").at(-1)!,
      otherCourseId: course.id,
      otherAnnotationId: ((await theirs.json()) as { id: string }).id.split("/").at(-1)!,
      notificationIdOfOther: "does-not-exist",
      privateReadingId,
      otherAssignmentId: await createAssignmentViaAction(other.request, course.id, privateReadingId),
    };
  });

  test.afterAll(async () => {
    await closeDatabase();
  });

  for (const route of JSON_ROUTES) {
    test(`[MALFORMED] ${route.name}: broken, mistyped, oversized and foreign input is a 4xx with a message, and writes nothing`, async () => {
      const before = { rows: await countRows(), content: await fingerprintRows() };
      for (const raw of RAW_BODIES) {
        const headers: Record<string, string> = raw.contentType ? { "Content-Type": raw.contentType } : {};
        await expectRefused(
          await prober.fetch(route.path(ids), { method: route.method, headers, data: raw.data }),
          `${route.name} ${raw.label}`,
        );
      }
      for (const [index, body] of route.badBodies(ids).entries()) {
        const response = await prober.fetch(route.path(ids), {
          method: route.method,
          headers: { "Content-Type": "application/json" },
          data: JSON.stringify(body),
        });
        await expectRefused(response, `${route.name} body #${index} (${String(body.unexpected)}) ${JSON.stringify(body).slice(0, 100)}`);
      }
      for (const raw of route.rawBodies ?? []) {
        await expectRefused(
          await prober.fetch(route.path(ids), { method: route.method, headers: { "Content-Type": "application/json" }, data: raw }),
          `${route.name} ${raw.slice(0, 120)}`,
        );
      }
      for (const path of route.badPaths?.(ids) ?? []) {
        const body = route.pathBody?.(ids) ?? {
          body: doc("x"),
          action: "pin",
          tags: ["x"],
          courseId: DEMO_COURSE,
          kind: "PARAGRAPH_POST",
          target: { paragraph: 1 },
        };
        const response = await prober.fetch(path, {
          method: route.method,
          headers: { "Content-Type": "application/json" },
          data: JSON.stringify(body),
        });
        await expectRefused(response, `${route.method} ${path.slice(0, 120)}`);
      }
      expect({ rows: await countRows(), content: await fingerprintRows() }).toEqual(before);
    });
  }

  for (const route of [...GET_ROUTES, ...ID_ONLY_MUTATIONS]) {
    test(`[MALFORMED] ${route.name}: bad ids and query parameters are a 4xx with a message`, async () => {
      const method = route.name.split(" ")[0]!;
      const before = await countRows();
      for (const path of route.paths(ids))
        await expectRefused(await prober.fetch(path, { method, timeout: 10_000 }), `${method} ${path.slice(0, 120)}`);
      expect(await countRows()).toEqual(before);
    });
  }

  test("[MALFORMED] POST /api/reading-imports: no file, the wrong kind of body or file, a cut-off or lying upload is a 4xx with a message, and keeps nothing", async () => {
    const before = await countRows();
    const boundary = "zzz";
    const part = (name: string, value: string, filename?: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ""}\r\n\r\n${value}\r\n`;
    const multipart = `multipart/form-data; boundary=${boundary}`;
    const bodies: { label: string; contentType: string | null; data: string | Buffer }[] = [
      { label: "no content type", contentType: null, data: "%PDF-1.4 not multipart" },
      { label: "JSON", contentType: "application/json", data: '{"file":"%PDF-1.4"}' },
      { label: "a PDF sent raw", contentType: "application/pdf", data: "%PDF-1.4\n%%EOF" },
      { label: "multipart without a file field", contentType: multipart, data: `${part("title", "x")}--${boundary}--\r\n` },
      { label: "the file field as plain text", contentType: multipart, data: `${part("file", "%PDF-1.4")}--${boundary}--\r\n` },
      { label: "an empty file", contentType: multipart, data: `${part("file", "", "empty.pdf")}--${boundary}--\r\n` },
      {
        label: "cut off before its end",
        contentType: multipart,
        data: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4`,
      },
      {
        label: "a boundary that never comes",
        contentType: "multipart/form-data; boundary=nowhere",
        data: `${part("file", "%PDF-1.4", "a.pdf")}`,
      },
      {
        label: "text named .pdf",
        contentType: multipart,
        data: `${part("file", "plain words, not a PDF", "paper.pdf")}--${boundary}--\r\n`,
      },
      { label: "a zip named .pdf", contentType: multipart, data: `${part("file", "PK\u0003\u0004 zip", "paper.pdf")}--${boundary}--\r\n` },
      { label: "an executable", contentType: multipart, data: `${part("file", "MZ\u0000\u0001", "setup.exe")}--${boundary}--\r\n` },
      { label: "a NUL in the file name", contentType: multipart, data: `${part("file", "plain", "a\u0000b.pdf")}--${boundary}--\r\n` },
      {
        label: "binary garbage",
        contentType: multipart,
        data: Buffer.concat([
          Buffer.from(part("file", "", "x.docx").slice(0, -2)),
          Buffer.from(BINARY),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      },
    ];
    for (const body of bodies) {
      const headers: Record<string, string> = body.contentType
        ? { "Content-Type": body.contentType, Accept: "application/json" }
        : { Accept: "application/json" };
      await expectRefused(
        await prober.fetch("/api/reading-imports", { method: "POST", headers, data: body.data }),
        `POST /api/reading-imports ${body.label}`,
      );
    }
    // The prober teaches no course: a well-formed PDF is refused for who sends it.
    await expectRefused(
      await prober.post("/api/reading-imports", {
        headers: { Accept: "application/json" },
        multipart: { file: { name: "real.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF") } },
      }),
      "POST /api/reading-imports from a student",
    );
    expect(await countRows()).toEqual(before);
  });

  test("[MALFORMED] search words that are only operators or control characters never make a 5xx", async () => {
    const before = await countRows();
    for (const path of TOLERATED_GETS) {
      const response = await prober.get(path, { timeout: 10_000 });
      expect(response.status(), path).toBeLessThan(500);
      expect(() => void JSON.parse(JSON.stringify(response.headers()))).not.toThrow();
      expect(response.headers()["content-type"], path).toMatch(/application\/json/);
    }
    expect(await countRows()).toEqual(before);
  });

  test("[MALFORMED] the protocol's headers: a stale or malformed If-Match is a 412 and changes nothing; unknown media types are 406/415", async () => {
    const path = `/api/annotations/${ids.annotationId}`;
    const current = await prober.get(path);
    expect(current.status()).toBe(200);
    const etag = current.headers()["etag"]!;
    const annotation = (await current.json()) as Record<string, unknown>;
    const { bodyValue: _bodyValue, ...rest } = annotation;
    const replacement = { ...rest, body: { type: "TextualBody", value: "a change nobody read first", format: "text/plain" } };
    const before = { rows: await countRows(), content: await fingerprintRows() };
    const stale = [
      '"stale"',
      'W/"weak"',
      "not-quoted",
      '""',
      `"${"a".repeat(4000)}"`,
      `${etag.slice(0, -1)}x"`,
      `"${"\u00e9"}"`,
      ", ,",
      '"a", "b"',
    ];
    for (const ifMatch of stale) {
      for (const method of ["PUT", "PATCH", "DELETE"] as const) {
        const data = method === "PATCH" ? { body: doc("a change nobody read first") } : method === "PUT" ? replacement : undefined;
        const response = await prober.fetch(path, {
          method,
          headers: { "If-Match": ifMatch, "Content-Type": "application/json" },
          data: data === undefined ? undefined : JSON.stringify(data),
        });
        await expectRefused(response, `${method} If-Match: ${ifMatch.slice(0, 40)}`);
        expect(response.status(), `${method} If-Match: ${ifMatch.slice(0, 40)}`).toBe(412);
      }
    }
    for (const contentType of [
      "text/html",
      "application/xml",
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/json-patch+json",
    ]) {
      const container = await prober.fetch(`/api/readings/${ids.readingId}/annotations?course=${DEMO_COURSE}`, {
        method: "POST",
        headers: { "Content-Type": contentType },
        data: JSON.stringify(w3cAnnotation(ids)),
      });
      await expectRefused(container, `POST as ${contentType}`);
      const put = await prober.fetch(path, {
        method: "PUT",
        headers: { "Content-Type": contentType, "If-Match": etag },
        data: JSON.stringify(replacement),
      });
      await expectRefused(put, `PUT as ${contentType}`);
    }
    for (const accept of ["image/png", "text/html;q=1, */*;q=0", "application/xml"]) {
      await expectRefused(
        await prober.get(`/api/readings/${ids.readingId}/annotations`, { headers: { Accept: accept } }),
        `GET container Accept: ${accept}`,
      );
      await expectRefused(await prober.get(path, { headers: { Accept: accept } }), `GET annotation Accept: ${accept}`);
    }
    expect({ rows: await countRows(), content: await fingerprintRows() }).toEqual(before);
    const after = await prober.get(path);
    expect(after.headers()["etag"]).toBe(etag);
  });

  test("[MALFORMED] broken, unknown and misplaced bearer tokens are a 401 with a message and a challenge, and write nothing", async ({
    playwright,
    baseURL,
  }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const before = await countRows();
    const headers = [
      "Bearer",
      "Bearer ",
      "Bearer sch_",
      `Bearer sch_${"A".repeat(43)}`,
      `Bearer sch_${"A".repeat(8000)}`,
      "Bearer sch_!!!",
      "Bearer sch_a sch_b",
      "Basic c2NoOnNjaA==",
      "bearer",
      `Token sch_${"A".repeat(43)}`,
      "Bearer \u00e9",
    ];
    for (const authorization of headers) {
      for (const [method, path, data] of [
        ["GET", "/api/courses", undefined],
        ["POST", "/api/courses", { title: "by a broken token" }],
        ["GET", `/api/readings/${ids.readingId}/annotations`, undefined],
        ["POST", `/api/readings/${ids.readingId}/annotations`, w3cAnnotation(ids)],
        ["GET", "/api/search?q=x", undefined],
      ] as const) {
        const response = await anonymous.fetch(path, { method, headers: { Authorization: authorization }, data });
        await expectRefused(response, `${method} ${path} Authorization: ${authorization.slice(0, 30)}`);
        expect(response.status(), authorization.slice(0, 30)).toBe(401);
        expect(response.headers()["www-authenticate"], authorization.slice(0, 30)).toMatch(/^Bearer realm="Scholia"/);
      }
    }
    expect(await countRows()).toEqual(before);
    await anonymous.dispose();
  });

  test("[MALFORMED] staff's moderation input: a bad or unsaveable hide reason is a 400 and hides nothing", async ({ browser }) => {
    const page = await (await browser.newContext()).newPage();
    await signInViaApi(page, { name: "Instructor", email: "instructor@scholia.test", password: "scholia-demo" });
    const before = { rows: await countRows(), content: await fingerprintRows() };
    for (const reason of ["nul \u0000 reason", "", "   ", "r".repeat(501), MEGABYTE]) {
      const response = await page.request.post(`/api/annotations/${ids.annotationId}/moderation`, { data: { action: "hide", reason } });
      await expectRefused(response, `hide reason ${JSON.stringify(reason.slice(0, 20))}`);
    }
    expect({ rows: await countRows(), content: await fingerprintRows() }).toEqual(before);
    const post = (await (await prober.get(`/api/annotations/${ids.annotationId}`)).json()) as Record<string, unknown>;
    expect(post["scholia:hidden"]).toBe(false);
    await page.context().close();
  });

  test("[MALFORMED] extra fields cannot set what the server decides (author, id, pinned, role)", async () => {
    const response = await prober.post(`/api/readings/${ids.readingId}/annotations`, {
      data: {
        courseId: DEMO_COURSE,
        kind: "PARAGRAPH_POST",
        target: { paragraph: 3 },
        body: doc("mass assignment"),
        id: "chosen-id",
        authorId: "someone-else",
        isPinned: true,
        isEndorsed: true,
        upvoteCount: 999,
      },
    });
    expect(response.status()).toBe(201);
    const created = (await response.json()) as { id: string };
    expect(created.id).not.toContain("chosen-id");
    const view = await prober.get(`/api/readings/${ids.readingId}/paragraphs/3/thread?course=${DEMO_COURSE}`);
    const thread = (await view.json()) as {
      roots: { id: string; author: { name: string }; isPinned: boolean; isEndorsed: boolean; upvoteCount: number }[];
    };
    const mine = thread.roots.find((root) => created.id.endsWith(`/${root.id}`))!;
    expect(mine.author.name).toMatch(/^Prober /);
    expect(mine).toMatchObject({ isPinned: false, isEndorsed: false, upvoteCount: 0 });
    const course = await prober.post("/api/courses", { data: { title: "Mine", id: DEMO_COURSE, joinCode: "CHOSEN-CODE" } });
    expect(course.status()).toBe(201);
    expect((await course.json()) as { id: string; joinCode: string }).not.toMatchObject({ id: DEMO_COURSE });
  });

  test("[MALFORMED] invalid UTF-8 in every dynamic path segment of every page and API route: the 404 page or a 400 with a message", async () => {
    const before = await countRows();
    const routes = listDynamicRoutes();
    // Every dynamic segment of the app is walked (a new route is picked up from the file tree).
    expect(routes.length).toBeGreaterThanOrEqual(20);
    let probes = 0;
    for (const route of routes) {
      for (let index = 0; index < route.segments.length; index += 1) {
        if (!route.segments[index]!.startsWith("[")) continue;
        for (const bad of UNDECODABLE_SEGMENTS) {
          const path = routePath(route.segments, ids, index, bad);
          for (const method of route.isApi ? (["GET", "POST"] as const) : (["GET"] as const)) {
            const response = await prober.fetch(path, { method, maxRedirects: 0, timeout: 10_000 });
            probes += 1;
            if (route.isApi) {
              await expectRefused(response, `${method} ${path}`);
              expect(response.status(), path).toBe(400);
            } else {
              expect(response.status(), path).toBe(404);
              expect(await response.text(), path).toContain("Page not found");
            }
          }
        }
      }
    }
    expect(probes).toBeGreaterThanOrEqual(150);
    expect(await countRows()).toEqual(before);
  });

  test("[MALFORMED] every numeric parameter, in the path, the query or a header, out of range (int4, int8, 1e999, negative, fractional): a 4xx with a message", async () => {
    const before = await countRows();
    for (const { name, request, values = OUT_OF_RANGE_NUMBERS } of numericProbes(ids)) {
      for (const value of values) {
        const { path, headers } = request(value);
        await expectRefused(await prober.fetch(path, { headers, timeout: 10_000 }), `${name} = ${value}`);
      }
    }
    expect(await countRows()).toEqual(before);
  });

  test("[MALFORMED] next-auth's endpoints answer broken sign-in input without a 5xx", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const csrfToken = ((await (await anonymous.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
    const forms: Record<string, string>[] = [
      {},
      { csrfToken },
      { csrfToken, email: MEGABYTE, password: "x" },
      { csrfToken, email: "ana@scholia.test", password: MEGABYTE },
      { csrfToken, email: "' OR 1=1 --", password: "' OR 1=1 --" },
      { csrfToken, email: "\u0000", password: "\u0000" },
      { csrfToken: "forged", email: "ana@scholia.test", password: "scholia-demo" },
    ];
    for (const form of forms) {
      const response = await anonymous.post("/api/auth/callback/credentials", { form: { ...form, json: "true" }, maxRedirects: 0 });
      expect(response.status(), JSON.stringify(form).slice(0, 100)).toBeLessThan(500);
    }
    for (const raw of RAW_BODIES) {
      const response = await anonymous.fetch("/api/auth/callback/credentials", {
        method: "POST",
        headers: raw.contentType ? { "Content-Type": raw.contentType } : {},
        data: raw.data,
        maxRedirects: 0,
      });
      expect(response.status(), raw.label).toBeLessThan(500);
    }
    expect((await (await anonymous.get("/api/auth/session")).json()) as object).toEqual({});
    await anonymous.dispose();
  });

  test("[MALFORMED] next-auth's endpoints: an unreadable callbackUrl (query or form), a GET on the credentials callback and a non-ASCII error code are a 4xx with a message", async ({
    playwright,
    baseURL,
  }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const csrfToken = ((await (await anonymous.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
    let probes = 0;
    // As sent on the wire: "%FF" and "%ED%A0%80" decode to no UTF-8, "%25" is a lone "%".
    for (const callbackUrl of UNREADABLE_CALLBACK_URLS) {
      for (const path of [
        "/api/auth/signin",
        "/api/auth/session",
        "/api/auth/csrf",
        "/api/auth/providers",
        "/api/auth/signin/credentials",
      ]) {
        const response = await anonymous.get(`${path}?callbackUrl=${callbackUrl}`, { maxRedirects: 0 });
        await expectRefused(response, `GET ${path}?callbackUrl=${callbackUrl}`);
        expect(response.status(), `GET ${path}?callbackUrl=${callbackUrl}`).toBe(400);
        probes += 1;
      }
      for (const path of ["/api/auth/callback/credentials", "/api/auth/signout", "/api/auth/signin/credentials"]) {
        const response = await anonymous.post(path, {
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          data: `csrfToken=${encodeURIComponent(csrfToken)}&email=ana%40scholia.test&password=scholia-demo&json=true&callbackUrl=${callbackUrl}`,
          maxRedirects: 0,
        });
        await expectRefused(response, `POST ${path} callbackUrl=${callbackUrl}`);
        expect(response.status(), `POST ${path} callbackUrl=${callbackUrl}`).toBe(400);
        probes += 1;
      }
    }
    for (const method of ["GET", "HEAD"] as const) {
      const response = await anonymous.fetch("/api/auth/callback/credentials", { method, maxRedirects: 0 });
      expect(response.status(), `${method} /api/auth/callback/credentials`).toBe(405);
      expect(response.headers()["allow"]).toBe("POST");
      if (method === "GET") await expectRefused(response, "GET /api/auth/callback/credentials");
    }
    for (const error of ["%FF", "%ED%A0%80", "%C3%A9", "%E2%80%AE", "a%0Ab", "%3Cscript%3E"]) {
      for (const path of ["/api/auth/error", "/api/auth/signin"]) {
        const response = await anonymous.get(`${path}?error=${error}`, { maxRedirects: 0 });
        await expectRefused(response, `GET ${path}?error=${error}`);
        probes += 1;
      }
    }
    expect(probes).toBeGreaterThanOrEqual(50);
    // Nothing was signed in by the refused sign-ins; the endpoints still work for good input.
    expect((await (await anonymous.get("/api/auth/session")).json()) as object).toEqual({});
    expect((await anonymous.get("/api/auth/error?error=CredentialsSignin", { maxRedirects: 0 })).status()).toBe(302);
    await anonymous.dispose();
  });

  test("[MALFORMED] a callback-url cookie next-auth cannot read is cleaned, not fatal: the session endpoint and signed-in pages still work", async ({
    browser,
    baseURL,
  }) => {
    for (const value of UNREADABLE_CALLBACK_COOKIES) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const account = await createAccount(page.request, "Cookie Keeper");
      await signInViaApi(page, account);
      await context.addCookies([{ name: "next-auth.callback-url", value, url: baseURL! }]);
      const session = await page.request.get("/api/auth/session");
      expect(session.status(), `cookie ${value}`).toBe(200);
      expect(((await session.json()) as { user?: { email?: string } }).user?.email, `cookie ${value}`).toBe(account.email);
      // The bad cookie is gone: cleared, or replaced by an address on this site.
      const cleaned = (await context.cookies(baseURL)).find((cookie) => cookie.name === "next-auth.callback-url");
      if (cleaned) expect(decodeURIComponent(cleaned.value).startsWith(baseURL!), `cookie ${value} → ${cleaned.value}`).toBe(true);
      await context.addCookies([{ name: "next-auth.callback-url", value, url: baseURL! }]);
      const courses = await page.goto("/courses");
      expect(courses?.status(), `cookie ${value}`).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: "My courses" })).toBeVisible();
      const anonymous = await browser.newContext();
      await anonymous.addCookies([{ name: "next-auth.callback-url", value, url: baseURL! }]);
      const signedOut = await anonymous.request.get("/api/auth/session");
      expect(signedOut.status(), `signed out, cookie ${value}`).toBe(200);
      expect((await signedOut.json()) as object).toEqual({});
      await anonymous.close();
      await context.close();
    }
  });
});

// Server actions, called as Next's client calls them. Their contract is a form state, not an
// HTTP status: a refused input answers 200 with {status: "error", message} (or {ok: false} for
// sign-up) in the RSC payload, and nothing is written.
const COURSE_PAGE = "/courses";
const ACTIONS: {
  name: string;
  page: (ids: { courseId: string }) => string;
  filename: string;
  cases: (ids: { courseId: string; otherCourseId: string }) => Record<string, string>[];
}[] = [
  {
    name: "createCourseAction",
    page: () => COURSE_PAGE,
    filename: "app/courses/actions.ts",
    cases: (): Record<string, string>[] => [
      {},
      { title: "" },
      { title: "   " },
      { title: MEGABYTE },
      { title: "ok", term: MEGABYTE },
      { title: "nul \u0000 title" },
    ],
  },
  {
    name: "joinCourseAction",
    page: () => COURSE_PAGE,
    filename: "app/courses/actions.ts",
    cases: (): Record<string, string>[] => [{}, { code: "" }, { code: MEGABYTE }, { code: "' OR 1=1 --" }, { code: "\u0000" }],
  },
  {
    name: "markReadAction",
    page: () => "/notifications",
    filename: "app/notifications/actions.ts",
    cases: (): Record<string, string>[] => [{ id: "' OR 1=1 --" }, { id: MEGABYTE }, { id: "%00" }],
  },
  {
    name: "saveMailPreferencesAction",
    page: () => "/settings/notifications",
    filename: "app/settings/notifications/actions.ts",
    cases: (): Record<string, string>[] => {
      const valid = { replies: "INSTANT", mentions: "DAILY", answers: "OFF", endorsements: "DAILY", timeZone: "Europe/Paris" };
      return [
        {},
        { ...valid, replies: "HOURLY" },
        { ...valid, mentions: "" },
        { ...valid, timeZone: "Mars/Olympus" },
        { ...valid, timeZone: "\u0000" },
        { ...valid, timeZone: "x".repeat(5_000) },
        { ...valid, timeZone: MEGABYTE },
      ];
    },
  },
  {
    name: "requestPasswordResetAction",
    page: () => "/forgot-password",
    filename: "app/forgot-password/actions.ts",
    cases: (): Record<string, string>[] => [{}, { email: "" }, { email: "not-an-email" }, { email: MEGABYTE }, { email: "\u0000@x.test" }],
  },
  {
    name: "resetPasswordAction",
    page: () => "/reset-password",
    filename: "app/reset-password/actions.ts",
    cases: (): Record<string, string>[] => [
      {},
      { token: "a".repeat(43), password: "short" },
      { token: "a".repeat(43), password: "long enough but unknown link" },
      { token: MEGABYTE, password: "long enough password" },
      { token: "\u0000", password: "long enough password" },
    ],
  },
  {
    name: "confirmEmailAction",
    page: () => "/confirm-email",
    filename: "app/confirm-email/actions.ts",
    cases: (): Record<string, string>[] => [{}, { token: "" }, { token: "b".repeat(43) }, { token: MEGABYTE }],
  },
  ...(
    [
      ["changeDisplayNameAction", [{}, { name: "" }, { name: MEGABYTE }, { name: "nul \u0000 name" }]],
      [
        "changeEmailAction",
        [
          {},
          { email: "not-an-email", currentPassword: "x" },
          { email: "new-address@example.test", currentPassword: "not my password" },
          { email: "new-address@example.test", currentPassword: MEGABYTE },
        ],
      ],
      [
        "changePasswordAction",
        [
          {},
          { currentPassword: "not my password", newPassword: "a long enough new password" },
          { currentPassword: "x", newPassword: "short" },
          { currentPassword: "x", newPassword: MEGABYTE },
        ],
      ],
      [
        "deleteAccountAction",
        [
          {},
          { currentPassword: "not my password", confirmation: "delete my account" },
          { currentPassword: "x", confirmation: "yes" },
          { currentPassword: MEGABYTE, confirmation: "delete my account" },
        ],
      ],
    ] as const
  ).map(([name, cases]) => ({
    name,
    page: () => "/settings/account",
    filename: "app/settings/account/actions.ts",
    cases: (): Record<string, string>[] => cases.map((fields) => ({ ...fields })),
  })),
  {
    name: "endSessionAction",
    page: () => "/settings/sessions",
    filename: "app/settings/sessions/actions.ts",
    cases: (): Record<string, string>[] => [{}, { id: "' OR 1=1 --" }, { id: MEGABYTE }, { id: "00000000-0000-4000-8000-000000000000" }],
  },
  {
    name: "unsubscribeAction",
    page: () => "/unsubscribe",
    filename: "app/unsubscribe/actions.ts",
    cases: (): Record<string, string>[] => [{}, { token: "" }, { token: "x.replies.y" }, { token: MEGABYTE }, { token: "\u0000" }],
  },
  ...(
    [
      ["regenerateJoinCodeAction", {}],
      ["setJoinEnabledAction", { enabled: "maybe" }],
      ["changeMemberRoleAction", { membershipId: "does-not-exist", role: "ADMIN" }],
      ["removeMemberAction", { membershipId: "' OR 1=1 --" }],
      ["leaveCourseAction", {}],
      ["createGroupAction", { name: MEGABYTE }],
      ["createGroupAction", { name: "nul \u0000 group" }],
      ["renameGroupAction", { groupId: "does-not-exist", name: "" }],
      ["deleteGroupAction", { groupId: "../../etc" }],
      ["moveMemberAction", { membershipId: "x", groupId: "\u0000" }],
      ["splitIntoGroupsAction", { groupSize: "NaN" }],
      ["splitIntoGroupsAction", { groupSize: "Infinity" }],
      ["splitIntoGroupsAction", { groupSize: "-5" }],
      ["splitIntoGroupsAction", { groupSize: "1e400" }],
    ] as const
  ).map(([name, fields]) => ({
    name,
    page: (ids: { courseId: string }) => `/courses/${ids.courseId}`,
    filename: "app/courses/[id]/actions.ts",
    cases: (ids: { courseId: string; otherCourseId: string }) =>
      [
        { ...fields },
        { ...fields, courseId: "' OR 1=1 --" },
        { ...fields, courseId: MEGABYTE },
        // Well-formed fields aimed at a course the caller is not staff in: the service refuses.
        { ...fields, courseId: ids.otherCourseId },
      ] as Record<string, string>[],
  })),
];

type TeachingIds = {
  courseId: string;
  otherCourseId: string;
  statementId: string;
  myReadingId: string;
  otherReadingId: string;
  myAssignmentId: string;
  otherAssignmentId: string;
  myGroupId: string;
  otherGroupId: string;
  studentId: string;
  myUserId: string;
  myToken: { secret: string; id: string };
  otherTokenId: string;
};

type TeachingAction = {
  name: string;
  action: (ids: TeachingIds) => { page: string; filename: string; name: string };
  state?: unknown;
  bound?: (ids: TeachingIds) => unknown[];
  headers?: (ids: TeachingIds) => Record<string, string>;
  cases: (ids: TeachingIds) => Form[];
};
type Form = Record<string, string | File>;

const bytes = (name: string, data: number[] | string) =>
  new File([typeof data === "string" ? data : new Uint8Array(data)], name, { type: "application/octet-stream" });
const BINARY = [0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IMPORT_PAGE = "/readings/imports/does-not-exist";
const SAVE_IMPORT_ACTION = { page: IMPORT_PAGE, filename: "app/readings/imports/[id]/actions.ts", name: "saveImportAction" };
const OVER_READING_LIMIT = "word ".repeat(110_000); // ~537 KiB: over the 512 KiB a reading may hold, under the 1 MB action limit

/** An assignment form the actions accept: one post, the whole class, in UTC, unless `fields` say otherwise. */
const assignmentForm = (fields: Record<string, string>): Record<string, string> => ({
  minPosts: "1",
  audience: "class",
  timeZone: "UTC",
  ...fields,
});

/**
 * The teaching actions (assignments, rubric, grades, readings, tokens): each case is one bad
 * field on an otherwise valid form, or well-formed ids that are not the caller's to use.
 */
const TEACHING_ACTIONS: TeachingAction[] = [
  {
    name: "createAssignmentAction",
    action: (ids) => assignmentActions(ids.courseId).create,
    cases: (ids) => {
      const valid = assignmentForm({ courseId: ids.courseId, readingId: ids.statementId, title: "Bad assignment" });
      const { audience: _audience, ...withoutAudience } = valid;
      return [
        ...["not a date", "2026-02-30T10:00", "2026-13-01T10:00", "99999-01-01T00:00", '\'; DROP TABLE "Assignment"; --', "\u0000"].map(
          (dueAt) => ({ ...valid, dueAt }),
        ),
        { ...valid, opensAt: "2026-12-02T10:00", dueAt: "2026-12-01T10:00" },
        { ...valid, opensAt: "2026-12-01T10:00", dueAt: "2026-12-01T10:00" },
        { ...valid, dueAt: MEGABYTE },
        ...["-1", "1e9", "201", "NaN", "1.5", "Infinity", "abc", "1e400"].map((minPosts) => ({ ...valid, minPosts })),
        withoutAudience,
        { ...valid, audience: "everyone" },
        { ...valid, audience: "groups" },
        ...["' OR 1=1 --", "does-not-exist", ids.otherGroupId, "\u0000"].map((groupIds) => ({ ...valid, audience: "groups", groupIds })),
        ...["does-not-exist", ids.otherReadingId, "' OR 1=1 --", "", "a".repeat(65)].map((readingId) => ({ ...valid, readingId })),
        ...[ids.otherCourseId, DEMO_COURSE, "' OR 1=1 --", "does-not-exist"].map((courseId) => ({ ...valid, courseId })),
        ...["", "   ", "t".repeat(201), "nul \u0000 in the title"].map((title) => ({ ...valid, title })),
        { ...valid, instructionsText: "nul \u0000 in the instructions" },
        {
          ...valid,
          instructions: JSON.stringify({
            type: "doc",
            content: [{ type: "paragraph", content: [{ type: "text", text: "nul \u0000 in rich text" }] }],
          }),
        },
        { ...valid, instructions: "not json" },
        { ...valid, instructions: DEEP_ARRAY },
        {
          ...valid,
          instructions: JSON.stringify({
            type: "doc",
            content: [
              {
                type: "paragraph",
                content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }],
              },
            ],
          }),
        },
        { ...valid, instructionsText: "x".repeat(20_001) },
      ];
    },
  },
  {
    name: "updateAssignmentAction",
    action: (ids) => assignmentActions(ids.courseId, ids.myAssignmentId).update,
    cases: (ids) => {
      const valid = assignmentForm({ courseId: ids.courseId, assignmentId: ids.myAssignmentId, title: "Changed", minPosts: "2" });
      return [
        { ...valid, dueAt: "2026-02-30T10:00" },
        { ...valid, opensAt: "2026-12-02T10:00", dueAt: "2026-12-01T10:00" },
        ...["-1", "1e9", "NaN"].map((minPosts) => ({ ...valid, minPosts })),
        { ...valid, audience: "groups" },
        ...[ids.otherGroupId, "does-not-exist"].map((groupIds) => ({ ...valid, audience: "groups", groupIds })),
        { ...valid, title: "" },
        { ...valid, title: "nul \u0000 in the title" },
        { ...valid, assignmentId: ids.otherAssignmentId },
        { ...valid, assignmentId: DEMO_ASSIGNMENT },
        { ...valid, assignmentId: "does-not-exist" },
        { ...valid, assignmentId: "' OR 1=1 --" },
        { ...valid, courseId: ids.otherCourseId, assignmentId: ids.otherAssignmentId },
        { ...valid, courseId: DEMO_COURSE, assignmentId: DEMO_ASSIGNMENT },
      ];
    },
  },
  {
    name: "deleteAssignmentAction",
    action: (ids) => assignmentActions(ids.courseId, ids.myAssignmentId).delete,
    cases: (ids): Form[] => [
      {},
      { courseId: ids.courseId },
      { courseId: ids.courseId, assignmentId: ids.otherAssignmentId },
      { courseId: ids.courseId, assignmentId: DEMO_ASSIGNMENT },
      { courseId: ids.otherCourseId, assignmentId: ids.otherAssignmentId },
      { courseId: DEMO_COURSE, assignmentId: DEMO_ASSIGNMENT },
      { courseId: ids.otherCourseId, assignmentId: ids.myAssignmentId },
      { courseId: ids.courseId, assignmentId: "' OR 1=1 --" },
      { courseId: ids.courseId, assignmentId: "does-not-exist" },
      { courseId: ids.courseId, assignmentId: MEGABYTE },
    ],
  },
  {
    name: "saveRubricAction",
    action: (ids) => assignmentActions(ids.courseId, ids.myAssignmentId).rubric,
    state: { status: "idle", message: null, fieldErrors: {}, values: null },
    cases: (ids) => {
      const target = { courseId: ids.courseId, assignmentId: ids.myAssignmentId };
      const valid = { ...target, "ASKS_QUESTION.enabled": "on", "ASKS_QUESTION.points": "1" };
      return [
        ...["-1", "abc", "1e9", "1.5", "", "NaN", "\u0000"].map((points) => ({
          ...target,
          "ASKS_QUESTION.enabled": "on",
          "ASKS_QUESTION.points": points,
        })),
        ...["0", "-5", "abc", "1e9", ""].map((threshold) => ({
          ...target,
          "MIN_WORDS.enabled": "on",
          "MIN_WORDS.points": "1",
          "MIN_WORDS.threshold": threshold,
        })),
        { ...target, "MIN_POSTS_BEFORE_DUE.enabled": "on", "MIN_POSTS_BEFORE_DUE.points": "1" },
        { ...target, "QUOTES_TEXT.enabled": "on" },
        { ...valid, assignmentId: ids.otherAssignmentId },
        { ...valid, assignmentId: DEMO_ASSIGNMENT },
        { ...valid, courseId: ids.otherCourseId, assignmentId: ids.otherAssignmentId },
        { ...valid, courseId: DEMO_COURSE, assignmentId: DEMO_ASSIGNMENT },
        { ...valid, assignmentId: "does-not-exist" },
        { ...valid, assignmentId: "' OR 1=1 --" },
        { ...valid, courseId: "" },
      ];
    },
  },
  {
    name: "setGradeOverrideAction",
    action: (ids) => assignmentActions(ids.courseId, ids.myAssignmentId).setOverride,
    cases: (ids) => {
      const valid = { courseId: ids.courseId, assignmentId: ids.myAssignmentId, studentId: ids.studentId, score: "5", comment: "Because." };
      return [
        ...["-1", "abc", "1e400", "10001", "NaN", "", "5.123", "Infinity", "0x10", " ", "\u0000"].map((score) => ({ ...valid, score })),
        { ...valid, score: MEGABYTE },
        ...["", "   ", "c".repeat(2001), "nul \u0000 in the comment"].map((comment) => ({ ...valid, comment })),
        ...["does-not-exist", ids.myUserId, "' OR 1=1 --", "a".repeat(65)].map((studentId) => ({ ...valid, studentId })),
        { ...valid, assignmentId: ids.otherAssignmentId },
        { ...valid, assignmentId: DEMO_ASSIGNMENT },
        { ...valid, courseId: ids.otherCourseId, assignmentId: ids.otherAssignmentId },
        { ...valid, courseId: DEMO_COURSE, assignmentId: DEMO_ASSIGNMENT },
      ];
    },
  },
  {
    name: "clearGradeOverrideAction",
    action: (ids) => assignmentActions(ids.courseId, ids.myAssignmentId).clearOverride,
    cases: (ids): Form[] => [
      {},
      { courseId: ids.courseId, assignmentId: ids.myAssignmentId, studentId: "' OR 1=1 --" },
      { courseId: ids.courseId, assignmentId: ids.otherAssignmentId, studentId: ids.studentId },
      { courseId: ids.otherCourseId, assignmentId: ids.otherAssignmentId, studentId: ids.studentId },
      { courseId: DEMO_COURSE, assignmentId: DEMO_ASSIGNMENT, studentId: ids.studentId },
      { courseId: ids.courseId, assignmentId: "does-not-exist", studentId: ids.studentId },
    ],
  },
  {
    name: "addCustomCriterionAction",
    action: (ids) => assignmentActions(ids.courseId, ids.myAssignmentId).addCriterion,
    cases: (ids) => {
      const valid = { courseId: ids.courseId, assignmentId: ids.myAssignmentId, name: "Uses evidence", points: "3", description: "" };
      return [
        ...["", "   ", "n".repeat(121), "nul \u0000 in the name"].map((name) => ({ ...valid, name })),
        { ...valid, name: MEGABYTE },
        ...["-1", "1001", "1.5", "abc", "", "1e3", "NaN", "\u0000"].map((points) => ({ ...valid, points })),
        ...["d".repeat(2001), "nul \u0000 in the description"].map((description) => ({ ...valid, description })),
        { ...valid, assignmentId: ids.otherAssignmentId },
        { ...valid, assignmentId: DEMO_ASSIGNMENT },
        { ...valid, courseId: ids.otherCourseId, assignmentId: ids.otherAssignmentId },
        { ...valid, courseId: DEMO_COURSE, assignmentId: DEMO_ASSIGNMENT },
        { ...valid, assignmentId: "' OR 1=1 --" },
      ];
    },
  },
  {
    name: "updateCustomCriterionAction",
    action: (ids) => assignmentActions(ids.courseId, ids.myAssignmentId).updateCriterion,
    cases: (ids): Form[] => {
      const valid = { courseId: ids.courseId, assignmentId: ids.myAssignmentId, name: "Renamed", points: "2" };
      return [
        {},
        ...["does-not-exist", "' OR 1=1 --", "", "a".repeat(65)].map((criterionId) => ({ ...valid, criterionId })),
        { ...valid, criterionId: "does-not-exist", name: "" },
        { ...valid, courseId: DEMO_COURSE, assignmentId: DEMO_ASSIGNMENT, criterionId: "does-not-exist" },
      ];
    },
  },
  {
    name: "moveCustomCriterionAction",
    action: (ids) => assignmentActions(ids.courseId, ids.myAssignmentId).moveCriterion,
    cases: (ids): Form[] => [
      {},
      { courseId: ids.courseId, assignmentId: ids.myAssignmentId, criterionId: "does-not-exist", direction: "up" },
      { courseId: ids.courseId, assignmentId: ids.myAssignmentId, criterionId: "does-not-exist", direction: "sideways" },
      { courseId: ids.courseId, assignmentId: ids.myAssignmentId, criterionId: "does-not-exist" },
      { courseId: DEMO_COURSE, assignmentId: DEMO_ASSIGNMENT, criterionId: "does-not-exist", direction: "down" },
    ],
  },
  {
    name: "removeCustomCriterionAction",
    action: (ids) => assignmentActions(ids.courseId, ids.myAssignmentId).removeCriterion,
    cases: (ids): Form[] => [
      {},
      { courseId: ids.courseId, assignmentId: ids.myAssignmentId, criterionId: "does-not-exist" },
      { courseId: ids.courseId, assignmentId: ids.myAssignmentId, criterionId: "' OR 1=1 --" },
      { courseId: ids.otherCourseId, assignmentId: ids.otherAssignmentId, criterionId: "does-not-exist" },
      { courseId: DEMO_COURSE, assignmentId: DEMO_ASSIGNMENT, criterionId: "does-not-exist" },
    ],
  },
  {
    name: "saveManualScoresAction",
    action: (ids) => assignmentActions(ids.courseId, ids.myAssignmentId).saveScores,
    cases: (ids): Form[] => {
      const valid = { courseId: ids.courseId, assignmentId: ids.myAssignmentId, studentId: ids.studentId };
      return [
        {},
        // The caller's assignment has no criteria of its own: nothing to grade by hand.
        { ...valid, "score.does-not-exist": "1" },
        ...["does-not-exist", ids.myUserId, "' OR 1=1 --"].map((studentId) => ({ ...valid, studentId, "score.x": "1" })),
        { ...valid, assignmentId: ids.otherAssignmentId, "score.x": "1" },
        { ...valid, courseId: DEMO_COURSE, assignmentId: DEMO_ASSIGNMENT, "score.x": "1" },
        { ...valid, "score.x": MEGABYTE },
      ];
    },
  },
  {
    name: "submitNewReadingAction",
    action: () => READING_ACTIONS.create,
    state: READING_ACTIONS.formState,
    cases: () => {
      const valid = { intent: "preview", title: "Bad reading", format: "text", text: "One paragraph.\n\nAnother." };
      return [
        ...["", "   \n\n   ", "\u0000\u0001\u0002 binary", OVER_READING_LIMIT].map((text) => ({ ...valid, text })),
        { ...valid, text: OVER_READING_LIMIT, intent: "save" },
        { ...valid, text: MEGABYTE },
        { ...valid, title: "t".repeat(2_001) },
        { ...valid, title: MEGABYTE },
        { ...valid, title: "nul \u0000 in the title", intent: "save" },
        // The preview refuses it too: what a preview accepts, a save with its digest must store.
        { ...valid, title: "nul \u0000 in the title" },
        { ...valid, text: "nul \u0000 inside a paragraph", intent: "save" },
        // Saving what was not previewed answers with a preview, not a new reading.
        { ...valid, intent: "save", digest: "not-the-preview" },
        { ...valid, intent: "save", digest: "x".repeat(129) },
        { ...valid, file: bytes("binary.txt", BINARY) },
        { ...valid, file: bytes("invalid-utf8.md", [0x41, 0xc3, 0x28, 0x42, 0xa0, 0xa1]) },
        { ...valid, file: bytes("program.exe", "MZ just text") },
        { ...valid, file: bytes("page.html", "<script>alert(1)</script>") },
        { ...valid, file: bytes("big.txt", OVER_READING_LIMIT) },
        { ...valid, file: bytes("empty-lines.txt", "\n\n\n") },
        { ...valid, intent: "save", digest: "x", file: bytes("binary.md", BINARY) },
      ];
    },
  },
  {
    name: "saveImportAction",
    action: () => SAVE_IMPORT_ACTION,
    cases: (ids) => {
      const valid = { importId: "does-not-exist", title: "A title", digest: "0123456789abcdef" };
      return [
        {},
        valid,
        { ...valid, importId: "' OR 1=1 --" },
        { ...valid, importId: "a".repeat(65) },
        { ...valid, importId: "\u0000" },
        { ...valid, importId: ids.otherReadingId },
        { ...valid, title: MEGABYTE },
        { ...valid, digest: "x".repeat(129) },
        { ...valid, file: bytes("paper.pdf", "%PDF-1.4") },
      ];
    },
  },
  {
    name: "submitReadingEditAction (own reading)",
    action: (ids) => READING_ACTIONS.edit(ids.myReadingId),
    state: READING_ACTIONS.formState,
    bound: (ids) => [ids.myReadingId],
    cases: () => {
      const valid = { intent: "preview", title: "Prober's reading", format: "paragraphs", text: "Changed one.\n\nChanged two." };
      return [
        ...["", "\u0000\u0001\u0002 binary", OVER_READING_LIMIT].map((text) => ({ ...valid, text })),
        { ...valid, intent: "save", digest: "not-the-preview" },
        { ...valid, intent: "save", text: OVER_READING_LIMIT },
        { ...valid, title: "t".repeat(2_001) },
      ];
    },
  },
  ...[
    ["someone else's private reading", (ids: TeachingIds) => ids.otherReadingId],
    ["the shipped statement (not the caller's)", (ids: TeachingIds) => ids.statementId],
    ["a missing reading", () => "does-not-exist"],
    ["a malformed id", () => "' OR 1=1 --"],
    ["an oversized id", () => "a".repeat(65)],
  ].map(([label, readingId]) => ({
    name: `submitReadingEditAction (${label as string})`,
    action: (ids: TeachingIds) => READING_ACTIONS.edit((readingId as (ids: TeachingIds) => string)(ids)),
    state: READING_ACTIONS.formState,
    bound: (ids: TeachingIds) => [(readingId as (ids: TeachingIds) => string)(ids)],
    cases: (): Form[] => [
      { intent: "preview", title: "Taken over", format: "paragraphs", text: "Taken over." },
      { intent: "save", title: "Taken over", format: "paragraphs", text: "Taken over.", digest: "x" },
    ],
  })),
  {
    // In the caller's own course, so only the name can be what is refused.
    name: "createGroupAction (own course)",
    action: (ids) => ({ page: `/courses/${ids.courseId}`, filename: "app/courses/[id]/actions.ts", name: "createGroupAction" }),
    cases: (ids): Form[] => [
      { courseId: ids.courseId, name: "nul \u0000 group" },
      { courseId: ids.courseId, name: "   " },
    ],
  },
  {
    name: "renameGroupAction (own course)",
    action: (ids) => ({ page: `/courses/${ids.courseId}`, filename: "app/courses/[id]/actions.ts", name: "renameGroupAction" }),
    cases: (ids): Form[] => [
      { courseId: ids.courseId, groupId: ids.myGroupId, name: "nul \u0000 group" },
      { courseId: ids.courseId, groupId: ids.otherGroupId, name: "Taken" },
    ],
  },
  {
    name: "createTokenAction",
    action: () => TOKEN_ACTIONS.create,
    state: TOKEN_ACTIONS.formState,
    cases: (): Form[] => [{}, { name: "" }, { name: "   " }, { name: "n".repeat(101) }, { name: MEGABYTE }, { name: "\u0000" }],
  },
  {
    name: "createTokenAction (called with a bearer token)",
    action: () => TOKEN_ACTIONS.create,
    state: TOKEN_ACTIONS.formState,
    headers: (ids) => ({ Authorization: `Bearer ${ids.myToken.secret}` }),
    cases: () => [{ name: "minted by a token" }],
  },
  {
    name: "revokeTokenAction",
    action: () => TOKEN_ACTIONS.revoke,
    cases: (ids): Form[] => [
      {},
      { id: "" },
      { id: "' OR 1=1 --" },
      { id: "does-not-exist" },
      { id: "a".repeat(65) },
      { id: MEGABYTE },
      { id: ids.otherTokenId },
    ],
  },
  {
    name: "revokeTokenAction (called with a bearer token)",
    action: () => TOKEN_ACTIONS.revoke,
    headers: (ids) => ({ Authorization: `Bearer ${ids.myToken.secret}` }),
    cases: (ids) => [{ id: ids.myToken.id }],
  },
];

/** The action's own error state, or (over 1 MB) the proxy's 413 with a JSON message. */
async function expectActionRefused(response: Awaited<ReturnType<APIRequestContext["fetch"]>>, label: string, errorState: RegExp) {
  if (response.status() === 413) {
    await expectRefused(response, label);
    return;
  }
  expect(response.status(), label).toBe(200);
  expect(await response.text(), label).toMatch(errorState);
}

test.describe("hostile input: malformed server action calls", () => {
  test.describe.configure({ timeout: 180_000 });

  test.afterAll(async () => {
    await closeDatabase();
  });

  test("[MALFORMED] every server action answers bad form data with its error state and writes nothing", async ({ browser }) => {
    const me = await signedIn(browser, "Action Prober");
    const other = await signedIn(browser, "Action Outsider");
    const mine = (await (await me.request.post("/api/courses", { data: { title: "Prober's course" } })).json()) as { id: string };
    const theirs = (await (await other.request.post("/api/courses", { data: { title: "Outsider's course" } })).json()) as { id: string };
    const ids = { courseId: mine.id, otherCourseId: theirs.id };
    const before = await countRows();
    for (const action of ACTIONS) {
      for (const fields of action.cases(ids)) {
        const withCourse =
          action.filename === "app/courses/[id]/actions.ts" && !("courseId" in fields)
            ? { courseId: ids.otherCourseId, ...fields }
            : fields;
        const response = await postFormAction(
          me.request,
          { page: action.page(ids), filename: action.filename, name: action.name },
          withCourse,
        );
        await expectActionRefused(
          response,
          `${action.name} ${JSON.stringify(withCourse).slice(0, 120)}`,
          /"status":"error","message":"[^"]+"/,
        );
      }
    }
    const signUp = { page: "/sign-up", filename: "app/sign-up/actions.ts", name: "signUpAction" };
    for (const input of [
      {},
      { name: 42, email: [], password: null },
      { name: MEGABYTE, email: "a@example.test", password: "long-enough-password" },
      { name: "x", email: "not-an-email", password: "x" },
    ]) {
      await expectActionRefused(
        await postValueAction(me.request, signUp, [input]),
        JSON.stringify(input).slice(0, 80),
        /"ok":false,"message":"[^"]+"/,
      );
    }
    for (const raw of ["not json", "[", '{"a":1}', DEEP_ARRAY]) {
      const response = await me.request.post("/sign-up", {
        data: raw,
        headers: { "Content-Type": "text/plain;charset=UTF-8", "Next-Action": "0".repeat(42) },
        maxRedirects: 0,
      });
      expect(response.status(), `unknown action with ${raw.slice(0, 20)}`).toBeLessThan(500);
    }
    expect(await countRows()).toEqual(before);
  });

  test("[MALFORMED] the teaching actions (assignments, rubric, grades, readings, tokens) answer bad forms and foreign ids with their error state and write nothing", async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const me = await signedIn(browser, "Teaching Prober");
    const other = await signedIn(browser, "Teaching Outsider");
    const student = await signedIn(browser, "Graded Student");
    const mine = (await (await me.request.post("/api/courses", { data: { title: "Prober's teaching course" } })).json()) as {
      id: string;
      joinCode: string;
    };
    const theirs = (await (await other.request.post("/api/courses", { data: { title: "Outsider's teaching course" } })).json()) as {
      id: string;
    };
    expect((await student.request.post("/api/courses/join", { data: { code: mine.joinCode } })).status()).toBe(201);
    // (Teachers' home page links "/readings/new" too.)
    const statementId = /\/readings\/(?!new\b)([A-Za-z0-9_-]+)/.exec(await (await me.request.get("/")).text())![1]!;
    const members = (
      (await (await me.request.get(`/api/courses/${mine.id}/members`)).json()) as { members: { id: string; name: string }[] }
    ).members;
    const otherReadingId = await createReadingViaActions(other.request, "Outsider's own reading", "Private words.\n\nMore private words.");
    const ids: TeachingIds = {
      courseId: mine.id,
      otherCourseId: theirs.id,
      statementId,
      myReadingId: await createReadingViaActions(me.request, "Prober's reading", "First.\n\nSecond."),
      otherReadingId,
      myAssignmentId: await createAssignmentViaAction(me.request, mine.id, statementId),
      otherAssignmentId: await createAssignmentViaAction(other.request, theirs.id, otherReadingId),
      myGroupId: await createGroupViaAction(me.request, mine.id, "Prober's group"),
      otherGroupId: await createGroupViaAction(other.request, theirs.id, "Outsider's group"),
      studentId: members.find((member) => member.name === student.account.name)!.id,
      myUserId: members.find((member) => member.name === me.account.name)!.id,
      myToken: await createTokenViaAction(me.request, "Prober's token"),
      otherTokenId: (await createTokenViaAction(other.request, "Outsider's token")).id,
    };
    const before = { rows: await countRows(), content: await fingerprintRows() };
    let cases = 0;
    for (const action of TEACHING_ACTIONS) {
      for (const fields of action.cases(ids)) {
        const response = await postFormAction(me.request, action.action(ids), fields, action.headers?.(ids) ?? {}, {
          state: action.state,
          bound: action.bound?.(ids),
        });
        const shown = Object.fromEntries(
          Object.entries(fields).map(([key, value]) => [key, typeof value === "string" ? value.slice(0, 40) : `file ${value.name}`]),
        );
        await expectActionRefused(response, `${action.name} ${JSON.stringify(shown).slice(0, 200)}`, /"status":"error","message":"[^"]+"/);
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(150);
    expect({ rows: await countRows(), content: await fingerprintRows() }).toEqual(before);
    // The probes were refused for what they were, not because nothing works: the same caller's
    // own well-formed requests go through.
    const saved = await postFormAction(me.request, assignmentActions(ids.courseId, ids.myAssignmentId).rubric, {
      courseId: ids.courseId,
      assignmentId: ids.myAssignmentId,
      "ASKS_QUESTION.enabled": "on",
      "ASKS_QUESTION.points": "1",
    });
    expect(await saved.text()).toContain('"status":"success"');
    const revoked = await postFormAction(me.request, TOKEN_ACTIONS.revoke, { id: ids.myToken.id });
    expect(await revoked.text()).toContain('"status":"success"');
  });

  test("[MALFORMED] saving a Word import: a title holding a NUL (the preview shows it) is refused with a message on the title and saves nothing; the same import then saves", async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const me = await signedIn(browser, "Import Prober");
    expect((await me.request.post("/api/courses", { data: { title: "Import prober's course" } })).status()).toBe(201);
    const uploaded = await me.request.post("/api/reading-imports", {
      headers: { Accept: "application/json" },
      multipart: {
        file: {
          name: "scholia-word-sample.docx",
          mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          buffer: readFileSync(path.join(import.meta.dirname, "fixtures", "readings", "scholia-word-sample.docx")),
        },
      },
    });
    expect(uploaded.status()).toBe(202);
    const { id: importId, page: importPage } = (await uploaded.json()) as { id: string; page: string };
    const page = await (await browser.newContext({ storageState: await me.request.storageState() })).newPage();
    await page.goto(importPage);
    await expect(page.getByRole("heading", { name: "Save this reading" })).toBeVisible({ timeout: 240_000 });
    const digest = await page.locator('input[type="hidden"][name="digest"]').inputValue();
    const action = { ...SAVE_IMPORT_ACTION, page: importPage };
    const before = { rows: await countRows(), content: await fingerprintRows() };
    for (const title of ["Word sample\u0000", "\u0000", "A \u0000 title"]) {
      const response = await postFormAction(me.request, action, { importId, title, digest });
      expect(response.status(), JSON.stringify(title)).toBe(200);
      const text = await response.text();
      expect(text, JSON.stringify(title)).toContain('"status":"error"');
      expect(text, JSON.stringify(title)).toContain("Remove the null character (U+0000): it cannot be saved.");
    }
    expect({ rows: await countRows(), content: await fingerprintRows() }).toEqual(before);
    // Refused for the NUL alone: the same import saves with a title a person types.
    await page.getByLabel("Title").fill("Word sample, saved after the refusals");
    await page.getByRole("button", { name: "Save reading" }).click();
    await page.waitForURL(/\/readings\/(?!imports\/)[A-Za-z0-9_-]+$/, { timeout: 240_000 });
    await expect(page.getByRole("heading", { level: 1, name: "Word sample, saved after the refusals" })).toBeVisible();
    await page.context().close();
  });
});
