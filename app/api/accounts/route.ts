import { signUpSchema } from "@/lib/domain/account-rules";
import { createAccount } from "@/lib/server/accounts/create-account";
import { errorResponse, parseJsonBody } from "@/lib/server/http";

/** Sign up over the API: 201 with the account (never the password or its hash). */
export async function POST(request: Request) {
  try {
    const input = await parseJsonBody(request, signUpSchema);
    const account = await createAccount(input);
    return Response.json(account, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
