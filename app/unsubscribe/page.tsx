import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { describeSubscription } from "@/lib/domain/mail/mail-preferences";
import { getMailSettings } from "@/lib/server/mail/mail-settings";
import { describeUnsubscribeToken } from "@/lib/server/mail/unsubscribe";
import { unsubscribeAction } from "./actions";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

/** Where an email's "Unsubscribe" link lands: it asks first, so a link scanner changes nothing. */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token.slice(0, 200) : "";
  const target = describeUnsubscribeToken({ secret: getMailSettings().secret, token: value });
  return (
    <section className="narrow" aria-labelledby="unsubscribe-heading">
      <h1 id="unsubscribe-heading">Unsubscribe</h1>
      {target ? (
        <>
          <p>Stop receiving {describeSubscription(target.subscription)} from Scholia? Your notifications in the app stay as they are.</p>
          <ActionForm action={unsubscribeAction} submitLabel="Unsubscribe" pendingLabel="Unsubscribing…">
            <input type="hidden" name="token" value={value} />
          </ActionForm>
        </>
      ) : (
        <p className="notice">This unsubscribe link is not valid. It may have been cut short when it was copied.</p>
      )}
      <p>
        You can choose what Scholia emails you, and how often, in your <Link href="/settings/notifications">email settings</Link> (sign-in
        needed).
      </p>
    </section>
  );
}
