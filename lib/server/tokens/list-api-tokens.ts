import "server-only";
import { getDb } from "../db.ts";

export type ApiTokenSummary = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null };

/** The actor's live (not revoked) tokens, newest first; never the secret or its hash. */
export async function listApiTokens({ actorId }: { actorId: string }): Promise<ApiTokenSummary[]> {
  return getDb().apiToken.findMany({
    where: { userId: actorId, revokedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
  });
}
