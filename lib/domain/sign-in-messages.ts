import { SSO_ERROR } from "./single-sign-on.ts";
import { describeRetryAfter } from "./sign-in-limit.ts";

const OR_PASSWORD = "or sign in with your email and password.";

/** Sentences for the codes next-auth and single sign-on put in /sign-in?error=. */
const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  SessionRequired: "Please sign in to continue.",
  // next-auth: discovery or the redirect to the provider failed (the provider is down or misconfigured).
  OAuthSignin: `Single sign-on is unavailable: Scholia could not reach your institution's sign-in service. Try again in a few minutes, ${OR_PASSWORD}`,
  // next-auth: the provider's answer could not be used (cancelled, expired, or refused there).
  OAuthCallback: `Single sign-on did not complete: your institution's sign-in service did not confirm who you are. Try again, ${OR_PASSWORD}`,
  Callback: `Single sign-on did not complete. Try again, ${OR_PASSWORD}`,
  AccessDenied: `Single sign-on was refused for this account. Try again, ${OR_PASSWORD}`,
  [SSO_ERROR.noEmail]: `Your institution's sign-in service did not share an email address, so Scholia cannot tell which account is yours. Ask your IT service to release it, ${OR_PASSWORD}`,
  [SSO_ERROR.unverifiedEmail]: `Your institution's sign-in service has not verified your email address, so Scholia will not link it to an account. Verify the address there, ${OR_PASSWORD}`,
  [SSO_ERROR.domainRefused]: `Single sign-on here is for your institution's own email addresses, and yours is not one of them. Use your institutional account, ${OR_PASSWORD}`,
};

/** The sentence a person reads for a sign-in error code (see auth-options SIGN_IN_ERROR). */
export function describeSignInError(code: string | null | undefined): string | null {
  if (!code) return null;
  const limited = /^RateLimited:(\d+)$/.exec(code);
  if (limited) return `Too many failed sign-in attempts. ${describeRetryAfter(Number(limited[1]))}`;
  return Object.hasOwn(MESSAGES, code) ? MESSAGES[code]! : "Sign-in failed. Please try again.";
}
