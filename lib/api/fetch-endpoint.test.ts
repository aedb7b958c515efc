import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchEndpoint } from "./fetch-endpoint.ts";
import { FetchError } from "./fetch-error.ts";

afterEach(() => vi.unstubAllGlobals());

function answer(status: number, body: unknown) {
  const fetchMock = vi.fn((_url: string, _init: RequestInit) =>
    Promise.resolve(new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } })),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

describe("fetchEndpoint", () => {
  it("[CLIENT] calls the named contract as fetchJSON does, loading the contracts on the first call", async () => {
    const fetchMock = answer(200, { hasUpvoted: true, upvoteCount: 3 });
    await expect(fetchEndpoint("toggleUpvote", { params: { id: "a1" } })).resolves.toEqual({ hasUpvoted: true, upvoteCount: 3 });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/api/annotations/a1/upvote");
    expect(init.method).toBe("POST");
    answer(200, { members: [] });
    await expect(fetchEndpoint("listCourseMembers", { params: { id: "c1" } })).resolves.toEqual({ members: [] });
  });

  it("[CLIENT] a refusal is the same FetchError", async () => {
    answer(404, { error: { code: "NOT_FOUND", message: "Annotation not found." } });
    const error = await fetchEndpoint("deleteAnnotation", { params: { id: "a1" } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FetchError);
    expect(error).toMatchObject({ status: 404, code: "NOT_FOUND", message: "Annotation not found." });
  });
});
