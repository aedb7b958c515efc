import { z } from "zod";
import { requiredTextSchema } from "./saveable-text.ts";

// What an account needs. bcrypt reads only the first 72 bytes of a password, so longer ones
// are refused rather than silently truncated.
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_BYTES = 72;

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.org." }))
  .transform((email) => email.toLowerCase());

export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .refine((password) => new TextEncoder().encode(password).length <= PASSWORD_MAX_BYTES, {
    message: `Use at most ${PASSWORD_MAX_BYTES} characters (fewer with accents or emoji).`,
  })
  .refine((password) => password.trim().length > 0, { message: "A password cannot be only spaces." });

export const displayNameSchema = requiredTextSchema({ missing: "Enter your name.", max: 100 });

export const signUpSchema = z.object({
  name: displayNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  // Any stored password was valid when set; at sign-in only presence and size are checked.
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1024, "That password is too long."),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const forgotPasswordSchema = z.object({ email: emailSchema });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

/** A link's secret as it arrives from a form: its shape is checked by the service (a wrong one names nothing). */
export const accountLinkTokenSchema = z
  .string({ error: "This link is incomplete." })
  .min(1, "This link is incomplete.")
  .max(200, "This link is not valid.");

export const resetPasswordSchema = z.object({ token: accountLinkTokenSchema, password: passwordSchema });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

/** The current password, asked before an account change: presence and size only (as at sign-in). */
export const currentPasswordSchema = z
  .string({ error: "Enter your current password." })
  .min(1, "Enter your current password.")
  .max(1024, "That password is too long.");

export const changeDisplayNameSchema = z.object({ name: displayNameSchema });
export type ChangeDisplayNameInput = z.infer<typeof changeDisplayNameSchema>;

export const changeEmailSchema = z.object({ email: emailSchema, currentPassword: currentPasswordSchema });
export type ChangeEmailInput = z.infer<typeof changeEmailSchema>;

export const changePasswordSchema = z.object({ currentPassword: currentPasswordSchema, newPassword: passwordSchema });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** Typed to confirm deleting an account, besides the password. */
export const DELETE_ACCOUNT_PHRASE = "delete my account";

export const deleteAccountSchema = z.object({
  currentPassword: currentPasswordSchema,
  confirmation: z
    .string({ error: `Type “${DELETE_ACCOUNT_PHRASE}” to confirm.` })
    .trim()
    .refine((value) => value.toLowerCase() === DELETE_ACCOUNT_PHRASE, `Type “${DELETE_ACCOUNT_PHRASE}” to confirm.`),
});
export type DeleteAccountInput = z.infer<typeof deleteAccountSchema>;
