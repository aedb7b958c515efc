import "server-only";
import { LtiLaunchError } from "@/lib/server/lti/lti-launch-error";
import { publicOrigin } from "@/lib/server/public-origin";

/** Where a refused login or launch goes: the page that says why (and what to do). */
export function problemRedirect(error: unknown): Response {
  if (!(error instanceof LtiLaunchError)) throw error;
  const url = new URL("/lti/problem", publicOrigin());
  url.searchParams.set("reason", error.problem);
  if (error.retryLoginId) url.searchParams.set("login", error.retryLoginId);
  return seeOther(url.toString());
}

/** 303: the browser follows with a GET, whatever method brought it here (a form post from the LMS). */
export function seeOther(location: string, headers: Headers = new Headers()): Response {
  headers.set("Location", location);
  headers.set("Cache-Control", "no-store");
  return new Response(null, { status: 303, headers });
}

/** Form fields or query parameters as strings (a repeated field keeps its first value). */
export async function readLaunchParams(request: Request, maxBytes: number): Promise<Record<string, string>> {
  const params: Record<string, string> = {};
  const add = (key: string, value: FormDataEntryValue) => {
    if (typeof value === "string" && !(key in params)) params[key] = value;
  };
  new URL(request.url).searchParams.forEach((value, key) => add(key, value));
  if (request.method === "POST") {
    const length = Number(request.headers.get("content-length") ?? "0");
    const type = request.headers.get("content-type") ?? "";
    if (length <= maxBytes && type.startsWith("application/x-www-form-urlencoded")) {
      const text = await request.text();
      if (text.length <= maxBytes) new URLSearchParams(text).forEach((value, key) => add(key, value));
    }
  }
  return params;
}

/** A Set-Cookie header value (names and values here are base64url or JWE: nothing to escape). */
export function serializeCookie(
  name: string,
  value: string,
  options: { httpOnly: boolean; sameSite: "lax" | "none"; path: string; secure: boolean; maxAge: number },
): string {
  return [
    `${name}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAge}`,
    `SameSite=${options.sameSite === "none" ? "None" : "Lax"}`,
    ...(options.httpOnly ? ["HttpOnly"] : []),
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}
