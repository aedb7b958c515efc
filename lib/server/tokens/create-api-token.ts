import "server-only";
import { MAX_API_TOKENS_PER_USER, apiTokenNameSchema } from "../../domain/api-token.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { generateApiTokenSecret } from "./api-token-secret.ts";

export type CreatedApiToken = { id: string; name: string; prefix: string; createdAt: Date; secret: string };

/**
 * Creates a personal API token for the actor. The secret is returned this once and never
 * again (only its SHA-256 is stored). At most MAX_API_TOKENS_PER_USER live tokens per person;
 * the count and the insert share a transaction locked on the user, so two requests cannot both
 * take the last place.
 */
export async function createApiToken({ actorId, name }: { actorId: string; name: string }): Promise<CreatedApiToken> {
  const parsedName = apiTokenNameSchema.safeParse(name);
  if (!parsedName.success) {
    const message = parsedName.error.issues[0]?.message ?? "Give the token a name.";
    throw new AppError("VALIDATION", message, { fieldErrors: { name: [message] } });
  }
  const { secret, prefix, tokenHash } = generateApiTokenSecret();
  return getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${actorId} FOR UPDATE`;
    const live = await tx.apiToken.count({ where: { userId: actorId, revokedAt: null } });
    if (live >= MAX_API_TOKENS_PER_USER) {
      throw new AppError("CONFLICT", `You have ${MAX_API_TOKENS_PER_USER} tokens already. Revoke one you no longer use first.`);
    }
    const token = await tx.apiToken.create({
      data: { userId: actorId, name: parsedName.data, prefix, tokenHash },
      select: { id: true, name: true, prefix: true, createdAt: true },
    });
    return { ...token, secret };
  });
}
