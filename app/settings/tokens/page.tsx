import { DataTable } from "@/components/data-table";
import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { ApiTokenCreateForm } from "@/components/api-token-create-form";
import { MAX_API_TOKENS_PER_USER } from "@/lib/domain/api-token";
import { requireActor } from "@/lib/server/auth/get-actor";
import { listApiTokens } from "@/lib/server/tokens/list-api-tokens";
import { createTokenAction, revokeTokenAction } from "./actions";
import { TimeDisplay } from "@/components/time-display";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const actor = await requireActor("/settings/tokens");
  const tokens = await listApiTokens({ actorId: actor.id });
  return (
    <>
      <h1>API tokens</h1>
      <p>
        A personal API token lets a program use the Scholia API as you, with everything you can see and do: send it as{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>. Keep it secret, and revoke it when the program no longer needs it.
      </p>
      <section aria-labelledby="new-token-heading">
        <h2 id="new-token-heading">New token</h2>
        {tokens.length >= MAX_API_TOKENS_PER_USER ? (
          <p>You have {MAX_API_TOKENS_PER_USER} tokens, the most one person can have. Revoke one to create another.</p>
        ) : (
          <ApiTokenCreateForm action={createTokenAction} />
        )}
      </section>
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Your tokens</h2>
        {tokens.length === 0 ? (
          <p className="empty-state">You have no API tokens.</p>
        ) : (
          <DataTable caption="Your API tokens" columns={["Name", "Starts with", "Created", "Last used"]} actionsColumn>
            {tokens.map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>
                  <TimeDisplay iso={token.createdAt} />
                </td>
                <td>{token.lastUsedAt ? <TimeDisplay iso={token.lastUsedAt} /> : "Never"}</td>
                <td>
                  <ActionForm
                    action={revokeTokenAction}
                    submitLabel="Revoke"
                    pendingLabel="Revoking…"
                    submitClassName="button button-danger"
                    submitAriaLabel={`Revoke ${token.name}`}
                    confirmMessage={`Revoke the token “${token.name}”? Programs using it stop working at once.`}
                  >
                    <input type="hidden" name="id" value={token.id} />
                  </ActionForm>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
