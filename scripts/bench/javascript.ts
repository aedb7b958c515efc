// The JavaScript a page loads up front (gzip, as served), and where the editor is: it must be
// in a chunk of its own that no page loads before someone writes.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { REQUEST_TIMEOUT_MS } from "./config.ts";

type ScriptFile = { url: string; rawBytes: number; gzipBytes: number };
export type ScriptReport = { count: number; rawBytes: number; gzipBytes: number; files: ScriptFile[] };

export async function measureScripts(origin: string, urls: readonly string[]): Promise<ScriptReport> {
  const files: ScriptFile[] = [];
  for (const url of urls) {
    const response = await fetch(`${origin}${url}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const bytes = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}.`);
    files.push({ url, rawBytes: bytes.length, gzipBytes: gzipSync(bytes).length });
  }
  files.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    count: files.length,
    rawBytes: files.reduce((sum, file) => sum + file.rawBytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    files,
  };
}

export type EditorChunk = { file: string; rawBytes: number; gzipBytes: number; inInitialScripts: boolean; mentionedInHtml: boolean };

/** The build's chunks that contain ProseMirror/tiptap, and whether a page loads them up front. */
export function findEditorChunks(appDir: string, initialUrls: readonly string[], html: string): EditorChunk[] {
  const staticDir = path.join(appDir, ".next", "static");
  const chunksDir = path.join(staticDir, "chunks");
  if (!existsSync(chunksDir)) return [];
  const found: EditorChunk[] = [];
  const initial = new Set(initialUrls.map((url) => url.split("?")[0]!));
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) {
        visit(full);
        continue;
      }
      if (!entry.endsWith(".js")) continue;
      const source = readFileSync(full);
      if (!/prosemirror|tiptap/i.test(source.toString("utf8"))) continue;
      const url = `/_next/static/${path.relative(staticDir, full).split(path.sep).join("/")}`;
      found.push({
        file: url,
        rawBytes: source.length,
        gzipBytes: gzipSync(source).length,
        inInitialScripts: initial.has(url),
        mentionedInHtml: html.includes(url) || html.includes(path.basename(full)),
      });
    }
  };
  visit(chunksDir);
  return found.sort((a, b) => b.gzipBytes - a.gzipBytes);
}
