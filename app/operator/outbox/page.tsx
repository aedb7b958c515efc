import "@/app/notifications/notifications.css";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { listOutboxMessages } from "@/lib/server/operator/list-outbox-messages";
import { isOperatorConfigured, isOperatorRequest } from "@/lib/server/operator/operator-access";

export const metadata: Metadata = { title: "Outbox", robots: { index: false } };

/** The local outbox: every email this instance "sent" with DEV_OUTBOX=1, newest first. */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!isOperatorConfigured()) notFound();
  if (!(await isOperatorRequest())) redirect("/operator");
  const { page: pageParam } = await searchParams;
  const page = Math.min(Math.max(Number.parseInt(typeof pageParam === "string" ? pageParam : "1", 10) || 1, 1), 10_000);
  const { items, total, hasNextPage } = await listOutboxMessages({ page });
  return (
    <>
      <h1>Outbox</h1>
      <p>
        With <code>DEV_OUTBOX=1</code> (what <code>npm start</code> sets when no SMTP server is configured) emails are kept here instead of
        being sent. {total === 1 ? "1 email." : `${total} emails.`} <Link href="/operator">Mail status</Link>
      </p>
      {items.length === 0 ? (
        <p className="empty-state">Nothing yet. Try “Forgot your password?” on the sign-in page, or reply to someone’s post.</p>
      ) : (
        <ol className="notification-list" aria-label="Emails, newest first">
          {items.map((message) => (
            <li key={message.id} className="notification">
              <p>
                <Link href={`/operator/outbox/${message.id}`}>{message.subject}</Link>
                <span className="meta">
                  {" "}
                  to {message.toAddress} ·{" "}
                  <time dateTime={message.createdAt.toISOString()}>
                    {message.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
                  </time>
                </span>
              </p>
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Pages" className="button-row">
        {page > 1 ? <Link href={`/operator/outbox?page=${page - 1}`}>Newer</Link> : null}
        {hasNextPage ? <Link href={`/operator/outbox?page=${page + 1}`}>Older</Link> : null}
      </nav>
    </>
  );
}
