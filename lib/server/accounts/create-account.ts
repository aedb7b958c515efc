import "server-only";
import bcrypt from "bcryptjs";
import type { SignUpInput } from "../../domain/account-rules.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { isUniqueViolation } from "../database-errors.ts";

export const BCRYPT_COST = 10;

export type AccountSummary = { id: string; email: string; name: string };

/** Creates an account; the email must not be taken (case-insensitively: emails are stored lower-cased). */
export async function createAccount(input: SignUpInput): Promise<AccountSummary> {
  const passwordHash = await bcrypt.hash(input.password, BCRYPT_COST);
  try {
    return await getDb().user.create({
      data: { name: input.name, email: input.email.toLowerCase(), passwordHash },
      select: { id: true, email: true, name: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "An account with this email already exists.", {
        fieldErrors: { email: ["An account with this email already exists. Sign in instead?"] },
      });
    }
    throw error;
  }
}
