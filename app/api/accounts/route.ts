import { signUpSchema } from "@/lib/domain/account-rules";
import { createAccount } from "@/lib/server/accounts/create-account";
import { jsonResponse, route } from "@/lib/server/route";

/** Sign up over the API: 201 with the account (never the password or its hash). */
export const POST = route({ auth: "none", body: signUpSchema }, async ({ body }) =>
  jsonResponse(await createAccount(body), { status: 201 }),
);
