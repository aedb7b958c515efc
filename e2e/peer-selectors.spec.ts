import { build } from "esbuild";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { readJson, type W3CAnnotationPage } from "./fixtures/json";
import { statement } from "./fixtures/reading";

// An independent selector implementation, @apache-annotator/dom, resolves Scholia's exported
// selectors against the rendered reading in Chromium: every TextQuoteSelector (exact text with
// its prefix and suffix) and every TextPositionSelector, with the reading's text container as the
// scope. That container's text is exactly GET /api/readings/:id/text, chrome included nowhere.

type Selector = { type: string; exact?: string; prefix?: string; suffix?: string; start?: number; end?: number };
type Target = { source?: string; selector?: Selector | Selector[] };
type Resolved = { type: string; expected: string; found: string[] };

/** The peer, bundled from node_modules for the browser (no CDN): window.peer. */
async function bundlePeer(): Promise<string> {
  const result = await build({
    stdin: {
      contents: 'export { createTextQuoteSelectorMatcher, createTextPositionSelectorMatcher } from "@apache-annotator/dom";',
      resolveDir: process.cwd(),
    },
    bundle: true,
    format: "iife",
    globalName: "peer",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  return `${result.outputFiles[0]!.text}\nwindow.peer = peer;`;
}

async function readingId(request: APIRequestContext): Promise<string> {
  const html = await (await request.get("/")).text();
  return /\/readings\/([A-Za-z0-9_-]+)/.exec(html)![1]!;
}

/** A range of the statement as its canonical text has it (no astral characters: code points = code units). */
function rangeOf(start: number, end: number) {
  return { start, end, exact: statement.canonicalText.slice(start, end) };
}

test("[INTEROP] @apache-annotator/dom resolves every exported quote and position selector against the rendered reading", async ({
  page,
}) => {
  const account = await createAccount(page.request, "Pia Peer");
  await signInViaApi(page, account);
  const id = await readingId(page.request);
  const [p1, p3, p4, p5, p6, p7] = [1, 3, 4, 5, 6, 7].map((position) => statement.paragraphs[position - 1]!);
  const last = statement.paragraphs.at(-1)!;
  const endOf = (paragraph: typeof p1) => paragraph!.startOffset + paragraph!.text.length;
  const ranges = [
    { name: "inside a paragraph", ...rangeOf(p5!.startOffset + 10, p5!.startOffset + 60) },
    { name: "across a paragraph boundary", ...rangeOf(endOf(p4) - 20, p5!.startOffset + 15) },
    { name: "a prefix across a boundary", ...rangeOf(p6!.startOffset, p6!.startOffset + 25) },
    { name: "a suffix across a boundary", ...rangeOf(endOf(p6) - 25, endOf(p6)) },
    { name: "across two boundaries", ...rangeOf(endOf(p5) - 5, p7!.startOffset + 5) },
    { name: "at the very start", ...rangeOf(p1!.startOffset, p1!.startOffset + 12) },
    { name: "at the very end", ...rangeOf(endOf(last) - 12, endOf(last)) },
  ];
  for (const [index, range] of ranges.entries()) {
    // Highlights and comments alike; the reader's own notes, so no other spec sees them.
    const isHighlight = index % 2 === 1;
    const posted = await page.request.post(`/api/readings/${id}/annotations/`, {
      data: {
        type: "Annotation",
        motivation: isHighlight ? "highlighting" : "commenting",
        ...(isHighlight ? {} : { bodyValue: `Peer check: ${range.name}` }),
        target: {
          source: `/readings/${id}`,
          selector: [
            { type: "TextQuoteSelector", exact: range.exact },
            { type: "TextPositionSelector", start: range.start, end: range.end },
          ],
        },
      },
    });
    expect(posted.status(), `${range.name}: ${await posted.text()}`).toBe(201);
  }
  const highlightInP3 = rangeOf(p3!.startOffset + 5, p3!.startOffset + 30);
  expect(
    (
      await page.request.post(`/api/readings/${id}/annotations/`, {
        data: {
          type: "Annotation",
          motivation: "highlighting",
          target: { selector: { type: "TextQuoteSelector", exact: highlightInP3.exact } },
        },
      })
    ).status(),
  ).toBe(201);

  // Everything the container exports, as a peer would collect it.
  const container = await readJson<W3CAnnotationPage>(await page.request.get(`/api/readings/${id}/annotations/?page=1&pageSize=200`));
  const selectors = container.items.flatMap((item) => {
    const targets = ([] as Target[]).concat((item as unknown as { target: Target | Target[] }).target);
    return targets.flatMap((target) => ([] as Selector[]).concat(target.selector ?? []));
  });
  const quotes = selectors.filter((selector) => selector.type === "TextQuoteSelector");
  const positions = selectors.filter((selector) => selector.type === "TextPositionSelector");
  expect(quotes).toHaveLength(ranges.length + 1);
  expect(positions).toHaveLength(ranges.length + 1);
  expect(quotes.some((quote) => quote.exact!.includes("\n\n"))).toBe(true);
  expect(quotes.some((quote) => quote.prefix!.includes("\n\n"))).toBe(true);
  expect(quotes.some((quote) => quote.suffix!.includes("\n\n"))).toBe(true);
  const text = await (await page.request.get(`/api/readings/${id}/text`)).text();

  await page.goto(`/readings/${id}`);
  // Once hydrated: the paragraph tools (chrome) are on the page too.
  await expect(page.getByRole("toolbar", { name: "Paragraph 1", exact: true })).toBeVisible();
  await expect(page.locator("#p-3 mark.hl").first()).toBeVisible();
  await page.evaluate(await bundlePeer());

  const scopeText = await page.locator("[data-reading-text]").evaluate((scope) => scope.textContent);
  expect(scopeText).toBe(text);

  const resolved = await page.evaluate(
    async ({ quotes, positions }) => {
      type Matcher = (scope: Node) => AsyncGenerator<Range>;
      const peer = (window as unknown as { peer: Record<string, (selector: unknown) => Matcher> }).peer;
      const scope = document.querySelector("[data-reading-text]")!;
      const text = scope.textContent ?? "";
      const results: { type: string; expected: string; found: string[] }[] = [];
      for (const quote of quotes) {
        const found: string[] = [];
        for await (const range of peer.createTextQuoteSelectorMatcher!(quote)(scope)) found.push(range.toString());
        results.push({ type: "quote", expected: quote.exact!, found });
      }
      for (const position of positions) {
        const found: string[] = [];
        for await (const range of peer.createTextPositionSelectorMatcher!(position)(scope)) found.push(range.toString());
        // What the same offsets give in the plain-text representation.
        results.push({ type: "position", expected: text.slice(position.start, position.end), found });
      }
      return results;
    },
    { quotes, positions },
  );
  const failures = resolved.filter((result: Resolved) => result.found.length !== 1 || result.found[0] !== result.expected);
  expect(failures).toEqual([]);
  expect(resolved).toHaveLength(2 * (ranges.length + 1));
  // Positions name the same text as the quote each sits beside.
  for (const position of positions) {
    expect(quotes.map((quote) => quote.exact)).toContain(text.slice(position.start, position.end));
  }
});
