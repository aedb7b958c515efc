import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { announceRevocation } from "../realtime/announce-revocation.ts";

/**
 * Revokes one of the actor's tokens; it stops working at once. Another person's token, or one
 * already revoked, is NOT_FOUND (the same answer either way). Streams the token opened end at
 * once (announced on commit).
 */
export async function revokeApiToken({ actorId, tokenId }: { actorId: string; tokenId: string }): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, userId: actorId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "Token not found.");
    await announceRevocation(tx, { kind: "token", userId: actorId, tokenId });
  });
}
