import "server-only";
import { getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { loadEditableReading } from "./load-editable-reading.ts";

/** The reading's title and current text as the edit form shows them (404/403 as loadEditableReading). */
export async function loadReadingForEdit({ actorId, readingId }: { actorId: string; readingId: string }) {
  const reading = await loadEditableReading(getDb(), await loadActorContext(actorId), readingId);
  return { id: reading.id, title: reading.title, text: reading.canonicalText, version: reading.version };
}
