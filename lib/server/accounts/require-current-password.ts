import "server-only";
import bcrypt from "bcryptjs";
import { AppError } from "../app-error.ts";
import type { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";

type Db = Prisma.TransactionClient | ReturnType<typeof getDb>;

/**
 * Checks the current password before an account change (email, password, deletion): someone at
 * an unlocked browser cannot take the account over. A wrong one is a field error on
 * `currentPassword`. Returns the account's email.
 */
export async function requireCurrentPassword(
  db: Db,
  { userId, password }: { userId: string; password: string },
): Promise<{ email: string }> {
  const user = await db.user.findFirst({ where: { id: userId, deletedAt: null }, select: { email: true, passwordHash: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  if (!(await bcrypt.compare(password, user.passwordHash))) {
    throw new AppError("VALIDATION", "Your current password is not right.", {
      fieldErrors: { currentPassword: ["This is not your current password."] },
    });
  }
  return { email: user.email };
}
