// What a live stream was opened with, and which revocations end it (issue #14.6). Pure: the live
// channel (lib/server/realtime) keeps one StreamAccess per open stream and asks isRevokedBy for
// every revocation any app instance announces.

/** How a request was authenticated (the live channel keeps it for as long as a stream is open). */
export type Credential =
  /** A signed-in browser session (its UserSession id). */
  | { kind: "session"; sessionId: string }
  /** A personal API token (Authorization: Bearer). */
  | { kind: "token"; tokenId: string };

/** Who reads the stream, in which course context (null: their own notes), and with what. */
export type StreamAccess = { userId: string; courseId: string | null; credential: Credential };

/**
 * What was taken back (announced by the services that take access away):
 * - `session`: one signed-in session (sign-out, or a session ended from the account page);
 * - `user`: every session and token of a person (sign out everywhere, password change, account
 *   deletion);
 * - `token`: one personal API token (revoked);
 * - `membership`: a person's access to one course (removed from it, or the course archived or
 *   deleted); their streams of that course end.
 */
export type Revocation =
  | { kind: "session"; userId: string; sessionId: string }
  | { kind: "user"; userId: string }
  | { kind: "token"; userId: string; tokenId: string }
  | { kind: "membership"; userId: string; courseId: string };

/** Whether the revocation takes away what the stream was opened with. */
export function isRevokedBy(access: StreamAccess, revocation: Revocation): boolean {
  if (access.userId !== revocation.userId) return false;
  switch (revocation.kind) {
    case "user":
      return true;
    case "session":
      return access.credential.kind === "session" && access.credential.sessionId === revocation.sessionId;
    case "token":
      return access.credential.kind === "token" && access.credential.tokenId === revocation.tokenId;
    case "membership":
      return access.courseId === revocation.courseId;
  }
}

/** Reads a notification's payload; null for anything that is not a Revocation. */
export function parseRevocation(payload: string | undefined): Revocation | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as Partial<Record<string, unknown>> | null;
    if (typeof value !== "object" || value === null || typeof value.userId !== "string") return null;
    if (value.kind === "user") return { kind: "user", userId: value.userId };
    if (value.kind === "session" && typeof value.sessionId === "string")
      return { kind: "session", userId: value.userId, sessionId: value.sessionId };
    if (value.kind === "token" && typeof value.tokenId === "string") return { kind: "token", userId: value.userId, tokenId: value.tokenId };
    if (value.kind === "membership" && typeof value.courseId === "string")
      return { kind: "membership", userId: value.userId, courseId: value.courseId };
    return null;
  } catch {
    return null;
  }
}
