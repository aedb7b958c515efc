import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { Field } from "@/components/field";
import { PASSWORD_MIN_LENGTH } from "@/lib/domain/account-rules";
import { findUsableAccountLink } from "@/lib/server/accounts/find-usable-account-link";
import { RESET_LINK_UNUSABLE_MESSAGE } from "@/lib/server/accounts/reset-password";
import { resetPasswordAction } from "./actions";

// The link's secret is in this page's address: no other site may see it in a Referer.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const link = typeof token === "string" ? await findUsableAccountLink({ token, kinds: ["PASSWORD_RESET"] }) : null;
  return (
    <section className="narrow" aria-labelledby="reset-heading">
      <h1 id="reset-heading">Choose a new password</h1>
      {link && typeof token === "string" ? (
        <>
          <p>
            For the account <strong>{link.email}</strong>. Saving it signs this account out everywhere.
          </p>
          <ActionForm action={resetPasswordAction} submitLabel="Save the new password" className="form">
            <input type="hidden" name="token" value={token} />
            <Field
              label="New password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
            />
          </ActionForm>
        </>
      ) : (
        <>
          <p role="alert" className="form-error">
            {RESET_LINK_UNUSABLE_MESSAGE}
          </p>
          <p>
            <Link href="/forgot-password">Ask for a new link</Link>
          </p>
        </>
      )}
    </section>
  );
}
