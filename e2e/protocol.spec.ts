import { expect, test, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { readApiError, readJson, type W3CAnnotation, type W3CAnnotationCollection, type W3CAnnotationPage } from "./fixtures/json";
import { statement } from "./fixtures/reading";

// The Web Annotation Protocol as a program uses it: a personal API token (made on the settings
// page), then plain HTTP against the running app and its PostgreSQL.

const DEMO_COURSE = "demo-course";
const DEMO_JOIN_CODE = "DEMO-CODE-2006";
const ANNO = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
const IRIS = 'return=representation; include="http://www.w3.org/ns/oa#PreferContainedIRIs"';
const MINIMAL = 'return=representation; include="http://www.w3.org/ns/ldp#PreferMinimalContainer"';

async function readingId(request: APIRequestContext): Promise<string> {
  const html = await (await request.get("/")).text();
  return /\/readings\/([A-Za-z0-9_-]+)/.exec(html)![1]!;
}

/** A new signed-in person and a token made on the settings page. */
async function personWithToken(
  page: Page,
  name: string,
  { joinDemo = false } = {},
): Promise<{ token: string; auth: Record<string, string> }> {
  const account = await createAccount(page.request, name);
  await signInViaApi(page, account);
  if (joinDemo) expect((await page.request.post("/api/courses/join", { data: { code: DEMO_JOIN_CODE } })).status()).toBe(201);
  await page.goto("/settings/tokens");
  await page.getByLabel("Token name").fill(`${name} script`);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("Token", { exact: true }).inputValue();
  expect(token).toMatch(/^sch_/);
  return { token, auth: { Authorization: `Bearer ${token}` } };
}

/** A redirect's Location without its origin (the configured public one; a relative Location is allowed too). */
function pathOf(location: string): string {
  const url = new URL(location, "http://relative.invalid");
  return `${url.pathname}${url.search}`;
}

function w3cComment(id: string, phrase: string, text: string) {
  const paragraph = statement.paragraphs.find((candidate) => candidate.text.includes(phrase))!;
  const start = paragraph.startOffset + paragraph.text.indexOf(phrase);
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "Annotation",
    motivation: "commenting",
    body: [
      { type: "TextualBody", value: text, format: "text/plain", purpose: "commenting" },
      { type: "TextualBody", value: "sovereignty", purpose: "tagging" },
    ],
    target: {
      source: `/readings/${id}`,
      selector: [
        { type: "TextQuoteSelector", exact: phrase },
        { type: "TextPositionSelector", start, end: start + phrase.length },
      ],
    },
    // Private, so these posts never show in other specs' views of the demo course.
    "scholia:visibility": "PRIVATE",
  };
}

