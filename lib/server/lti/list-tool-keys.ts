import "server-only";
import { RETIRED_KEY_GRACE_MS, signingToolKey, toolKeyState, type ToolKeyState } from "../../domain/lti-tool-keys.ts";
import { getDb } from "../db.ts";
import { openWithKeyRing, SealedKeyError, toolKeyRing } from "./tool-key-sealing.ts";

export type ToolKeyView = {
  kid: string;
  state: ToolKeyState;
  createdAt: Date;
  activatesAt: Date;
  retiredAt: Date | null;
  publishedUntil: Date | null;
};

/** Scholia's LTI keys for the operator's page, newest first (never their private halves). */
export async function listToolKeys(): Promise<ToolKeyView[]> {
  const rows = await getDb().ltiToolKey.findMany({
    select: { id: true, createdAt: true, activatesAt: true, retiredAt: true },
    orderBy: { activatesAt: "desc" },
    take: 20,
  });
  const now = new Date();
  const signingId = signingToolKey(rows, now)?.id ?? null;
  return rows.map((row) => ({
    kid: row.id,
    state: toolKeyState(row, signingId, now),
    createdAt: row.createdAt,
    activatesAt: row.activatesAt,
    retiredAt: row.retiredAt,
    publishedUntil: row.retiredAt ? new Date(row.retiredAt.getTime() + RETIRED_KEY_GRACE_MS) : null,
  }));
}

/**
 * What stops Scholia from signing, for the operator's page: no secret to open its keys, or a
 * signing or upcoming key that the secrets given do not open. Null when all is well.
 */
export async function findToolKeySealingProblem(): Promise<string | null> {
  try {
    const ring = toolKeyRing();
    const now = new Date();
    const keys = await getDb().ltiToolKey.findMany({
      where: { OR: [{ retiredAt: null }, { retiredAt: { gt: now } }], sealedPrivateKey: { not: null } },
      select: { id: true, sealedPrivateKey: true },
    });
    for (const key of keys) openWithKeyRing(key.sealedPrivateKey!, key.id, ring);
    return null;
  } catch (error) {
    if (error instanceof SealedKeyError) return error.message;
    throw error;
  }
}
