import "server-only";
import nodemailer from "nodemailer";
import type pg from "pg";
import type { MailTransportSetting } from "./mail-settings.ts";

export type OutgoingMail = {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers: Record<string, string>;
};

/**
 * Where a message goes. `send` runs inside the delivery's database transaction (`client`): the
 * outbox writes there, so its message and the SENT mark commit together; SMTP ignores it.
 */
export type MailTransport = {
  kind: "smtp" | "outbox";
  send(mail: OutgoingMail, client: pg.PoolClient): Promise<{ messageId: string | null }>;
  close(): void;
};

/**
 * Every SMTP wait is bounded, so an attempt ends (and its transaction with it) long before the
 * job is taken for lost (MAIL_QUEUE_POLICY.expireInSeconds) and well inside the worker
 * connection's idle-in-transaction limit. A value in SMTP_URL's query string wins.
 */
const SMTP_DEFAULTS: Record<string, string> = {
  pool: "true",
  maxConnections: "2",
  connectionTimeout: "10000",
  greetingTimeout: "10000",
  socketTimeout: "30000",
};

export function smtpUrlWithDefaults(url: string): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(SMTP_DEFAULTS)) {
    if (!parsed.searchParams.has(key)) parsed.searchParams.set(key, value);
  }
  return parsed.href;
}

export function createMailTransport(setting: Exclude<MailTransportSetting, { kind: "none" }>): MailTransport {
  if (setting.kind === "outbox") {
    return {
      kind: "outbox",
      async send(mail, client) {
        const { rows } = await client.query<{ id: string }>(
          `INSERT INTO "OutboxMessage" ("id", "toAddress", "fromAddress", "subject", "text", "html", "headers")
           VALUES ('out_' || replace(gen_random_uuid()::text, '-', ''), $1, $2, $3, $4, $5, $6::jsonb) RETURNING "id"`,
          [mail.to, mail.from, mail.subject, mail.text, mail.html, JSON.stringify(mail.headers)],
        );
        return { messageId: rows[0]!.id };
      },
      close() {},
    };
  }
  const transporter = nodemailer.createTransport(smtpUrlWithDefaults(setting.url));
  return {
    kind: "smtp",
    async send(mail) {
      const info = await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        // Plain 7-bit safe encodings; no tracking, no remote content.
        textEncoding: "quoted-printable",
      });
      return { messageId: typeof info.messageId === "string" ? info.messageId : null };
    },
    close() {
      transporter.close();
    },
  };
}
