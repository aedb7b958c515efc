import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { Field } from "@/components/field";
import { DELETE_ACCOUNT_PHRASE, PASSWORD_MIN_LENGTH } from "@/lib/domain/account-rules";
import { loadAccount } from "@/lib/server/accounts/load-account";
import { requireActor } from "@/lib/server/auth/get-actor";
import { changeDisplayNameAction, changeEmailAction, changePasswordAction, deleteAccountAction, resendConfirmationAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await requireActor("/settings/account");
  const account = await loadAccount({ actorId: actor.id });
  return (
    <>
      <h1>Account</h1>

      <section aria-labelledby="name-heading">
        <h2 id="name-heading">Name</h2>
        <ActionForm action={changeDisplayNameAction} submitLabel="Save name" className="form">
          <Field
            label="Display name"
            name="name"
            id="account-name"
            autoComplete="name"
            required
            maxLength={100}
            defaultValue={account.name}
            hint="Shown on your posts, in course rosters and in emails."
          />
        </ActionForm>
      </section>

      <section aria-labelledby="email-heading">
        <h2 id="email-heading">Email address</h2>
        <p>
          <strong>{account.email}</strong> — {account.isEmailConfirmed ? "confirmed." : "not confirmed yet."}
        </p>
        {account.isEmailConfirmed ? null : (
          <ActionForm action={resendConfirmationAction} submitLabel="Send the confirmation again" pendingLabel="Sending…" />
        )}
        <ActionForm action={changeEmailAction} submitLabel="Change email address" pendingLabel="Sending…" className="form">
          <Field
            label="New email address"
            name="email"
            id="account-new-email"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            hint="We send a link to the new address; your address changes when you follow it."
          />
          <Field
            label="Current password"
            labelDetail="(to change your email address)"
            name="currentPassword"
            id="account-email-password"
            type="password"
            autoComplete="current-password"
            required
          />
        </ActionForm>
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        <ActionForm action={changePasswordAction} submitLabel="Change password" className="form" resetOnSuccess>
          <Field
            label="Current password"
            labelDetail="(to change your password)"
            name="currentPassword"
            id="account-password-current"
            type="password"
            autoComplete="current-password"
            required
          />
          <Field
            label="New password"
            name="newPassword"
            id="account-password-new"
            type="password"
            autoComplete="new-password"
            required
            hint={`At least ${PASSWORD_MIN_LENGTH} characters. Your other sessions are signed out; this one stays.`}
          />
        </ActionForm>
      </section>

      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete your account</h2>
        <p>
          Your posts that others can read stay in their discussions, shown as by “Deleted user”; your private notes, notifications and
          settings are deleted, you leave every course, and every session and API token stops working. This cannot be undone.
        </p>
        <ActionForm
          action={deleteAccountAction}
          submitLabel="Delete my account"
          pendingLabel="Deleting…"
          submitClassName="button button-danger"
          className="form"
          confirmMessage="Delete your account for good?"
        >
          <Field
            label="Current password"
            labelDetail="(to delete your account)"
            name="currentPassword"
            id="account-delete-password"
            type="password"
            autoComplete="current-password"
            required
          />
          <Field
            label={`Type “${DELETE_ACCOUNT_PHRASE}” to confirm`}
            name="confirmation"
            id="account-delete-confirmation"
            autoComplete="off"
            required
          />
        </ActionForm>
      </section>
    </>
  );
}
