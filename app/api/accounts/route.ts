import { headers } from "next/headers";
import { signUpSchema } from "@/lib/domain/account-rules";
import { signUp } from "@/lib/server/accounts/sign-up";
import { clientAddressFrom } from "@/lib/server/auth/client-address";
import { jsonResponse, route } from "@/lib/server/route";

/**
 * Sign up over the API: 202 with the same body for a new address and for one that has an
 * account (each gets its email); 429 past the client address's limit.
 */
export const POST = route({ auth: "none", body: signUpSchema }, async ({ body }) => {
  await signUp({ input: body, ipAddress: clientAddressFrom(await headers()) });
  return jsonResponse({ message: "Check your email: we sent a message to that address. Follow its link to confirm it." }, { status: 202 });
});
