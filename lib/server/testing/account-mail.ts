import { afterAll, beforeAll } from "vitest";
import { disconnectDb, getDb } from "../db.ts";
import type { AccountRequestKind } from "../generated/prisma/enums.ts";
import { startMailHarness, type MailHarness } from "./mail-harness.ts";
import type { ReceivedMail } from "./smtp-sink.ts";
import { createTestAddresses, type TestAddresses } from "./test-addresses.ts";

// An account test file's mail (sign-up, password reset): the mail harness for the whole file and
// the file's test addresses. Called at the top of the file, it registers the file's hooks: the
// harness starts before the first test; after the last, the harness stops first (its worker holds
// connections to the database), then the addresses' accounts and requests go, and only then does
// the database connection close.

export type AccountMail = {
  addresses: TestAddresses;
  /** The file's harness (started before its first test). */
  harness(): MailHarness;
  /** Waits until the latest account email to `email` (of `kind`, when given) is sent; returns it and its request's id. */
  lastSentTo(email: string, kind?: AccountRequestKind): Promise<{ mail: ReceivedMail; requestId: string }>;
};

export function useAccountMail(name: string): AccountMail {
  let harness: MailHarness | undefined;
  const addresses = createTestAddresses(name);
  beforeAll(async () => {
    harness = await startMailHarness();
  });
  afterAll(async () => {
    await harness?.stop();
    await addresses.cleanUp();
    await disconnectDb();
  });
  const started = () => {
    if (!harness) throw new Error("the mail harness starts in beforeAll");
    return harness;
  };
  return {
    addresses,
    harness: started,
    async lastSentTo(email, kind) {
      const request = await getDb().accountRequest.findFirstOrThrow({ where: { email, kind }, orderBy: { createdAt: "desc" } });
      await started().waitForDelivery(`account:${request.id}`, ["SENT"]);
      return { mail: started().sink.to(email).at(-1)!, requestId: request.id };
    },
  };
}
