import { afterEach, describe, expect, it, vi } from "vitest";
import { createReply, listParagraphThread, deleteAnnotation } from "./annotations.ts";
import { buildUrl, FetchError, fetchJSON, messageOf } from "./fetch-json.ts";

afterEach(() => vi.unstubAllGlobals());

function answer(status: number, body?: unknown, headers: Record<string, string> = { "Content-Type": "application/json" }) {
  const fetchMock = vi.fn((_url: string, _init: RequestInit) =>
    Promise.resolve(new Response(body === undefined ? null : typeof body === "string" ? body : JSON.stringify(body), { status, headers })),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

describe("buildUrl", () => {
  it("[CLIENT] fills the path's segments (encoded) and drops undefined query values", () => {
    expect(
      buildUrl("/api/readings/:id/paragraphs/:position/thread", { id: "a b/c", position: 3 }, { sort: "top", course: undefined }),
    ).toBe("/api/readings/a%20b%2Fc/paragraphs/3/thread?sort=top");
  });
});

describe("fetchJSON", () => {
  it("[CLIENT] builds the request from the endpoint's contract and resolves with the answer", async () => {
    const fetchMock = answer(200, { paragraphPosition: 2, roots: [], postCount: 0 });
    const thread = await fetchJSON(listParagraphThread, { params: { id: "r1", position: 2 }, query: { course: "c1", sort: "newest" } });
    expect(thread.postCount).toBe(0);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/api/readings/r1/paragraphs/2/thread?course=c1&sort=newest");
    expect(init.method).toBe("GET");
    expect(init.body).toBeUndefined();
  });

  it("[CLIENT] sends the body as JSON", async () => {
    const fetchMock = answer(201, { id: "https://scholia.test/api/annotations/x" });
    await fetchJSON(createReply, { params: { id: "p1" }, body: { body: { type: "doc", content: [] }, mentionedUserIds: [] } });
    const [, init] = fetchMock.mock.calls[0]!;
    expect(init.method).toBe("POST");
    expect(new Headers(init.headers).get("content-type")).toBe("application/json");
    expect(JSON.parse(init.body as string)).toEqual({ body: { type: "doc", content: [] }, mentionedUserIds: [] });
  });

  it("[CLIENT] a 204 resolves with null", async () => {
    answer(204);
    await expect(fetchJSON(deleteAnnotation, { params: { id: "a1" } })).resolves.toBeNull();
  });

  it("[CLIENT] a refusal rejects with the API's code, message and field errors", async () => {
    answer(400, { error: { code: "VALIDATION", message: "Write something.", fieldErrors: { body: ["Write something."] } } });
    const error = await fetchJSON(deleteAnnotation, { params: { id: "a1" } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FetchError);
    expect(error).toMatchObject({
      status: 400,
      code: "VALIDATION",
      message: "Write something.",
      fieldErrors: { body: ["Write something."] },
    });
    expect(messageOf(error)).toBe("Write something.");
  });

  it("[CLIENT] an answer that is not the API's error format still rejects with a readable message", async () => {
    answer(502, "<html>Bad gateway</html>", { "Content-Type": "text/html" });
    await expect(fetchJSON(deleteAnnotation, { params: { id: "a1" } })).rejects.toMatchObject({ status: 502, code: "UNEXPECTED_RESPONSE" });
  });

  it("[CLIENT] no answer at all is status 0, NETWORK", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))),
    );
    await expect(fetchJSON(deleteAnnotation, { params: { id: "a1" } })).rejects.toMatchObject({ status: 0, code: "NETWORK" });
    expect(messageOf(new Error("boom"), "fallback")).toBe("fallback");
  });
});
