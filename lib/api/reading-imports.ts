import { z } from "zod";
import { idSchema } from "../domain/ids.ts";
import { endpoint } from "./endpoint.ts";

/** An import's progress, as its page follows it. */
export type ReadingImportStatus = {
  id: string;
  state: "QUEUED" | "RUNNING" | "DONE" | "FAILED";
  format: "pdf" | "docx";
  fileName: string;
  byteSize: number;
  pagesDone: number;
  pagesTotal: number | null;
  error: { code: string; message: string } | null;
  readingId: string | null;
};

export const readingImportParams = z.object({ id: idSchema("Import not found.") });

/** Its uploader only; anyone else gets the same 404 as for a missing import. */
export const getReadingImportStatus = endpoint<ReadingImportStatus>()({
  method: "GET",
  path: "/api/reading-imports/:id",
  params: readingImportParams,
});
