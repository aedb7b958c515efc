import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { getActor } from "@/lib/server/auth/get-actor";
import { CONFIRM_LINK_UNUSABLE_MESSAGE } from "@/lib/server/accounts/confirm-email";
import { findUsableAccountLink } from "@/lib/server/accounts/find-usable-account-link";
import { confirmEmailAction } from "./actions";

// The link's secret is in this page's address: no other site may see it in a Referer.
export const metadata: Metadata = { title: "Confirm your email address", referrer: "no-referrer" };

/**
 * Opening the link shows a button; the address is confirmed when it is pressed (a POST), so a
 * mail scanner that opens links does not use it up.
 */
export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token, done } = await searchParams;
  if (done === "verified" || done === "changed") {
    const actor = await getActor();
    return (
      <section className="narrow" aria-labelledby="confirm-heading">
        <h1 id="confirm-heading">{done === "verified" ? "Your address is confirmed" : "Your email address is changed"}</h1>
        <p role="status">
          {done === "verified"
            ? "Thank you: Scholia now knows this address is yours."
            : "Scholia now uses the new address for your account."}
        </p>
        <p>{actor ? <Link href="/settings/account">Back to your account</Link> : <Link href="/sign-in">Sign in</Link>}</p>
      </section>
    );
  }
  const link = typeof token === "string" ? await findUsableAccountLink({ token, kinds: ["EMAIL_VERIFICATION", "EMAIL_CHANGE"] }) : null;
  return (
    <section className="narrow" aria-labelledby="confirm-heading">
      <h1 id="confirm-heading">{link?.kind === "EMAIL_CHANGE" ? "Use your new email address" : "Confirm your email address"}</h1>
      {link && typeof token === "string" ? (
        <>
          <p>
            {link.kind === "EMAIL_CHANGE" ? "Make " : "Confirm that "}
            <strong>{link.email}</strong>
            {link.kind === "EMAIL_CHANGE" ? " the address of your Scholia account." : " is your address."}
          </p>
          <ActionForm
            action={confirmEmailAction}
            submitLabel={link.kind === "EMAIL_CHANGE" ? "Use this address" : "Confirm my address"}
            className="form"
          >
            <input type="hidden" name="token" value={token} />
          </ActionForm>
        </>
      ) : (
        <p role="alert" className="form-error">
          {CONFIRM_LINK_UNUSABLE_MESSAGE} Signed in, you can have a new one sent from <Link href="/settings/account">your account</Link>.
        </p>
      )}
    </section>
  );
}
