/** A same-site path to return to after sign-in; anything else (other hosts, `//evil`, junk) → fallback. */
export function safeReturnPath(candidate: unknown, fallback = "/courses"): string {
  if (typeof candidate !== "string" || candidate.length > 512) return fallback;
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return fallback;
  return candidate;
}
