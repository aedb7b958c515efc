import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { signInSchema } from "@/lib/domain/account-rules";
import { describeRetryAfter } from "@/lib/domain/sign-in-limit";
import { authOptions, SIGN_IN_ERROR } from "@/lib/server/auth/auth-options";
import { clientAddressFrom } from "@/lib/server/auth/client-address";
import { checkSignInLimit } from "@/lib/server/accounts/verify-credentials";
import { errorResponse, readRequestText } from "@/lib/server/http";

const handler = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

export { handler as GET };

/** Sign-in, sign-out and CSRF forms are a few hundred bytes: nothing larger is read or parsed. */
const AUTH_FORM_MAX_BYTES = 16 * 1024;

/**
 * Sign-in past the limit answers 429 with Retry-After before next-auth runs (next-auth itself
 * would answer 401). The body keeps next-auth's shape ({ url } with an error) so its client
 * reports the error; the limit is enforced again, atomically, inside `authorize`.
 */
export async function POST(request: NextRequest, context: RouteContext) {
  let body: string;
  try {
    body = await readRequestText(request, AUTH_FORM_MAX_BYTES);
  } catch (error) {
    return errorResponse(error);
  }
  const { nextauth } = await context.params;
  if (nextauth[0] === "callback" && nextauth[1] === "credentials") {
    const form = readForm(request.headers.get("content-type"), body);
    const parsed = signInSchema.safeParse({ email: form.email, password: form.password });
    if (parsed.success) {
      const verdict = await checkSignInLimit({ email: parsed.data.email, ipAddress: clientAddressFrom(request.headers) });
      if (!verdict.isAllowed) {
        const signInUrl = new URL("/sign-in", process.env.NEXTAUTH_URL ?? request.url);
        signInUrl.searchParams.set("error", `${SIGN_IN_ERROR.rateLimited}:${verdict.retryAfterSeconds}`);
        return Response.json(
          { url: signInUrl.toString(), message: `Too many failed sign-in attempts. ${describeRetryAfter(verdict.retryAfterSeconds)}` },
          { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds), "Cache-Control": "no-store" } },
        );
      }
    }
  }
  // next-auth reads the body again: hand it the bytes already read.
  return handler(new NextRequest(request.url, { method: "POST", headers: request.headers, body }), context);
}

/** The fields of a sign-in form as next-auth reads them (URL-encoded or JSON). */
function readForm(contentType: string | null, body: string): Record<string, unknown> {
  try {
    if (contentType?.includes("application/json")) return (JSON.parse(body) as Record<string, unknown> | null) ?? {};
    return Object.fromEntries(new URLSearchParams(body));
  } catch {
    return {};
  }
}
