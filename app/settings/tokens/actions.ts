"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { apiTokenNameSchema, parseBearerToken } from "@/lib/domain/api-token";
import type { FormState } from "@/lib/form-state";
import { runFormAction } from "@/lib/server/form-action";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { revokeApiToken } from "@/lib/server/tokens/revoke-api-token";
import { idSchema } from "@/lib/domain/ids";

const TOKEN_CALLER_REFUSED = "Sign in to manage API tokens: a token cannot create or revoke tokens.";

/**
 * Tokens are managed with the session only. A leaked token that could mint another would
 * outlive its own revocation, and one that could revoke would lock its owner's programs out.
 */
async function isTokenCaller(): Promise<boolean> {
  return parseBearerToken((await headers()).get("authorization")) !== null;
}

/** The create form's state: the secret is sent to the browser this once, in the action's answer. */
export type CreateTokenState = FormState & { secret: string | null; tokenName: string | null };

const createSchema = z.object({ name: apiTokenNameSchema });

export async function createTokenAction(_state: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  if (await isTokenCaller()) return { status: "error", message: TOKEN_CALLER_REFUSED, fieldErrors: {}, secret: null, tokenName: null };
  let created: { secret: string; name: string } | null = null;
  const state = await runFormAction(formData, createSchema, async ({ name }, actor) => {
    created = await createApiToken({ actorId: actor.id, name });
    revalidatePath("/settings/tokens");
    return `Token “${created.name}” created.`;
  });
  const done = created as { secret: string; name: string } | null;
  return { ...state, secret: done?.secret ?? null, tokenName: done?.name ?? null };
}

const revokeSchema = z.object({ id: idSchema("Not a token.") });

export async function revokeTokenAction(_state: FormState, formData: FormData): Promise<FormState> {
  if (await isTokenCaller()) return { status: "error", message: TOKEN_CALLER_REFUSED, fieldErrors: {} };
  return runFormAction(formData, revokeSchema, async ({ id }, actor) => {
    await revokeApiToken({ actorId: actor.id, tokenId: id });
    revalidatePath("/settings/tokens");
    return "Token revoked.";
  });
}
