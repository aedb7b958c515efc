import "./outbox.css";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { CodeDetailRows } from "@/components/code-detail-rows";
import { findOutboxMessage } from "@/lib/server/operator/list-outbox-messages";
import { isOperatorConfigured, isOperatorRequest } from "@/lib/server/operator/operator-access";
import { isId } from "@/lib/domain/ids";

export const metadata: Metadata = { title: "Outbox message", robots: { index: false } };

/**
 * One email of the outbox: its headers, its text part, and its HTML part in a sandboxed frame
 * (no scripts, no same-origin access), so its links can be followed as a recipient would.
 */
export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  if (!isOperatorConfigured()) notFound();
  if (!(await isOperatorRequest())) redirect("/operator");
  const { id } = await params;
  if (!isId(id)) notFound();
  const message = await findOutboxMessage({ id });
  if (!message) notFound();
  const headers = Object.entries((message.headers ?? {}) as Record<string, string>);
  return (
    <>
      <p>
        <Link href="/operator/outbox">← Outbox</Link>
      </p>
      <h1>{message.subject}</h1>
      <dl className="details">
        <dt>From</dt>
        <dd>{message.fromAddress}</dd>
        <dt>To</dt>
        <dd>{message.toAddress}</dd>
        <dt>Date</dt>
        <dd>
          <time dateTime={message.createdAt.toISOString()}>{message.createdAt.toUTCString()}</time>
        </dd>
        <CodeDetailRows rows={headers} />
      </dl>
      <h2>HTML part</h2>
      <iframe
        title="The email as HTML"
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        srcDoc={message.html}
        className="outbox-frame"
      />
      <h2>Text part</h2>
      <pre className="outbox-text">{message.text}</pre>
    </>
  );
}
