import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getServerEnv } from "../env.ts";

/** next-auth's id of the single sign-on provider: its callback is /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

export type OidcClaims = Record<string, unknown> & { sub: string; email?: string; name?: string };

export type SingleSignOn = { name: string };

/** Single sign-on as the sign-in page offers it, or null when it is not configured. */
export function findSingleSignOn(): SingleSignOn | null {
  const env = getServerEnv();
  return env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET ? { name: env.OIDC_DISPLAY_NAME } : null;
}

/**
 * next-auth's OpenID Connect provider, entirely from the environment (OIDC_ISSUER, OIDC_CLIENT_ID,
 * OIDC_CLIENT_SECRET), or none. The provider's endpoints and keys come from its discovery
 * document at each sign-in; the ID token's signature, issuer, audience, expiry and nonce are
 * checked by next-auth's OpenID client, with PKCE and state on the redirect.
 */
export function oidcProviders(): OAuthConfig<OidcClaims>[] {
  const env = getServerEnv();
  const sso = findSingleSignOn();
  if (!sso || !env.OIDC_ISSUER) return [];
  const issuer = env.OIDC_ISSUER.replace(/\/+$/, "");
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: sso.name,
      type: "oauth",
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      issuer,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      // next-auth's user for the callbacks; the account itself is found by verified email there.
      profile: (claims) => ({ id: claims.sub, email: typeof claims.email === "string" ? claims.email : null, name: claims.name ?? null }),
    },
  ];
}
