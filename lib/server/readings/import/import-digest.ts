import "server-only";
import { createHash } from "node:crypto";
import type { DocumentImportResult } from "../../../domain/document-import.ts";

/** Names an import's result exactly (its paragraphs, kinds, levels, pages and title). */
export function importDigest(result: DocumentImportResult): string {
  return createHash("sha256")
    .update(JSON.stringify([result.format, result.title, result.blocks]))
    .digest("hex")
    .slice(0, 32);
}
