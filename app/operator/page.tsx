import "./operator.css";
import { DataTable } from "@/components/data-table";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { getMailTransportSetting } from "@/lib/server/mail/mail-settings";
import { loadMailOverview, type MailDeliveryRow } from "@/lib/server/operator/load-mail-overview";
import { isOperatorConfigured, isOperatorRequest } from "@/lib/server/operator/operator-access";
import { retryMailAction } from "./actions";

export const metadata: Metadata = { title: "Operator", robots: { index: false } };

const TRANSPORT = {
  smtp: "SMTP (SMTP_URL)",
  outbox: "the local outbox (DEV_OUTBOX=1): nothing leaves this machine",
  none: "nowhere: no SMTP_URL is set, so emails wait in the queue",
} as const;

export default async function OperatorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!isOperatorConfigured()) notFound();
  if (!(await isOperatorRequest())) {
    const { error, next } = await searchParams;
    return (
      <section className="narrow" aria-labelledby="operator-heading">
        <h1 id="operator-heading">Operator</h1>
        <p>These pages are for whoever runs this Scholia instance. Enter the operator key (OPERATOR_KEY; `npm start` prints it).</p>
        <form className="form" action="/operator/enter" method="get">
          {next === "lti" || next === "outbox" ? <input type="hidden" name="next" value={next} /> : null}
          <div className="field">
            <label htmlFor="field-key">Operator key</label>
            <input
              id="field-key"
              name="key"
              type="password"
              autoComplete="off"
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "field-key-error" : undefined}
            />
            {error ? (
              <p className="field-error" id="field-key-error">
                That is not the operator key.
              </p>
            ) : null}
          </div>
          <button type="submit" className="button">
            Open
          </button>
        </form>
      </section>
    );
  }
  const overview = await loadMailOverview();
  const transport = getMailTransportSetting().kind;
  return (
    <>
      <h1>Operator: email</h1>
      <p>
        <Link href="/operator/lti">LMS connections (LTI 1.3)</Link>
      </p>
      <p>
        This instance sends email to {TRANSPORT[transport]}.
        {transport === "outbox" ? (
          <>
            {" "}
            <Link href="/operator/outbox">Open the outbox</Link>.
          </>
        ) : null}
      </p>
      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading">Emails</h2>
        <ul className="inline-list">
          <li>Waiting or being retried: {overview.counts.PENDING}</li>
          <li>Sent: {overview.counts.SENT}</li>
          <li>Not needed when their turn came: {overview.counts.SKIPPED}</li>
          <li>Dead (retries used up): {overview.counts.FAILED}</li>
        </ul>
      </section>
      <section aria-labelledby="failed-heading">
        <h2 id="failed-heading">Dead emails</h2>
        {overview.failed.length === 0 ? (
          <p className="empty-state">No dead emails.</p>
        ) : (
          <>
            <ActionForm action={retryMailAction} submitLabel="Retry all dead emails" pendingLabel="Queueing…">
              <input type="hidden" name="id" value="all" />
            </ActionForm>
            <DeliveryTable rows={overview.failed} caption="Dead emails, most recent first" withRetry />
          </>
        )}
      </section>
      <section aria-labelledby="stuck-heading">
        <h2 id="stuck-heading">Waiting for more than ten minutes</h2>
        {overview.stuck.length === 0 ? (
          <p className="empty-state">Nothing is waiting long.</p>
        ) : (
          <DeliveryTable rows={overview.stuck} caption="Emails waiting for more than ten minutes, oldest first" />
        )}
      </section>
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">Job queue</h2>
        {overview.queue.length === 0 ? (
          <p className="empty-state">The mail queues are empty.</p>
        ) : (
          <DataTable caption="Jobs per queue and state" columns={["Queue", "State", "Jobs"]}>
            {overview.queue.map((row) => (
              <tr key={`${row.queue}-${row.state}`}>
                <td>{row.queue}</td>
                <td>{row.state}</td>
                <td>{row.count}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}

function DeliveryTable({ rows, caption, withRetry = false }: { rows: MailDeliveryRow[]; caption: string; withRetry?: boolean }) {
  return (
    <DataTable caption={caption} columns={["Email", "To", "Attempts", "Last error", "Queued"]} actionsColumn={withRetry}>
      {rows.map((row) => (
        <tr key={row.id}>
          <th scope="row">
            <code>{row.key}</code>
          </th>
          <td>{row.recipientEmail ?? "(account deleted)"}</td>
          <td>{row.attempts}</td>
          <td>{row.lastError ?? "—"}</td>
          <td>
            <time dateTime={row.createdAt.toISOString()}>{row.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC</time>
          </td>
          {withRetry ? (
            <td>
              <ActionForm action={retryMailAction} submitLabel="Retry" pendingLabel="Queueing…" submitAriaLabel={`Retry ${row.key}`}>
                <input type="hidden" name="id" value={row.id} />
              </ActionForm>
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
