import "server-only";
import { getServerEnv } from "../env.ts";

// How this instance sends mail, from the environment (README, "Configuration"):
// SMTP_URL → an SMTP server; else DEV_OUTBOX=1 → the local outbox in PostgreSQL; else nothing is
// sent and mail waits in the queue (the operator's page and `npm run mail` show it).

export type MailTransportSetting = { kind: "smtp"; url: string } | { kind: "outbox" } | { kind: "none" };

export type MailSettings = {
  transport: MailTransportSetting;
  from: string;
  /** Origin of every link in an email, e.g. https://scholia.example.org */
  origin: string;
  /** Key that signs the links emails carry (unsubscribe); derived from NEXTAUTH_SECRET. */
  secret: string;
};

export function getMailTransportSetting(): MailTransportSetting {
  const env = getServerEnv();
  if (env.SMTP_URL) return { kind: "smtp", url: env.SMTP_URL };
  if (env.DEV_OUTBOX === "1") return { kind: "outbox" };
  return { kind: "none" };
}

/** Everything composing an email needs; refuses clearly when the public URL or secret is missing. */
export function getMailSettings(): MailSettings {
  const env = getServerEnv();
  if (!env.NEXTAUTH_URL) throw new Error("NEXTAUTH_URL must be set: every link in an email starts with the app's public URL.");
  if (!env.NEXTAUTH_SECRET) throw new Error("NEXTAUTH_SECRET must be set: it signs the unsubscribe links emails carry.");
  const origin = new URL(env.NEXTAUTH_URL).origin;
  return {
    transport: getMailTransportSetting(),
    from: env.MAIL_FROM ?? `Scholia <no-reply@${new URL(origin).hostname}>`,
    origin,
    secret: env.NEXTAUTH_SECRET,
  };
}
