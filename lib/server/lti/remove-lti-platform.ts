import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { forgetFrameOrigins } from "./list-frame-origins.ts";

/**
 * Removes an LMS registration: its launches stop at once. The courses and accounts it created
 * stay (with their members and posts); only the links to the LMS go.
 */
export async function removeLtiPlatform({ platformId }: { platformId: string }): Promise<void> {
  const removed = await getDb().ltiPlatform.deleteMany({ where: { id: platformId } });
  if (removed.count === 0) throw new AppError("NOT_FOUND", "This LMS is not registered (any more).");
  forgetFrameOrigins();
}
