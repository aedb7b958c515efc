import { randomUUID } from "node:crypto";
import { getDb } from "../db.ts";

// The email addresses of an account test (sign-up, password reset, account settings): each made
// under the test's prefix and remembered, so that cleanUp() removes the accounts and the account
// requests (confirmation, reset) of every one of them.

export type TestAddresses = {
  prefix: string;
  /** A new address, `${prefix}-${label}-<random>@example.test`, or exactly `${prefix}-${label}@example.test` with `isExact`. */
  newEmail: (label: string, options?: { isExact?: boolean }) => string;
  cleanUp(): Promise<void>;
};

export function createTestAddresses(name: string): TestAddresses {
  const prefix = `${name}-${randomUUID().slice(0, 8)}`;
  const emails = new Set<string>();
  return {
    prefix,
    newEmail: (label, { isExact = false } = {}) => {
      const email = isExact ? `${prefix}-${label}@example.test` : `${prefix}-${label}-${randomUUID().slice(0, 6)}@example.test`;
      emails.add(email);
      return email;
    },
    cleanUp: async () => {
      await getDb().accountRequest.deleteMany({ where: { email: { in: [...emails] } } });
      await getDb().user.deleteMany({ where: { email: { in: [...emails] } } });
    },
  };
}

/** A client's network address no other test uses (the limits count per address). */
export const newClientAddress = () => `test-${randomUUID()}`;
