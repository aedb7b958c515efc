import { DataTable } from "@/components/data-table";
import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { TimeDisplay } from "@/components/time-display";
import { requireActor } from "@/lib/server/auth/get-actor";
import { listMySessions } from "@/lib/server/sessions/list-my-sessions";
import { endAllSessionsAction, endOtherSessionsAction, endSessionAction } from "./actions";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage() {
  const actor = await requireActor("/settings/sessions");
  const sessions = await listMySessions({ actorId: actor.id, currentSessionId: actor.sessionId });
  const others = sessions.filter((session) => !session.isCurrent).length;
  return (
    <>
      <h1>Sessions</h1>
      <p>
        The browsers signed in to your account. Ending a session signs that browser out at once, even a copy of its cookie; its open pages
        stop receiving live updates.
      </p>
      <DataTable caption="Your sessions" columns={["Browser", "Signed in", "Last active"]} actionsColumn>
        {sessions.map((session) => (
          <tr key={session.id}>
            <th scope="row">
              {session.userAgent || "Unknown browser"}
              {session.isCurrent ? <span className="badge"> This browser</span> : null}
            </th>
            <td>
              <TimeDisplay iso={session.createdAt} />
            </td>
            <td>
              <TimeDisplay iso={session.lastSeenAt} />
            </td>
            <td>
              <ActionForm
                action={endSessionAction}
                submitLabel={session.isCurrent ? "Sign out" : "End session"}
                pendingLabel="Ending…"
                submitClassName="button button-secondary"
                submitAriaLabel={
                  session.isCurrent ? "Sign out of this browser" : `End the session in ${session.userAgent || "an unknown browser"}`
                }
              >
                <input type="hidden" name="id" value={session.id} />
              </ActionForm>
            </td>
          </tr>
        ))}
      </DataTable>
      <section aria-labelledby="everywhere-heading">
        <h2 id="everywhere-heading">Sign out everywhere</h2>
        {others > 0 ? (
          <ActionForm action={endOtherSessionsAction} submitLabel="Sign out everywhere else" pendingLabel="Signing out…" />
        ) : (
          <p>No other browser is signed in.</p>
        )}
        <ActionForm
          action={endAllSessionsAction}
          submitLabel="Sign out everywhere"
          pendingLabel="Signing out…"
          submitClassName="button button-danger"
          confirmMessage="Sign out of every browser, this one included?"
        />
      </section>
    </>
  );
}
