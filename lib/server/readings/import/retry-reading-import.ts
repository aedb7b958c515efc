import "server-only";
import { AppError } from "../../app-error.ts";
import { getDb } from "../../db.ts";
import { findReadingImport } from "./find-reading-import.ts";
import { processReadingImport } from "./process-reading-import.ts";

/** Runs a failed import again from the kept file (after an interruption, say). Its owner only. */
export async function retryReadingImport({ actorId, importId }: { actorId: string; importId: string }): Promise<void> {
  const current = await findReadingImport({ actorId, importId, withResult: false });
  if (current.state !== "FAILED") throw new AppError("CONFLICT", "This import is not a failed one: there is nothing to try again.");
  const { count } = await getDb().readingImport.updateMany({
    where: { id: importId, createdById: actorId, status: "FAILED" },
    data: { status: "QUEUED", errorCode: null, errorMessage: null, pagesDone: 0, finishedAt: null, heartbeatAt: new Date() },
  });
  if (count > 0) void processReadingImport(importId);
}
