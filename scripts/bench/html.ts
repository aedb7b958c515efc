// What a page's HTML holds, read with a streaming HTML parser (htmlparser2): its size, the inline
// scripts (mostly the RSC payload that hydrates the page), the scripts it loads up front, the live
// channel's starting point, and how many marks are painted.
import { Parser } from "htmlparser2";

export type PageAnatomy = {
  htmlBytes: number;
  /** Inline <script> content: the RSC payload and Next's bootstrap. */
  inlineScriptBytes: number;
  /** /_next/static scripts loaded up front: <script src> and script preloads. */
  scriptUrls: string[];
  /**
   * <script nomodule> ones (Next's polyfills for browsers without ES modules): a browser with
   * modules, which every browser the app supports is, neither fetches nor runs them. Listed, not
   * counted as the page's JavaScript.
   */
  noModuleScriptUrls: string[];
  /** Where the page says its live stream starts (data-live-cursor), if it says. */
  liveCursor: string | null;
  markCount: number;
  /** Seeded comment and paragraph-post bodies shown in <main> (the margin rendered annotations). */
  seededBodies: number;
};

export function inspectPage(html: string): PageAnatomy {
  const urls = new Set<string>();
  const noModuleUrls = new Set<string>();
  let inlineScriptBytes = 0;
  let inInlineScript = false;
  let mainDepth = 0;
  let mainText = "";
  let liveCursor: string | null = null;
  let markCount = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "main" || mainDepth > 0) mainDepth += 1;
        if (liveCursor === null && attributes["data-live-cursor"] !== undefined) liveCursor = attributes["data-live-cursor"];
        if (name === "mark") markCount += 1;
        if (name === "script") {
          if (attributes.src?.startsWith("/_next/static/")) (attributes.nomodule !== undefined ? noModuleUrls : urls).add(attributes.src);
          inInlineScript = attributes.src === undefined;
        }
        if (name === "link") {
          const rel = (attributes.rel ?? "").toLowerCase().split(/\s+/);
          const isScript = rel.includes("modulepreload") || (rel.includes("preload") && attributes.as === "script");
          if (isScript && attributes.href?.startsWith("/_next/static/")) urls.add(attributes.href);
        }
      },
      ontext(text) {
        if (inInlineScript) inlineScriptBytes += Buffer.byteLength(text);
        else if (mainDepth > 0) mainText += text;
      },
      onclosetag(name) {
        if (name === "script") inInlineScript = false;
        if (mainDepth > 0) mainDepth -= 1;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return {
    htmlBytes: Buffer.byteLength(html),
    inlineScriptBytes,
    scriptUrls: [...urls],
    noModuleScriptUrls: [...noModuleUrls],
    liveCursor,
    markCount,
    seededBodies: (mainText.match(/Bench (?:comment|paragraph post) \d+/g) ?? []).length,
  };
}

/**
 * Only the live channel's starting point (data-live-cursor): the parser stops at the first
 * element that carries it, and pages that do not say are not parsed at all.
 */
export function findLiveCursor(html: string): string | null {
  if (!html.includes("data-live-cursor")) return null;
  let cursor: string | null = null;
  const parser = new Parser({
    onopentag(_name, attributes) {
      if (cursor !== null || attributes["data-live-cursor"] === undefined) return;
      cursor = attributes["data-live-cursor"];
      parser.pause();
    },
  });
  parser.end(html);
  return cursor;
}
