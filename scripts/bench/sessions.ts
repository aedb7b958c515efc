// Signing in: through next-auth's credentials flow (one person, proving sign-in works), and for
// the class of 200 by minting each student a session of their own: a UserSession row and the
// session cookie next-auth would have issued for it (its own encode(), the instances' shared
// secret). Minting skips 200 bcrypt checks and the per-address sign-in limit; every request
// afterwards goes through the app's session check as any browser's would.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { REQUEST_TIMEOUT_MS } from "./config.ts";
import { insertRows, type Student } from "./database.ts";
import { withClient } from "./lifecycle.ts";

const SESSION_COOKIE = "next-auth.session-token";

class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(";", 1)[0] ?? "";
      const equals = pair.indexOf("=");
      if (equals <= 0) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      if (value === "" || /max-age=0\b/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  has(name: string): boolean {
    return this.cookies.has(name);
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** Signs in through next-auth's credentials flow; returns the Cookie header of the session. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const jar = new CookieJar();
  const csrfResponse = await fetch(`${origin}/api/auth/csrf`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (csrfResponse.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrfResponse.status}.`);
  jar.store(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error("GET /api/auth/csrf returned no csrfToken.");
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${origin}/` }).toString(),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  jar.store(response);
  const answer = await response.text();
  if (!jar.has(SESSION_COOKIE)) {
    throw new Error(`Sign-in as ${email} gave no session cookie (status ${response.status}): ${answer.slice(0, 300)}`);
  }
  await expectSession(origin, jar.header(), email);
  return jar.header();
}

async function expectSession(origin: string, cookie: string, email: string): Promise<void> {
  const session = await fetch(`${origin}/api/auth/session`, {
    headers: { Cookie: cookie },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await session.json()) as { user?: { email?: string } };
  if (body.user?.email !== email) throw new Error(`The session is not ${email}: ${JSON.stringify(body)}`);
}

/** A session of each student's own (Cookie headers, in the students' order), checked on `origin`. */
export async function mintSessions(databaseUrl: string, secret: string, students: readonly Student[], origin: string): Promise<string[]> {
  const sessions = students.map((student) => ({ ...student, sessionId: randomUUID() }));
  await withClient(databaseUrl, (client) =>
    insertRows(
      client,
      "UserSession",
      ["id", "userId", "userAgent"],
      sessions.map((session) => ({ id: session.sessionId, userId: session.id, userAgent: "scholia bench" })),
    ),
  );
  const cookies = await Promise.all(
    sessions.map(
      async (session) =>
        `${SESSION_COOKIE}=${await encode({ secret, token: { sub: session.id, sid: session.sessionId, name: session.name, email: session.email } })}`,
    ),
  );
  await expectSession(origin, cookies[0]!, students[0]!.email);
  return cookies;
}
