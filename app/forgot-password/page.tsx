import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { Field } from "@/components/field";
import { requestPasswordResetAction } from "./actions";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <section className="narrow" aria-labelledby="forgot-heading">
      <h1 id="forgot-heading">Forgot your password?</h1>
      <p>Enter the email address of your account. We will send you a link to choose a new password.</p>
      <ActionForm action={requestPasswordResetAction} submitLabel="Send me a link" pendingLabel="Sending…" className="form">
        <Field label="Email" name="email" type="email" autoComplete="email" required maxLength={254} />
      </ActionForm>
      <p>
        Remembered it? <Link href="/sign-in">Sign in</Link>
      </p>
    </section>
  );
}
