import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";

/**
 * Revokes one of the actor's tokens; it stops working at once. Another person's token, or one
 * already revoked, is NOT_FOUND (the same answer either way).
 */
export async function revokeApiToken({ actorId, tokenId }: { actorId: string; tokenId: string }): Promise<void> {
  const { count } = await getDb().apiToken.updateMany({
    where: { id: tokenId, userId: actorId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "Token not found.");
}
