import NextAuth from "next-auth";
import { z } from "zod";
import { signInSchema } from "@/lib/domain/account-rules";
import { describeRetryAfter } from "@/lib/domain/sign-in-limit";
import { authOptions, SIGN_IN_ERROR } from "@/lib/server/auth/auth-options";
import { clientAddressFrom } from "@/lib/server/auth/client-address";
import { checkSignInLimit } from "@/lib/server/accounts/verify-credentials";
import { publicOrigin } from "@/lib/server/public-origin";
import { route } from "@/lib/server/route";

const params = z.object({ nextauth: z.array(z.string()) });
type NextAuthContext = { params: Promise<z.infer<typeof params>> };

// next-auth 4 types its App Router handler as `any`; this is the shape it has.
const nextAuthHandler = NextAuth(authOptions) as (request: Request, context: NextAuthContext) => Promise<Response>;

export const GET = route({ auth: "none", params }, ({ request, params }) => nextAuthHandler(request, { params: Promise.resolve(params) }));

/**
 * Sign-in past the limit answers 429 with Retry-After before next-auth runs (next-auth itself
 * would answer 401). The body keeps next-auth's shape ({ url } with an error) so its client
 * reports the error; the limit is enforced again, atomically, inside `authorize`.
 */
export const POST = route({ auth: "none", params }, async ({ request, params }) => {
  const { nextauth } = params;
  if (nextauth[0] === "callback" && nextauth[1] === "credentials") {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const parsed = signInSchema.safeParse({ email: form?.get("email"), password: form?.get("password") });
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
  return nextAuthHandler(request, { params: Promise.resolve(params) });
});
