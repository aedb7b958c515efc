import "server-only";
import { z } from "zod";
import { DEFAULT_SIGN_UPS_PER_ADDRESS_PER_HOUR } from "../domain/account-requests.ts";
import { DEFAULT_MAX_UPLOAD_MB } from "../domain/document-import.ts";
import { DEFAULT_MAX_POSTS_PER_READING, DEFAULT_WRITES_PER_MINUTE } from "../domain/write-quota.ts";

// Every environment variable the server reads, parsed once. A bad value fails at first use with
// a message naming the variable (not at build time: `next build` runs without a database).
/** An unset variable, or one set to the empty string (VAR= in a shell or an .env file). */
function optional<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
}

const serverEnvSchema = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/scholia)." })
    .regex(/^postgres(?:ql)?:\/\//, "DATABASE_URL must be a postgresql:// connection URL."),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Largest PDF or Word file an instructor may upload, in megabytes (MB = 1,000,000 bytes). */
  SCHOLIA_MAX_UPLOAD_MB: z.coerce.number().positive().max(500).default(DEFAULT_MAX_UPLOAD_MB),
  /** An import running longer than this is stopped and reported. */
  SCHOLIA_IMPORT_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  /** Imports run at once on one app instance (each in its own worker thread). */
  SCHOLIA_IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /** Proxies in front of the app whose X-Forwarded-For entries are trusted (lib/domain/client-address.ts). */
  TRUSTED_PROXY_HOPS: z.coerce
    .number({ error: "TRUSTED_PROXY_HOPS must be a whole number of proxies (0 when clients connect directly)." })
    .int("TRUSTED_PROXY_HOPS must be a whole number of proxies (0 when clients connect directly).")
    .min(0, "TRUSTED_PROXY_HOPS cannot be negative.")
    .max(10, "TRUSTED_PROXY_HOPS is at most 10.")
    .default(0),
  /** Writes (API POST/PUT/PATCH/DELETE and forms) one person may make per minute (lib/domain/write-quota.ts). */
  SCHOLIA_WRITES_PER_MINUTE: z.coerce
    .number({ error: "SCHOLIA_WRITES_PER_MINUTE must be a whole number of writes." })
    .int("SCHOLIA_WRITES_PER_MINUTE must be a whole number of writes.")
    .min(1, "SCHOLIA_WRITES_PER_MINUTE is at least 1.")
    .max(1_000_000, "SCHOLIA_WRITES_PER_MINUTE is at most 1,000,000.")
    .default(DEFAULT_WRITES_PER_MINUTE),
  /** Posts one person may have on one reading in one context (a course, or their own notes). */
  SCHOLIA_MAX_POSTS_PER_READING: z.coerce
    .number({ error: "SCHOLIA_MAX_POSTS_PER_READING must be a whole number of posts." })
    .int("SCHOLIA_MAX_POSTS_PER_READING must be a whole number of posts.")
    .min(1, "SCHOLIA_MAX_POSTS_PER_READING is at least 1.")
    .max(1_000_000, "SCHOLIA_MAX_POSTS_PER_READING is at most 1,000,000.")
    .default(DEFAULT_MAX_POSTS_PER_READING),
  // The public URL people reach the app at (next-auth's, and every absolute URL we write).
  NEXTAUTH_URL: z
    .url({ error: "NEXTAUTH_URL must be the app's public URL, e.g. https://scholia.example.edu." })
    .default(`http://localhost:${process.env.PORT ?? "3000"}`),
  NEXTAUTH_SECRET: optional(z.string()),
  /** Outgoing mail server: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\/[^\s]+$/, "SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465.")),
  /** The From of every email, e.g. "Scholia <no-reply@example.org>". */
  MAIL_FROM: optional(z.string().trim().min(3).max(320)),
  /** "1": no SMTP; emails are kept in the local outbox (PostgreSQL), for `npm start` on a laptop. */
  DEV_OUTBOX: optional(z.enum(["0", "1"])),
  /** "off": this instance runs no email worker (others do). */
  MAIL_WORKER: z.enum(["on", "off"]).default("on"),
  /** Sign-ups one client address may make in an hour (lib/domain/account-requests.ts). */
  SIGN_UP_LIMIT_PER_ADDRESS: z.coerce
    .number({ error: "SIGN_UP_LIMIT_PER_ADDRESS must be a whole number of sign-ups an hour." })
    .int("SIGN_UP_LIMIT_PER_ADDRESS must be a whole number of sign-ups an hour.")
    .min(1, "SIGN_UP_LIMIT_PER_ADDRESS must be at least 1.")
    .max(1_000_000)
    .default(DEFAULT_SIGN_UPS_PER_ADDRESS_PER_HOUR),
  /** Single sign-on (OpenID Connect): the provider's issuer URL; with the client id and secret it adds the button. */
  OIDC_ISSUER: optional(z.url({ error: "OIDC_ISSUER must be the identity provider's issuer URL, e.g. https://login.example.edu." })),
  OIDC_CLIENT_ID: optional(z.string().trim().min(1)),
  OIDC_CLIENT_SECRET: optional(z.string().min(1)),
  /** Email domains single sign-on accepts, comma-separated ("example.edu, alumni.example.edu"); unset: any. */
  OIDC_ALLOWED_EMAIL_DOMAINS: optional(z.string()),
  /** The name on the sign-in button ("Sign in with …"). */
  OIDC_DISPLAY_NAME: z.string().trim().min(1).max(60).default("single sign-on"),
  /** Encrypts Scholia's LTI private keys at rest (AES-256-GCM); unset: derived from NEXTAUTH_SECRET. */
  LTI_KEY_ENCRYPTION_KEY: optional(
    z.string().min(32, "LTI_KEY_ENCRYPTION_KEY must be at least 32 characters (e.g. openssl rand -base64 32)."),
  ),
  /** The encryption secret before the current one: keys sealed under it open and are sealed again under the current one. */
  LTI_KEY_ENCRYPTION_KEY_PREVIOUS: optional(z.string().min(1)),
  /** How long a rotated LTI key is published before it signs (seconds): LMSs cache key sets. */
  LTI_KEY_PUBLISH_LEAD_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 3600)
    .default(3600),
  /** How often this instance sends pending LMS grades and looks for changed grades (seconds; 0: never). */
  LTI_SYNC_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .default(60),
  /** Opens the operator's pages (/operator: outbox, dead mail) to whoever gives this key. */
  OPERATOR_KEY: optional(z.string().min(16, "OPERATOR_KEY must be at least 16 characters.")),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

export function getServerEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = serverEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid server environment:\n  ${problems.join("\n  ")}`);
  }
  cached = parsed.data;
  return cached;
}
