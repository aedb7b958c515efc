import "server-only";
import { SignJWT } from "jose";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { CLIENT_ASSERTION_TYPE } from "../../domain/lti-advantage.ts";
import { loadToolSigningKey } from "./load-tool-signing-key.ts";
import { LtiServiceError } from "./lti-service-error.ts";
import { SealedKeyError } from "./tool-key-sealing.ts";

// An access token for an LMS's LTI Advantage services (IMS Security Framework 1.0 §4.1): the
// OAuth 2.0 client-credentials grant with a JWT client assertion (RFC 7523) signed by Scholia's
// current tool key, whose public half the LMS reads from /lti/jwks. Tokens are kept until a
// minute before they expire, per platform and set of scopes.

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((value) => value.toLowerCase() === "bearer", "token_type is not Bearer"),
  expires_in: z.coerce.number().positive().optional(),
  scope: z.string().optional(),
});

type Platform = { id: string; clientId: string; accessTokenUrl: string };

const cache = new Map<string, { token: string; expiresAt: number }>();

export async function requestPlatformToken(platform: Platform, scopes: readonly string[]): Promise<string> {
  const key = `${platform.id} ${platform.accessTokenUrl} ${[...scopes].sort().join(" ")}`;
  const cached = cache.get(key);
  if (cached && cached.expiresAt > Date.now()) return cached.token;

  const { kid, privateKey } = await loadToolSigningKey().catch((error: unknown) => {
    // Scholia's own configuration, not the LMS: the instructor sees what to tell the operator.
    if (error instanceof SealedKeyError) throw new LtiServiceError(error.message);
    throw error;
  });
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.accessTokenUrl)
    .setIssuedAt()
    .setExpirationTime("5m")
    .setJti(randomUUID())
    .sign(privateKey);
  let response: Response;
  try {
    response = await fetch(platform.accessTokenUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_assertion_type: CLIENT_ASSERTION_TYPE,
        client_assertion: assertion,
        scope: scopes.join(" "),
      }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new LtiServiceError(`The LMS's token endpoint did not answer (${error instanceof Error ? error.message : String(error)}).`);
  }
  const body = await response.text();
  if (!response.ok)
    throw new LtiServiceError(`The LMS refused Scholia's access token request (HTTP ${response.status}): ${body.slice(0, 300)}`);
  let parsed;
  try {
    parsed = tokenResponseSchema.safeParse(JSON.parse(body));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) throw new LtiServiceError("The LMS's token endpoint answered without a bearer access token.");
  const lifetimeMs = (parsed.data.expires_in ?? 3600) * 1000;
  cache.set(key, { token: parsed.data.access_token, expiresAt: Date.now() + Math.max(0, lifetimeMs - 60_000) });
  if (cache.size > 500) cache.delete(cache.keys().next().value!);
  return parsed.data.access_token;
}

/** Forgets the tokens of a platform (after the LMS answers 401: the token was revoked). */
export function forgetPlatformTokens(platformId: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${platformId} `)) cache.delete(key);
}
