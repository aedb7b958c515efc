// Single sign-on (OpenID Connect): which identities the provider vouches for may sign in, and to
// which address. Pure; lib/server/accounts/sign-in-with-sso.ts links or creates the account.
//
// An account is linked by email, and only by an email the provider says it verified
// (`email_verified: true`): linking on an unverified address would let anyone who can register
// "dean@example.edu" at the provider take over the Scholia account with that address.

/** Sign-in error codes for single sign-on (shown by describeSignInError). */
export const SSO_ERROR = {
  noEmail: "SsoNoEmail",
  unverifiedEmail: "SsoUnverifiedEmail",
  domainRefused: "SsoDomainRefused",
} as const;

export type SsoErrorCode = (typeof SSO_ERROR)[keyof typeof SSO_ERROR];

/** "example.edu, Alumni.Example.edu" → ["example.edu", "alumni.example.edu"]; empty → [] (any domain). */
export function parseAllowedEmailDomains(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((domain) => domain.trim().toLowerCase().replace(/^@/, ""))
    .filter((domain) => domain.length > 0);
}

export type SsoIdentity = { email: string; name: string };

/**
 * The identity to sign in, from the ID token's claims, or the refusal's code. The email's domain
 * must be one of `allowedDomains` exactly (a subdomain is another domain) when any are given.
 */
export function decideSsoIdentity(claims: Record<string, unknown>, allowedDomains: string[]): SsoIdentity | { refused: SsoErrorCode } {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  const at = email.lastIndexOf("@");
  if (at < 1 || at === email.length - 1 || email.length > 254) return { refused: SSO_ERROR.noEmail };
  // A provider may send the boolean as a string ("true"); anything else is "not verified".
  if (claims.email_verified !== true && claims.email_verified !== "true") return { refused: SSO_ERROR.unverifiedEmail };
  if (allowedDomains.length > 0 && !allowedDomains.includes(email.slice(at + 1))) return { refused: SSO_ERROR.domainRefused };
  return { email, name: displayNameFromClaims(claims, email) };
}

function displayNameFromClaims(claims: Record<string, unknown>, email: string): string {
  const given = [claims.given_name, claims.family_name].filter((part) => typeof part === "string" && part.trim()).join(" ");
  const candidates = [claims.name, given, claims.preferred_username, email.slice(0, email.lastIndexOf("@"))];
  for (const candidate of candidates) {
    if (typeof candidate !== "string") continue;
    // Display text: control characters (NUL included, which PostgreSQL refuses) are dropped.
    // eslint-disable-next-line no-control-regex
    const printable = candidate.replace(/[\u0000-\u001f\u007f]/g, "");
    const cleaned = printable.replace(/\s+/g, " ").trim();
    if (cleaned) return cleaned.slice(0, 100);
  }
  return email.slice(0, 100);
}
