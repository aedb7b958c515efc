import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_API_TOKENS_PER_USER } from "../../domain/api-token.ts";
import { AppError } from "../app-error.ts";
import { disconnectDb, getDb } from "../db.ts";
import { hashApiToken } from "./api-token-secret.ts";
import { authenticateApiToken } from "./authenticate-api-token.ts";
import { createApiToken } from "./create-api-token.ts";
import { listApiTokens } from "./list-api-tokens.ts";
import { revokeApiToken } from "./revoke-api-token.ts";
import { listenForRevocations } from "../testing/revocation-listener.ts";
import { createPeople } from "../testing/people.ts";

// Personal API tokens against PostgreSQL: what is stored (a hash, never the secret), who a
// token authenticates, revocation, the per-person limit and the lastUsedAt throttle.
const prefix = `tok-${randomUUID().slice(0, 8)}`;
let users: Record<"owner" | "other" | "hoarder", { id: string }>;

beforeAll(async () => {
  users = await createPeople(prefix, ["owner", "other", "hoarder"]);
});

afterAll(async () => {
  await getDb().user.deleteMany({ where: { id: { in: Object.values(users).map((user) => user.id) } } });
  await disconnectDb();
});

describe("personal API tokens", () => {
  it("[TOKENS] a created token is stored as its SHA-256 only; the secret is returned once and authenticates its owner", async () => {
    const created = await createApiToken({ actorId: users.owner.id, name: "  Sync script " });
    expect(created.secret).toMatch(/^sch_[A-Za-z0-9_-]{43}$/);
    expect(created.name).toBe("Sync script");
    expect(created.prefix).toBe(created.secret.slice(0, 10));
    const stored = await getDb().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.tokenHash).toBe(hashApiToken(created.secret));
    expect(JSON.stringify(stored)).not.toContain(created.secret);

    const actor = await authenticateApiToken(created.secret);
    expect(actor?.id).toBe(users.owner.id);
    const listed = await listApiTokens({ actorId: users.owner.id });
    expect(listed.map((token) => token.id)).toContain(created.id);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(JSON.stringify(listed)).not.toContain(stored.tokenHash);
  });

  it("[TOKENS] an unknown, malformed or revoked token authenticates no one", async () => {
    const created = await createApiToken({ actorId: users.owner.id, name: "Soon revoked" });
    expect(await authenticateApiToken(`sch_${"x".repeat(43)}`)).toBeNull();
    expect(await authenticateApiToken("not-a-token")).toBeNull();
    expect(await authenticateApiToken(created.secret.toUpperCase())).toBeNull();
    await revokeApiToken({ actorId: users.owner.id, tokenId: created.id });
    expect(await authenticateApiToken(created.secret)).toBeNull();
    expect((await listApiTokens({ actorId: users.owner.id })).map((token) => token.id)).not.toContain(created.id);
  });

  it("[TOKENS] only the owner revokes a token; another person's (or a revoked one) is not found", async () => {
    const created = await createApiToken({ actorId: users.owner.id, name: "Mine" });
    await expect(revokeApiToken({ actorId: users.other.id, tokenId: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await authenticateApiToken(created.secret))?.id).toBe(users.owner.id);
    await revokeApiToken({ actorId: users.owner.id, tokenId: created.id });
    await expect(revokeApiToken({ actorId: users.owner.id, tokenId: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listApiTokens({ actorId: users.other.id })).toEqual([]);
  });

  it("[REVOCATION] revoking a token announces it after commit (the live channel closes its streams); a refused revoke announces nothing", async () => {
    const listener = await listenForRevocations();
    try {
      await listener.settle();
      const created = await createApiToken({ actorId: users.owner.id, name: "Streaming" });
      await expect(revokeApiToken({ actorId: users.other.id, tokenId: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await listener.settle()).toEqual([]);
      await revokeApiToken({ actorId: users.owner.id, tokenId: created.id });
      expect(await listener.settle()).toEqual([{ kind: "token", userId: users.owner.id, tokenId: created.id }]);
    } finally {
      await listener.close();
    }
  });

  it("[TOKENS] lastUsedAt is written on first use and then at most once a minute", async () => {
    const created = await createApiToken({ actorId: users.owner.id, name: "Throttled" });
    const lastUsed = async () => (await getDb().apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt?.getTime() ?? null;
    const t0 = new Date("2030-01-01T10:00:00Z");
    expect(await lastUsed()).toBeNull();
    await authenticateApiToken(created.secret, t0);
    expect(await lastUsed()).toBe(t0.getTime());
    await authenticateApiToken(created.secret, new Date(t0.getTime() + 30_000));
    expect(await lastUsed()).toBe(t0.getTime());
    const later = new Date(t0.getTime() + 61_000);
    await authenticateApiToken(created.secret, later);
    expect(await lastUsed()).toBe(later.getTime());
  });

  it("[TOKENS] a person has at most the limit of live tokens; revoking one makes room", async () => {
    const made = await Promise.all(
      Array.from({ length: MAX_API_TOKENS_PER_USER }, (_, index) => createApiToken({ actorId: users.hoarder.id, name: `Token ${index}` })),
    );
    const refused = await createApiToken({ actorId: users.hoarder.id, name: "One too many" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "CONFLICT" });
    expect(await getDb().apiToken.count({ where: { userId: users.hoarder.id } })).toBe(MAX_API_TOKENS_PER_USER);
    await revokeApiToken({ actorId: users.hoarder.id, tokenId: made[0]!.id });
    await expect(createApiToken({ actorId: users.hoarder.id, name: "Now fits" })).resolves.toMatchObject({ name: "Now fits" });
  });

  it("[TOKENS] a token needs a name", async () => {
    await expect(createApiToken({ actorId: users.owner.id, name: "   " })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { name: [expect.any(String)] },
    });
  });
});
