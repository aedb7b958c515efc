import { describeRetryAfter } from "./sign-in-limit.ts";

/** The sentence a person reads for a next-auth sign-in error code (see auth-options SIGN_IN_ERROR). */
export function describeSignInError(code: string | null | undefined): string | null {
  if (!code) return null;
  const limited = /^RateLimited:(\d+)$/.exec(code);
  if (limited) return `Too many failed sign-in attempts. ${describeRetryAfter(Number(limited[1]))}`;
  if (code === "CredentialsSignin") return "Wrong email or password.";
  if (code === "SessionRequired") return "Please sign in to continue.";
  return "Sign-in failed. Please try again.";
}
