import type { RenderedMail } from "../../domain/mail/mail-markup.ts";

/** What composing one job's email came to: a message for one address, or why there is none. */
export type ComposedMail =
  ({ kind: "send"; to: string; headers: Record<string, string> } & RenderedMail) | { kind: "skip"; reason: string };
