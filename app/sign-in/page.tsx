import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { describeSignInError } from "@/lib/domain/sign-in-messages";
import { getActor } from "@/lib/server/auth/get-actor";
import { findSingleSignOn } from "@/lib/server/auth/oidc-provider";
import { safeReturnPath } from "@/lib/server/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

/** What the pages that end a session say when they land here. */
const NOTICES = {
  "password-reset": "Your password is changed, and your account is signed out everywhere. Sign in with the new password.",
  "signed-out-everywhere": "You are signed out of every browser.",
  "account-deleted": "Your account is deleted.",
} as const;

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl, error, notice } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (await getActor()) redirect(returnTo);
  return (
    <section className="narrow" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Sign in</h1>
      <noscript>
        <p className="notice">Signing in needs JavaScript. Reading works without it.</p>
      </noscript>
      {typeof notice === "string" && Object.hasOwn(NOTICES, notice) ? (
        <p role="status" className="notice">
          {NOTICES[notice as keyof typeof NOTICES]}
        </p>
      ) : null}
      <SignInForm
        callbackUrl={returnTo}
        initialError={describeSignInError(typeof error === "string" ? error : null)}
        singleSignOn={findSingleSignOn()}
      />
    </section>
  );
}
