import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { parseRevocation, REVOCATIONS_CHANNEL, type Revocation } from "../realtime/announce-revocation.ts";

// Integration tests of the services that take access away: LISTEN on the revocation channel
// and see what they announced. NOTIFY is delivered on commit, in commit order, so `settle()`
// (a marker sent after the service returned, awaited here) proves that nothing else is on its
// way: whatever the service announced arrived before the marker, and a rolled-back change
// announced nothing.

export type RevocationListener = {
  /** Everything announced since the last settle(), in order, once the marker came back. */
  settle(): Promise<Revocation[]>;
  close(): Promise<void>;
};

export async function listenForRevocations(): Promise<RevocationListener> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  let received: Revocation[] = [];
  const markers = new Map<string, () => void>();
  client.on("notification", (message) => {
    if (message.channel !== REVOCATIONS_CHANNEL) return;
    const marker = /^marker:(.+)$/.exec(message.payload ?? "")?.[1];
    if (marker !== undefined) return markers.get(marker)?.();
    const revocation = parseRevocation(message.payload);
    if (revocation) received.push(revocation);
  });
  await client.query(`LISTEN ${REVOCATIONS_CHANNEL}`);
  return {
    async settle() {
      const id = randomUUID();
      const arrived = new Promise<void>((resolve) => markers.set(id, resolve));
      await client.query("SELECT pg_notify($1, $2)", [REVOCATIONS_CHANNEL, `marker:${id}`]);
      await arrived;
      markers.delete(id);
      const batch = received;
      received = [];
      return batch;
    },
    async close() {
      await client.end();
    },
  };
}

/**
 * A test file's listener, in vitest's hooks: opened before the file's tests, settled before each
 * (so that a test sees only what it caused) and closed after them. Call it at the top level.
 */
export function listenForRevocationsInTests(): Pick<RevocationListener, "settle"> {
  let listener: RevocationListener | undefined;
  beforeAll(async () => {
    listener = await listenForRevocations();
  });
  beforeEach(async () => {
    await listener!.settle();
  });
  afterAll(async () => {
    await listener?.close();
  });
  return { settle: () => listener!.settle() };
}
