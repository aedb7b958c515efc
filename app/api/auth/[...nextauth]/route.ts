import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { z } from "zod";
import { signInSchema } from "@/lib/domain/account-rules";
import { checkNextAuthRequest, type NextAuthRequestFacts } from "@/lib/domain/next-auth-request";
import { AppError } from "@/lib/server/app-error";
import { describeRetryAfter } from "@/lib/domain/sign-in-limit";
import { authOptions, SIGN_IN_ERROR } from "@/lib/server/auth/auth-options";
import { clientAddressFrom } from "@/lib/server/auth/client-address";
import { checkSignInLimit } from "@/lib/server/accounts/verify-credentials";
import { errorResponse, readRequestText } from "@/lib/server/http";
import { publicOrigin } from "@/lib/server/public-origin";
import { route } from "@/lib/server/route";

const params = z.object({ nextauth: z.array(z.string()) });
type NextAuthContext = { params: Promise<z.infer<typeof params>> };

// next-auth 4 types its App Router handler as `any`; this is the shape it has.
const nextAuthHandler = NextAuth(authOptions) as (request: Request, context: NextAuthContext) => Promise<Response>;

export const GET = route({ auth: "none", params }, async ({ request, params }) => {
  const refusal = refuseUnreadable(request, params.nextauth);
  return refusal ?? nextAuthHandler(request, { params: Promise.resolve(params) });
});

/** Sign-in, sign-out and CSRF forms are a few hundred bytes: nothing larger is read or parsed. */
const AUTH_FORM_MAX_BYTES = 16 * 1024;

/**
 * Sign-in past the limit answers 429 with Retry-After before next-auth runs (next-auth itself
 * would answer 401). The body keeps next-auth's shape ({ url } with an error) so its client
 * reports the error; the limit is enforced again, atomically, inside `authorize`.
 */
export const POST = route({ auth: "none", params }, async ({ request, params }) => {
  const body = await readRequestText(request, AUTH_FORM_MAX_BYTES);
  const { nextauth } = params;
  const refusal = refuseUnreadable(request, nextauth, { contentType: request.headers.get("content-type"), text: body });
  if (refusal) return refusal;
  if (nextauth[0] === "callback" && nextauth[1] === "credentials") {
    const form = readForm(request.headers.get("content-type"), body);
    const parsed = signInSchema.safeParse({ email: form.email, password: form.password });
    if (parsed.success) {
      const verdict = await checkSignInLimit({ email: parsed.data.email, ipAddress: clientAddressFrom(request.headers) });
      if (!verdict.isAllowed) {
        const signInUrl = new URL("/sign-in", publicOrigin());
        signInUrl.searchParams.set("error", `${SIGN_IN_ERROR.rateLimited}:${verdict.retryAfterSeconds}`);
        return Response.json(
          { url: signInUrl.toString(), message: `Too many failed sign-in attempts. ${describeRetryAfter(verdict.retryAfterSeconds)}` },
          { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds), "Cache-Control": "no-store" } },
        );
      }
    }
  }
  // next-auth reads the body again: hand it the bytes already read.
  const replayed = new NextRequest(request.url, { method: "POST", headers: request.headers, body });
  return nextAuthHandler(replayed, { params: Promise.resolve(params) });
});

/** A 4xx for input next-auth cannot read (it would answer 500), before next-auth sees it. */
function refuseUnreadable(request: Request, segments: string[], body?: NextAuthRequestFacts["body"]): Response | null {
  const refusal = checkNextAuthRequest({ method: request.method, segments, search: new URL(request.url).search, body }, publicOrigin());
  if (!refusal) return null;
  const code = refusal.status === 405 ? "METHOD_NOT_ALLOWED" : "VALIDATION";
  const fieldErrors = refusal.field ? { [refusal.field]: [refusal.message] } : undefined;
  const response = errorResponse(new AppError(code, refusal.message, { fieldErrors }));
  if (refusal.allow) response.headers.set("Allow", refusal.allow);
  return response;
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
