import type { MailMessage } from "./mail-markup.ts";

// The emails accounts need. They carry no unsubscribe link: each answers something the person
// (or someone typing their address) just did, and none is sent again unless asked.

export type AccountMailInput =
  | { kind: "PASSWORD_RESET"; name: string; url: string; forgotUrl: string }
  | { kind: "EMAIL_VERIFICATION"; name: string; url: string }
  | { kind: "SIGN_UP_TAKEN"; name: string; signInUrl: string; forgotUrl: string }
  | { kind: "EMAIL_CHANGE"; name: string; url: string; newEmail: string };

const NOT_YOU = "If this was not you, you can ignore this email: nothing changes unless the link is used.";

export function accountMail(input: AccountMailInput): MailMessage {
  switch (input.kind) {
    case "PASSWORD_RESET":
      return {
        subject: "Reset your Scholia password",
        preview: "A link to choose a new password, valid for 30 minutes.",
        heading: "Choose a new password",
        blocks: [
          { type: "paragraph", text: `Hello ${input.name}, someone (we hope you) asked to reset the password of your Scholia account.` },
          { type: "button", link: { label: "Choose a new password", url: input.url } },
          {
            type: "paragraph",
            text: "The link works once, for 30 minutes. Choosing a new password signs your account out everywhere else.",
          },
          { type: "paragraph", text: NOT_YOU },
        ],
        footer: {
          reason: "You get this email because a password reset was asked for your address on Scholia.",
          links: [{ label: "Ask for a new link", url: input.forgotUrl }],
        },
      };
    case "EMAIL_VERIFICATION":
      return {
        subject: "Confirm your email address for Scholia",
        preview: "One click confirms that this address is yours.",
        heading: "Confirm your email address",
        blocks: [
          { type: "paragraph", text: `Hello ${input.name}, welcome to Scholia. Please confirm that this address is yours.` },
          { type: "button", link: { label: "Confirm my address", url: input.url } },
          { type: "paragraph", text: "The link works for 7 days. If you did not create an account on Scholia, ignore this email." },
        ],
        footer: { reason: "You get this email because an account on Scholia was created with your address.", links: [] },
      };
    case "SIGN_UP_TAKEN":
      return {
        subject: "Someone tried to create a Scholia account with your address",
        preview: "You already have an account: sign in, or reset your password.",
        heading: "You already have an account",
        blocks: [
          {
            type: "paragraph",
            text: `Hello ${input.name}, someone tried to create a new Scholia account with this address. An address can have one account only, and this one is yours, so nothing was created.`,
          },
          { type: "paragraph", text: "If it was you, sign in with your password, or choose a new one if you forgot it." },
          { type: "button", link: { label: "Sign in", url: input.signInUrl } },
          { type: "paragraph", text: "If it was not you, you can ignore this email: your account did not change." },
        ],
        footer: {
          reason: "You get this email because someone signed up on Scholia with your address.",
          links: [{ label: "Forgot your password?", url: input.forgotUrl }],
        },
      };
    case "EMAIL_CHANGE":
      return {
        subject: "Confirm your new email address for Scholia",
        preview: "One click makes this your Scholia address.",
        heading: "Confirm your new address",
        blocks: [
          {
            type: "paragraph",
            text: `Hello ${input.name}, you asked to change the email address of your Scholia account to ${input.newEmail}.`,
          },
          { type: "button", link: { label: "Use this address", url: input.url } },
          { type: "paragraph", text: `The link works once, for 24 hours. Until it is used your account keeps its old address. ${NOT_YOU}` },
        ],
        footer: { reason: "You get this email because this address was entered as the new address of a Scholia account.", links: [] },
      };
  }
}
