import "server-only";
import { exportJWK, generateKeyPair } from "jose";
import { randomUUID } from "node:crypto";
import { planToolKeyRotation } from "../../domain/lti-tool-keys.ts";
import { getDb } from "../db.ts";
import { getServerEnv } from "../env.ts";
import { sealPrivateKey, toolKeyRing, type ToolKeyRing } from "./tool-key-sealing.ts";

// A new RS256 key pair for Scholia as an LTI tool, sealed at rest. It is published at once and
// signs after LTI_KEY_PUBLISH_LEAD_SECONDS (lib/domain/lti-tool-keys.ts); the first key ever signs
// at once. Rotations are serialised by an advisory lock, so two at once make two keys in order.

const ROTATION_LOCK = 72_010_301;

export async function rotateToolKey({ leadMs, ring = toolKeyRing() }: { leadMs?: number; ring?: ToolKeyRing } = {}): Promise<{
  kid: string;
  activatesAt: Date;
}> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const sealedPrivateKey = sealPrivateKey(JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: "RS256" }), kid, ring.current);
  return getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ROTATION_LOCK})`;
    const keys = await tx.ltiToolKey.findMany({ select: { id: true, activatesAt: true, retiredAt: true } });
    const now = new Date();
    const plan = planToolKeyRotation(keys, now, leadMs ?? getServerEnv().LTI_KEY_PUBLISH_LEAD_SECONDS * 1000);
    if (plan.retireIds.length > 0)
      await tx.ltiToolKey.updateMany({ where: { id: { in: plan.retireIds } }, data: { retiredAt: plan.activatesAt } });
    await tx.ltiToolKey.create({ data: { id: kid, publicJwk, sealedPrivateKey, activatesAt: plan.activatesAt } });
    return { kid, activatesAt: plan.activatesAt };
  });
}
