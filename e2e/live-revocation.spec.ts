// Revocation ends live streams at once, on every app instance (issue #14.6): two `next start`
// instances of the production build on their own embedded PostgreSQL (the fault suite's harness),
// streams opened with sessions and with an API token, and revocations announced on the database
// the way the services that take access away announce them (NOTIFY on the revocations channel).
import { createHash, randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { doc, signIn, startAppInstance, startFaultDatabase, type AppInstance, type FaultDatabase } from "./fixtures/fault-harness";

const COURSE = "demo-course";

test.describe.configure({ mode: "serial" });

let db: FaultDatabase;
let apps: AppInstance[] = [];
let readingId: string;
let users: Record<string, string>;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  db = await startFaultDatabase();
  readingId = (await db.query<{ id: string }>(`SELECT id FROM "Reading" ORDER BY "createdAt" LIMIT 1`))[0]!.id;
  const rows = await db.query<{ id: string; email: string }>(`SELECT id, email FROM "User" WHERE email LIKE '%@scholia.test'`);
  users = Object.fromEntries(rows.map((row) => [row.email.split("@")[0]!, row.id]));
  apps = await Promise.all([startAppInstance(db.url), startAppInstance(db.url)]);
});

test.afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await db?.destroy();
});

/** One open live stream, read as it arrives. */
class Stream {
  text = "";
  isEnded = false;
  private readonly controller = new AbortController();

  private constructor(readonly label: string) {}

  static async open(label: string, origin: string, headers: Record<string, string>): Promise<Stream> {
    const stream = new Stream(label);
    const response = await fetch(`${origin}/api/readings/${readingId}/events?course=${COURSE}`, {
      headers: { ...headers, Accept: "text/event-stream" },
      signal: stream.controller.signal,
    });
    expect(response.status, `${label}: ${response.status}`).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          stream.text += decoder.decode(value, { stream: true });
        }
      } catch {
        // aborted by close()
      }
      stream.isEnded = true;
    })();
    return stream;
  }

  close(): void {
    this.controller.abort();
  }
}

async function announce(revocation: Record<string, string>): Promise<void> {
  await db.query(`SELECT pg_notify('scholia_revocations', $1)`, [JSON.stringify(revocation)]);
}

async function sessionIdOf(origin: string, cookie: string): Promise<string> {
  const session = (await (await fetch(`${origin}/api/auth/session`, { headers: { Cookie: cookie } })).json()) as { sessionId?: string };
  expect(session.sessionId, "the session names itself").toBeTruthy();
  return session.sessionId!;
}

/** A post everyone in the course may read, made through the API; resolves with its id. */
async function post(origin: string, cookie: string, text: string): Promise<string> {
  const response = await fetch(`${origin}/api/readings/${readingId}/annotations`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Cookie: cookie },
    body: JSON.stringify({ courseId: COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: doc(text), visibility: "COURSE" }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id.split("/").at(-1)!;
}

test("[REVOCATION] a revoked session, token or membership ends the matching live streams on both instances at once; other streams keep receiving", async () => {
  test.setTimeout(60_000);
  const [one, two] = apps as [AppInstance, AppInstance];
  const anaFirst = await signIn(one.origin, "ana@scholia.test");
  const anaSecond = await signIn(two.origin, "ana@scholia.test");
  const ben = await signIn(two.origin, "ben@scholia.test");
  const instructor = await signIn(one.origin, "instructor@scholia.test");
  const firstSessionId = await sessionIdOf(one.origin, anaFirst);
  expect(await sessionIdOf(two.origin, anaSecond)).not.toBe(firstSessionId);

  const secret = `sch_${randomBytes(32).toString("base64url")}`;
  const tokenId = `live-revocation-token`;
  await db.query(`INSERT INTO "ApiToken" (id, "userId", name, "tokenHash", prefix) VALUES ($1, $2, 'live test', $3, $4)`, [
    tokenId,
    users.ana,
    createHash("sha256").update(secret).digest("hex"),
    secret.slice(0, 10),
  ]);

  // The first session's cookie works on either instance: a stream on each.
  const firstOnOne = await Stream.open("first session on instance 1", one.origin, { Cookie: anaFirst });
  const firstOnTwo = await Stream.open("first session on instance 2", two.origin, { Cookie: anaFirst });
  const second = await Stream.open("second session", two.origin, { Cookie: anaSecond });
  const token = await Stream.open("token", one.origin, { Authorization: `Bearer ${secret}` });
  const classmate = await Stream.open("ben", two.origin, { Cookie: ben });
  const all = [firstOnOne, firstOnTwo, second, token, classmate];

  const everyoneHas = async (id: string, streams: Stream[]) => {
    for (const stream of streams) await expect.poll(() => stream.text.includes(id), { message: stream.label }).toBe(true);
  };
  await everyoneHas(await post(one.origin, instructor, "Before any revocation."), all);

  await announce({ kind: "session", userId: users.ana!, sessionId: firstSessionId });
  for (const stream of [firstOnOne, firstOnTwo]) {
    await expect.poll(() => stream.isEnded, { message: `${stream.label} ends`, timeout: 5_000 }).toBe(true);
    expect(stream.text).toMatch(/event: revoked\ndata: \{\}\n\n$/);
  }
  const afterSession = await post(two.origin, instructor, "After the session was ended.");
  await everyoneHas(afterSession, [second, token, classmate]);
  for (const stream of [firstOnOne, firstOnTwo]) expect(stream.text).not.toContain(afterSession);

  await announce({ kind: "token", userId: users.ana!, tokenId });
  await expect.poll(() => token.isEnded, { message: "the token's stream ends", timeout: 5_000 }).toBe(true);
  const afterToken = await post(one.origin, instructor, "After the token was revoked.");
  await everyoneHas(afterToken, [second, classmate]);
  expect(token.text).not.toContain(afterToken);

  // Removed from the course: the removal and its announcement commit together, as the service does.
  await db.query(
    `WITH removed AS (DELETE FROM "Membership" WHERE "userId" = $1 AND "courseId" = $2 RETURNING 1)
     SELECT pg_notify('scholia_revocations', $3) FROM removed`,
    [users.ana, COURSE, JSON.stringify({ kind: "membership", userId: users.ana, courseId: COURSE })],
  );
  await expect.poll(() => second.isEnded, { message: "the removed member's stream ends", timeout: 5_000 }).toBe(true);
  const afterRemoval = await post(one.origin, instructor, "After the removal.");
  await everyoneHas(afterRemoval, [classmate]);
  expect(second.text).not.toContain(afterRemoval);
  // And reconnecting is refused, so a browser's EventSource stops there.
  const again = await fetch(`${two.origin}/api/readings/${readingId}/events?course=${COURSE}`, { headers: { Cookie: anaSecond } });
  expect(again.status).toBe(404);
  await again.arrayBuffer();
  classmate.close();
});