test.describe("Web Annotation Protocol", () => {
  test("[PROTOCOL] POST a W3C annotation: 201, Location, ETag; GET returns it equal in meaning; 304 on If-None-Match", async ({
    page,
    request,
  }) => {
    const { auth } = await personWithToken(page, "Pat Protocol", { joinDemo: true });
    const id = await readingId(request);
    const sent = w3cComment(id, "threat of using", "Using against whom?");
    const created = await request.post(`/api/readings/${id}/annotations?course=${DEMO_COURSE}`, {
      headers: { ...auth, "Content-Type": ANNO, Accept: ANNO },
      data: JSON.stringify(sent),
    });
    expect(created.status(), await created.text()).toBe(201);
    const headers = created.headers();
    expect(headers["content-type"]).toBe(ANNO);
    expect(headers["etag"]).toMatch(/^"[^"]+"$/);
    expect(headers["link"]).toContain('<http://www.w3.org/ns/ldp#Resource>; rel="type"');
    const location = headers["location"]!;
    const annotation = await readJson<W3CAnnotation>(created);
    expect(annotation.id).toBe(location);

    const fetched = await request.get(location, { headers: auth });
    expect(fetched.status()).toBe(200);
    expect(fetched.headers()["etag"]).toBe(headers["etag"]);
    expect(fetched.headers()["vary"]).toContain("Accept");
    expect(fetched.headers()["allow"]).toContain("PUT");
    const read = await readJson<W3CAnnotation>(fetched);
    expect(read).toEqual(annotation);
    // Equal in meaning: motivation, both selectors, the text and the tag.
    expect(read.motivation).toBe("commenting");
    expect(read.target.selector).toContainEqual(sent.target.selector[1]);
    expect(read.target.selector).toContainEqual(expect.objectContaining({ type: "TextQuoteSelector", exact: "threat of using" }));
    expect(read.body).toContainEqual({ type: "TextualBody", value: "Using against whom?", format: "text/plain", purpose: "commenting" });
    expect(read.body).toContainEqual({ type: "TextualBody", value: "sovereignty", purpose: "tagging" });
    expect(read["scholia:visibility"]).toBe("PRIVATE");

    const notModified = await request.get(location, { headers: { ...auth, "If-None-Match": headers["etag"]! } });
    expect(notModified.status()).toBe(304);
    expect(notModified.headers()["etag"]).toBe(headers["etag"]);
    const head = await request.head(location, { headers: auth });
    expect(head.status()).toBe(200);
    expect(head.headers()["etag"]).toBe(headers["etag"]);
  });

  test("[PROTOCOL] PUT and DELETE with a token: If-Match required (428), stale is 412, current succeeds; DELETE is 204", async ({
    page,
    request,
  }) => {
    const { auth } = await personWithToken(page, "Uma Update", { joinDemo: true });
    const id = await readingId(request);
    const created = await request.post(`/api/readings/${id}/annotations?course=${DEMO_COURSE}`, {
      headers: auth,
      data: w3cComment(id, "international information security", "First thought"),
    });
    expect(created.status()).toBe(201);
    const location = created.headers()["location"]!;
    const firstTag = created.headers()["etag"]!;
    const annotation = await readJson<W3CAnnotation>(created);
    const edited = { ...annotation, body: [{ type: "TextualBody", value: "<p>Second <em>thought</em></p>", format: "text/html" }] };

    const missing = await request.put(location, { headers: auth, data: edited });
    expect(missing.status()).toBe(428);
    const put = await request.put(location, { headers: { ...auth, "If-Match": firstTag }, data: edited });
    expect(put.status(), await put.text()).toBe(200);
    const secondTag = put.headers()["etag"]!;
    expect(secondTag).not.toBe(firstTag);
    const after = await readJson<W3CAnnotation>(put);
    expect(after.body).toContainEqual({ type: "TextualBody", value: "Second thought", format: "text/plain", purpose: "commenting" });
    expect(after.body).toContainEqual({
      type: "TextualBody",
      value: "<p>Second <em>thought</em></p>",
      format: "text/html",
      purpose: "commenting",
    });
    expect(after.target).toEqual(annotation.target);

    const stale = await request.put(location, { headers: { ...auth, "If-Match": firstTag }, data: annotation });
    expect(stale.status()).toBe(412);
    expect((await readApiError(stale)).message).toMatch(/changed since you read it/);
    expect((await request.delete(location, { headers: { ...auth, "If-Match": firstTag } })).status()).toBe(412);
    expect((await request.delete(location, { headers: auth })).status()).toBe(428);
    const deleted = await request.delete(location, { headers: { ...auth, "If-Match": secondTag } });
    expect(deleted.status()).toBe(204);
    expect((await request.get(location, { headers: auth })).status()).toBe(404);
  });

  test("[PROTOCOL] the container: AnnotationCollection, pages with startIndex/next/prev, Prefer, ETag, HEAD, OPTIONS", async ({
    page,
    request,
  }) => {
    const { auth } = await personWithToken(page, "Cora Container");
    const id = await readingId(request);
    // Personal notes (no course): a container only this person's posts are in, so counts are exact.
    const container = `/api/readings/${id}/annotations/`;
    const paragraphs = [2, 3, 4, 5, 6];
    for (const paragraph of paragraphs) {
      const posted = await request.post(container, {
        headers: auth,
        data: { type: "Annotation", bodyValue: `Note on paragraph ${paragraph}`, target: `/readings/${id}#p-${paragraph}` },
      });
      expect(posted.status(), await posted.text()).toBe(201);
    }

    const collection = await request.get(`${container}?pageSize=2`, { headers: auth });
    expect(collection.status()).toBe(200);
    const headers = collection.headers();
    expect(headers["content-type"]).toBe(ANNO);
    expect(headers["link"]).toContain('<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"');
    expect(headers["link"]).toContain('rel="http://www.w3.org/ns/ldp#constrainedBy"');
    expect(headers["allow"]).toBe("GET, HEAD, OPTIONS, POST");
    expect(headers["vary"]).toContain("Accept");
    expect(headers["accept-post"]).toContain("application/ld+json");
    const body = await readJson<W3CAnnotationCollection>(collection);
    expect(body["@context"]).toContain("http://www.w3.org/ns/anno.jsonld");
    expect(body.type).toEqual(["BasicContainer", "AnnotationCollection"]);
    expect(body.total).toBe(5);
    expect(body.label).toContain(statement.title!);
    expect(body.first).toMatchObject({ type: "AnnotationPage", startIndex: 0 });
    expect(body.first.items.map((item) => item.body[0]!.value)).toEqual(["Note on paragraph 2", "Note on paragraph 3"]);
    expect(body.last).toMatch(/page=3/);

    const seen: string[] = [];
    let next: string | undefined = body.first.id;
    let expectedStart = 0;
    let previous: string | undefined;
    while (next) {
      const response: APIResponse = await request.get(next, { headers: auth });
      expect(response.status()).toBe(200);
      const pageBody = await readJson<W3CAnnotationPage>(response);
      expect(pageBody).toMatchObject({
        type: "AnnotationPage",
        startIndex: expectedStart,
        partOf: { total: 5, type: "AnnotationCollection" },
      });
      expect(pageBody.prev).toBe(previous);
      seen.push(...pageBody.items.map((item) => item.body[0]!.value));
      previous = pageBody.id;
      expectedStart += 2;
      next = pageBody.next;
    }
    expect(seen).toEqual(paragraphs.map((paragraph) => `Note on paragraph ${paragraph}`));
    expect(previous).toBe(body.last);
    expect((await request.get(`${container}?page=4&pageSize=2`, { headers: auth })).status()).toBe(404);

    const iris = await readJson<W3CAnnotationCollection<W3CAnnotationPage<string>>>(
      await request.get(`${container}?pageSize=2`, { headers: { ...auth, Prefer: IRIS } }),
    );
    expect(iris.first.items).toHaveLength(2);
    // Each annotation's IRI is under its container's.
    for (const item of iris.first.items) expect(new URL(item).pathname).toMatch(new RegExp(`^${container}[A-Za-z0-9_-]+$`));
    expect(iris.first.next).toMatch(/iris=1/);
    const minimal = await request.get(`${container}?pageSize=2`, { headers: { ...auth, Prefer: MINIMAL } });
    expect(minimal.headers()["preference-applied"]).toBe("return=representation");
    expect((await readJson<W3CAnnotationCollection<string>>(minimal)).first).toMatch(/page=1/);

    expect((await request.get(`${container}?pageSize=2`, { headers: { ...auth, "If-None-Match": headers["etag"]! } })).status()).toBe(304);
    await request.post(container, { headers: auth, data: { type: "Annotation", bodyValue: "One more", target: `/readings/${id}#p-7` } });
    expect((await request.get(`${container}?pageSize=2`, { headers: { ...auth, "If-None-Match": headers["etag"]! } })).status()).toBe(200);

    const head = await request.head(`${container}?pageSize=2`, { headers: auth });
    expect(head.status()).toBe(200);
    expect(head.headers()["etag"]).toMatch(/^"/);
    expect(await head.body()).toHaveLength(0);
    const options = await request.fetch(container, { method: "OPTIONS" });
    expect(options.status()).toBe(200);
    expect(options.headers()["allow"]).toBe("GET, HEAD, OPTIONS, POST");
  });

  test("[PROTOCOL] content negotiation: application/json still served, ld+json bodies accepted, 406 and 415 otherwise", async ({
    page,
    request,
  }) => {
    const { auth } = await personWithToken(page, "Nia Negotiate");
    const id = await readingId(request);
    const container = `/api/readings/${id}/annotations`;
    const asJson = await request.get(container, { headers: { ...auth, Accept: "application/json" } });
    expect(asJson.status()).toBe(200);
    expect(asJson.headers()["content-type"]).toBe("application/json");
    expect(asJson.headers()["link"]).toContain('rel="http://www.w3.org/ns/json-ld#context"');
    const refused = await request.get(container, { headers: { ...auth, Accept: "text/html" } });
    expect(refused.status()).toBe(406);
    expect((await readApiError(refused)).message).toContain("application/ld+json");

    const data = JSON.stringify({ type: "Annotation", bodyValue: "Sent as plain JSON-LD", target: `/readings/${id}#p-2` });
    const plainLd = await request.post(container, { headers: { ...auth, "Content-Type": "application/ld+json" }, data });
    expect(plainLd.status()).toBe(201);
    const textPlain = await request.post(container, { headers: { ...auth, "Content-Type": "text/plain" }, data });
    expect(textPlain.status()).toBe(415);
    const quoteNotInText = await request.post(container, {
      headers: auth,
      data: {
        type: "Annotation",
        bodyValue: "x",
        target: { selector: { type: "TextQuoteSelector", exact: "words that are not in the statement" } },
      },
    });
    expect(quoteNotInText.status()).toBe(400);
    expect((await readApiError(quoteNotInText)).message).toContain("does not occur");
  });

  test("[TOKENS] a revoked or unknown token is 401 with WWW-Authenticate; A's token cannot read B's private note or B's course", async ({
    page,
    browser,
    request,
  }) => {
    const id = await readingId(request);
    const ben = await (await browser.newContext()).newPage();
    const benAccount = await createAccount(ben.request, "Bea Private");
    await signInViaApi(ben, benAccount);
    expect((await ben.request.post("/api/courses/join", { data: { code: DEMO_JOIN_CODE } })).status()).toBe(201);
    const privateNote = await ben.request.post(`/api/readings/${id}/annotations?course=${DEMO_COURSE}`, {
      data: { type: "Annotation", bodyValue: "only mine", target: `/readings/${id}#p-3`, "scholia:visibility": "PRIVATE" },
    });
    expect(privateNote.status()).toBe(201);
    const personalNote = await ben.request.post(`/api/readings/${id}/annotations`, {
      data: { type: "Annotation", bodyValue: "my own reading notes", target: `/readings/${id}#p-3` },
    });
    expect(personalNote.status()).toBe(201);

    const { auth } = await personWithToken(page, "Abe Outsider");
    expect((await request.get(privateNote.headers()["location"]!, { headers: auth })).status()).toBe(404);
    expect((await request.get(personalNote.headers()["location"]!, { headers: auth })).status()).toBe(404);
    expect((await request.get(`/api/readings/${id}/annotations?course=${DEMO_COURSE}`, { headers: auth })).status()).toBe(404);
    expect((await request.delete(personalNote.headers()["location"]!, { headers: { ...auth, "If-Match": "*" } })).status()).toBe(404);
    const mine = await request.get(`/api/readings/${id}/annotations`, { headers: auth });
    expect(JSON.stringify(await mine.json())).not.toContain("my own reading notes");

    const unknown = await request.get("/api/courses", { headers: { Authorization: `Bearer sch_${"x".repeat(43)}` } });
    expect(unknown.status()).toBe(401);
    expect(unknown.headers()["www-authenticate"]).toContain("Bearer");
    // A bad token is refused even beside a valid session cookie.
    expect((await page.request.get("/api/courses", { headers: { Authorization: "Bearer nonsense" } })).status()).toBe(401);

    await page.goto("/settings/tokens");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Revoke Abe Outsider" }).click();
    await expect(page.getByRole("button", { name: /^Revoke Abe Outsider/ })).toHaveCount(0);
    const revoked = await request.get(`/api/readings/${id}/annotations`, { headers: auth });
    expect(revoked.status()).toBe(401);
    expect(revoked.headers()["www-authenticate"]).toContain("Bearer");
  });

  test("[PROTOCOL] MUSTs of §4–5: Content-Location, 405 on a page, Link constrainedBy on errors, 410 after a delete that keeps a placeholder", async ({
    page,
    request,
  }) => {
    const { auth } = await personWithToken(page, "Greta Gone", { joinDemo: true });
    const id = await readingId(request);
    const container = `/api/readings/${id}/courses/${DEMO_COURSE}/annotations/`;
    const created = await request.post(container, { headers: auth, data: w3cComment(id, "international information security", "Root") });
    expect(created.status()).toBe(201);
    const location = created.headers()["location"]!;
    const listed = await request.get(container, { headers: auth });
    const containerId = (await readJson<W3CAnnotationCollection>(listed)).id;
    expect(listed.headers()["content-location"]).toBe(containerId);
    // The annotation's IRI is under its container's; the older /api/annotations/<id> redirects there.
    expect(location.startsWith(containerId)).toBe(true);
    expect(location).toBe(`${containerId}${location.slice(location.lastIndexOf("/") + 1)}`);
    expect(created.headers()["content-location"]).toBe(location);
    const read = await request.get(location, { headers: auth });
    expect(read.headers()["content-location"]).toBe(location);
    const annotationId = location.slice(location.lastIndexOf("/") + 1);
    const older = await request.get(`/api/annotations/${annotationId}`, { headers: auth, maxRedirects: 0 });
    expect(older.status()).toBe(308);
    expect(older.headers()["location"]).toBe(location);
    expect((await request.get(`/api/readings/${id}/annotations/${annotationId}`, { headers: auth })).status()).toBe(404);

    // A reply, posted to the container with the root as its target, is in the container too.
    const reply = await request.post(container, {
      headers: auth,
      data: { type: "Annotation", motivation: "replying", bodyValue: "A reply keeps the root", target: location },
    });
    expect(reply.status(), await reply.text()).toBe(201);
    const replyAnnotation = await readJson<W3CAnnotation & { target: unknown }>(reply);
    expect(replyAnnotation.target).toBe(location);

    const onPage = await request.post(`${container}?page=1`, {
      headers: auth,
      data: w3cComment(id, "international information security", "x"),
    });
    expect(onPage.status()).toBe(405);
    expect(onPage.headers()["link"]).toContain('rel="http://www.w3.org/ns/ldp#constrainedBy"');
    const refused = await request.post(container, {
      headers: auth,
      data: { type: "Annotation", bodyValue: "x", target: `/readings/${id}#p-1`, audience: "all" },
    });
    expect(refused.status()).toBe(400);
    expect((await readApiError(refused)).message).toMatch(/^audience: not supported/);
    expect(refused.headers()["link"]).toContain('rel="http://www.w3.org/ns/ldp#constrainedBy"');

    // Deleted with a reply under it: the placeholder keeps the thread, but the annotation is gone.
    const deleted = await request.delete(location, { headers: { ...auth, "If-Match": read.headers()["etag"]! } });
    expect(deleted.status()).toBe(204);
    expect((await request.get(location, { headers: auth })).status()).toBe(410);
    const items = await readJson<W3CAnnotationPage>(await request.get(`${container}?page=1&pageSize=200`, { headers: auth }));
    expect(items.items.map((item) => item.id)).not.toContain(location);
    expect(items.items.map((item) => item.id)).toContain(replyAnnotation.id);
    // Its author may delete it again (the reply still needs it, so it stays a placeholder).
    expect((await request.delete(location, { headers: auth })).status()).toBe(204);
  });

  test("[CORS] a token client on another origin gets preflight and CORS headers; cookie requests never do", async ({ page, request }) => {
    const { auth } = await personWithToken(page, "Cory Cors", { joinDemo: true });
    const id = await readingId(request);
    const container = `/api/readings/${id}/courses/${DEMO_COURSE}/annotations/`;
    const preflight = await request.fetch(container, {
      method: "OPTIONS",
      headers: {
        Origin: "https://annotator.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
      },
    });
    expect(preflight.status()).toBe(200);
    expect(preflight.headers()["access-control-allow-origin"]).toBe("*");
    expect(preflight.headers()["access-control-allow-headers"]).toMatch(/Authorization/);
    expect(preflight.headers()["access-control-allow-methods"]).toContain("POST");
    const withoutToken = await request.fetch(container, {
      method: "OPTIONS",
      headers: {
        Origin: "https://annotator.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    expect(withoutToken.headers()["access-control-allow-origin"]).toBeUndefined();

    const withToken = await request.get(container, { headers: { ...auth, Origin: "https://annotator.example" } });
    expect(withToken.status()).toBe(200);
    expect(withToken.headers()["access-control-allow-origin"]).toBe("*");
    expect(withToken.headers()["access-control-expose-headers"]).toContain("ETag");
    const text = await request.get(`/api/readings/${id}/text`, { headers: { ...auth, Origin: "https://annotator.example" } });
    expect(text.headers()["access-control-allow-origin"]).toBe("*");
    expect(await text.text()).toBe(statement.canonicalText);
    // The replies route and the text answer token clients alike: preflight, then CORS headers.
    const created = await request.post(container, { headers: auth, data: w3cComment(id, "international information security", "Root") });
    const createdIri = created.headers()["location"]!;
    const replies = `/api/annotations/${createdIri.slice(createdIri.lastIndexOf("/") + 1)}/replies`;
    for (const [path, method] of [
      [replies, "POST"],
      [`/api/readings/${id}/text`, "GET"],
    ] as const) {
      const asked = await request.fetch(path, {
        method: "OPTIONS",
        headers: {
          Origin: "https://annotator.example",
          "Access-Control-Request-Method": method,
          "Access-Control-Request-Headers": "authorization",
        },
      });
      expect(asked.status(), path).toBe(200);
      expect(asked.headers()["access-control-allow-origin"], path).toBe("*");
      expect(asked.headers()["access-control-allow-methods"], path).toContain(method);
    }
    const reply = await request.post(replies, {
      headers: { ...auth, Origin: "https://annotator.example" },
      data: { body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "From elsewhere" }] }] } },
    });
    expect(reply.status(), await reply.text()).toBe(201);
    expect(reply.headers()["access-control-allow-origin"]).toBe("*");
    expect(reply.headers()["access-control-expose-headers"]).toContain("Location");
    // The browser session (cookies) never gets CORS headers, whatever the Origin says.
    const withCookie = await page.request.get(container, { headers: { Origin: "https://annotator.example" } });
    expect(withCookie.status()).toBe(200);
    expect(withCookie.headers()["access-control-allow-origin"]).toBeUndefined();
  });

  test("[PROTOCOL] each context's container IRI ends in '/': GET, HEAD, OPTIONS and POST on both forms; other addresses keep theirs", async ({
    page,
    request,
  }) => {
    const { auth } = await personWithToken(page, "Sol Slash", { joinDemo: true });
    const id = await readingId(request);
    const own = `/api/readings/${id}/annotations/`;
    const inCourse = `/api/readings/${id}/courses/${DEMO_COURSE}/annotations/`;
    const noFollow = { headers: auth, maxRedirects: 0 };

    for (const container of [own, inCourse]) {
      const withoutSlash = container.slice(0, -1);
      const got = await request.get(container, { headers: auth });
      expect(got.status()).toBe(200);
      const collection = await readJson<W3CAnnotationCollection>(got);
      expect(new URL(collection.id).pathname).toBe(container);
      expect(got.headers()["content-location"]).toBe(collection.id);
      expect((await request.head(container, { headers: auth })).status()).toBe(200);
      const options = await request.fetch(container, { method: "OPTIONS" });
      expect(options.status()).toBe(200);
      expect(options.headers()["allow"]).toBe("GET, HEAD, OPTIONS, POST");

      for (const method of ["GET", "HEAD", "OPTIONS", "POST"]) {
        const redirected = await request.fetch(`${withoutSlash}?pageSize=3`, { method, ...noFollow });
        expect(redirected.status(), `${method} ${withoutSlash}`).toBe(308);
        expect(pathOf(redirected.headers()["location"]!)).toBe(`${container}?pageSize=3`);
      }
      // Followed, the 308 keeps the POST and its body: the annotation lands in that container.
      const posted = await request.post(withoutSlash, {
        headers: auth,
        data: {
          type: "Annotation",
          bodyValue: `Through the redirect to ${container}`,
          target: `/readings/${id}#p-4`,
          "scholia:visibility": "PRIVATE",
        },
      });
      expect(posted.status(), await posted.text()).toBe(201);
      const listed = await readJson<W3CAnnotationPage>(await request.get(`${container}?page=1&pageSize=200`, { headers: auth }));
      expect(listed.items.map((item) => item.id)).toContain(posted.headers()["location"]);
      expect(new URL(listed.partOf.id).pathname).toBe(container);
    }

    // The older address (?course=) leads to the course's own container.
    const older = await request.get(`/api/readings/${id}/annotations?course=${DEMO_COURSE}&page=1`, noFollow);
    expect(older.status()).toBe(308);
    expect(pathOf(older.headers()["location"]!)).toBe(`${inCourse}?page=1`);
    // A CORS preflight is answered where it is sent (a browser never follows a preflight's redirect).
    const preflight = await request.fetch(inCourse.slice(0, -1), {
      method: "OPTIONS",
      maxRedirects: 0,
      headers: {
        Origin: "https://annotator.example",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization",
      },
    });
    expect(preflight.status()).toBe(200);
    expect(preflight.headers()["access-control-allow-origin"]).toBe("*");

    // Every other address keeps its form without the slash.
    const coursesPage = await page.request.get("/courses/", { maxRedirects: 0 });
    expect(coursesPage.status()).toBe(308);
    expect(pathOf(coursesPage.headers()["location"]!)).toBe("/courses");
    expect((await page.request.get("/courses", { maxRedirects: 0 })).status()).toBe(200);
    const text = await request.get(`/api/readings/${id}/text/`, noFollow);
    expect(text.status()).toBe(308);
    expect(pathOf(text.headers()["location"]!)).toBe(`/api/readings/${id}/text`);
    expect((await request.get("/", { maxRedirects: 0 })).status()).toBe(200);
  });

  test("[INTEROP] the scholia: namespace IRI names a vocabulary document: JSON-LD for programs, HTML for people", async ({ request }) => {
    const vocabulary = await request.get("/ns/scholia");
    expect(vocabulary.status()).toBe(200);
    expect(vocabulary.headers()["content-type"]).toBe("application/ld+json");
    const document = (await vocabulary.json()) as { "@id": string; "@graph": { "@id": string; comment: string }[] };
    // An IRI ending in "#" (URL's hash is empty for an empty fragment, so the text is checked).
    expect(new URL(document["@id"]).pathname).toBe("/ns/scholia");
    expect(document["@id"].endsWith("/ns/scholia#")).toBe(true);
    const terms = document["@graph"].map((term) => term["@id"]);
    for (const term of ["kind", "visibility", "course", "paragraph", "root", "color", "text", "viaCreated", "hidden", "deleted"]) {
      expect(terms).toContain(`scholia:${term}`);
    }
    const html = await request.get("/ns/scholia", { headers: { Accept: "text/html,application/xhtml+xml" } });
    expect(html.headers()["content-type"]).toContain("text/html");
    expect(await html.text()).toContain('id="viaCreated"');
  });

  test("[PROTOCOL] the W3C protocol test suite's server MUSTs, each checked under its own name (docs/web-annotation-conformance.md)", async ({
    page,
    request,
  }) => {
    const { auth } = await personWithToken(page, "Suri Suite");
    const id = await readingId(request);
    const container = `${new URL((await request.get("/")).url()).origin}/api/readings/${id}/annotations/`;
    expect(container, 'Container MUST end in a "/" character').toMatch(/\/$/);
    const canonical = `urn:uuid:${crypto.randomUUID()}`;
    const created = await request.post(container, {
      headers: { ...auth, "Content-Type": "application/ld+json" },
      data: {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        type: "Annotation",
        body: { type: "TextualBody", value: "I like this page!" },
        target: `/readings/${id}#p-2`,
        canonical,
      },
    });
    expect(created.status(), "Annotation Server MUST respond with a 201 Created code if the creation is successful").toBe(201);
    const annotation = await readJson<W3CAnnotation & { canonical?: string }>(created);
    expect(annotation.id, "Created Annotation MUST have an id property").toMatch(/^https?:\/\//);
    expect(annotation.id.startsWith(container), "Created Annotation MUST have an id that starts with the Container IRI").toBe(true);
    expect(annotation.canonical, "Created Annotation MUST preserve any canonical IRI").toBe(canonical);
    expect(created.headers()["location"], "Location header SHOULD match the id of the new Annotation").toBe(annotation.id);
    for (const paragraph of [3, 4]) {
      await request.post(container, {
        headers: auth,
        data: { type: "Annotation", bodyValue: `More on ${paragraph}`, target: `/readings/${id}#p-${paragraph}` },
      });
    }

    const got = await request.get(container, { headers: auth });
    const headers = got.headers();
    const body = await readJson<W3CAnnotationCollection<string>>(
      await request.get(`${container}?pageSize=1`, { headers: { ...auth, Prefer: MINIMAL } }),
    );
    const full = await readJson<W3CAnnotationCollection>(got);
    for (const method of ["GET", "HEAD", "OPTIONS"])
      expect(headers["allow"], `Containers MUST support ${method} (check Allow on GET)`).toContain(method);
    expect(headers["content-type"], "Containers MUST have a Content-Type header with the application/ld+json media type").toMatch(
      /application\/ld\+json/,
    );
    expect(full.type, "Containers MUST return a description of the container with BasicContainer").toContain("BasicContainer");
    expect(full.type, "Containers MUST return a description of the container with AnnotationCollection").toContain("AnnotationCollection");
    expect(headers["etag"], "Containers MUST have an ETag header").toBeTruthy();
    expect(headers["vary"], "Containers MUST have a Vary header with Accept in the value").toContain("Accept");
    expect(headers["link"], "Containers MUST advertise its type (Link rel=type, ldp#BasicContainer)").toContain(
      '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"',
    );
    expect(headers["link"], "Containers MUST advertise constrainedBy http://www.w3.org/TR/annotation-protocol/").toContain(
      '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"',
    );
    expect((await request.head(container, { headers: auth })).status(), "Containers MUST support HEAD method").toBe(200);
    expect((await request.fetch(container, { method: "OPTIONS", headers: auth })).status(), "Containers MUST support OPTIONS method").toBe(
      200,
    );
    expect(headers["content-location"], "Container's Content-Location and `id` MUST match").toBe(full.id);
    const firstPage = await readJson<W3CAnnotationPage & { partOf: { id: string } }>(await request.get(body.first, { headers: auth }));
    expect(
      new URL(firstPage.partOf.id).pathname,
      "Annotation Pages must have a link to the container they are part of, using the partOf property",
    ).toBe(new URL(container).pathname);
    expect(firstPage.next, "Annotation Pages MUST have a link to the next page in the sequence (if not the last page)").toBeTruthy();
    const lastPage = await readJson<W3CAnnotationPage>(await request.get(body.last, { headers: auth }));
    expect(lastPage.prev, "Annotation Pages MUST have a link to the previous page in the sequence (if not the first page)").toBeTruthy();
    const missing = await request.get(`${container}?page=99`, { headers: auth });
    expect(missing.headers()["link"], "Containers MUST return a Link header (rfc5988) on all responses").toContain("constrainedBy");

    const read = await request.get(annotation.id, { headers: auth });
    const annotationHeaders = read.headers();
    for (const method of ["GET", "HEAD", "OPTIONS"])
      expect(annotationHeaders["allow"], `Annotations MUST support ${method} (check Allow on GET)`).toContain(method);
    expect(
      annotationHeaders["content-type"],
      "Annotations MUST have a Content-Type header with the application/ld+json media type",
    ).toMatch(/application\/ld\+json/);
    expect(annotationHeaders["link"], "Annotations MUST have a Link header entry ldp#Resource, rel=type").toContain(
      '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
    );
    expect(annotationHeaders["etag"], "Annotations MUST have an ETag header").toBeTruthy();
    expect(annotationHeaders["vary"], "Annotations MUST have a Vary header with Accept in the value").toContain("Accept");
    expect((await request.head(annotation.id, { headers: auth })).status(), "Annotations MUST support HEAD method").toBe(200);
    expect(
      (await request.fetch(annotation.id, { method: "OPTIONS", headers: auth })).status(),
      "Annotations MUST support OPTIONS method",
    ).toBe(200);
    const put = await request.put(annotation.id, {
      headers: { ...auth, "If-Match": annotationHeaders["etag"]! },
      data: { ...annotation, body: { type: "TextualBody", value: "I like it even more" } },
    });
    expect(put.status(), "Annotation update must be done with the PUT method").toBe(200);
    const deleted = await request.delete(annotation.id, { headers: { ...auth, "If-Match": put.headers()["etag"]! } });
    expect(deleted.status(), "Annotation deletion with DELETE method MUST return a 204 status").toBe(204);
  });
});
