"use client";

import { useRouter } from "next/navigation";
import { useEffect, useTransition } from "react";
import { UNAVAILABLE_TITLE } from "@/lib/domain/unavailable-title";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [isRetrying, startRetry] = useTransition();
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <section className="error-page" aria-labelledby="error-heading" role="alert">
      {/* The page's own title may never have been rendered: React hoists this one into <head>. It is
          the notice's: while the database is away the metadata's title is that one too
          (app/layout.tsx), and of two different titles the one mounted last would win. */}
      <title>{UNAVAILABLE_TITLE}</title>
      <h1 id="error-heading">This page is temporarily unavailable</h1>
      <p>
        It could not be shown right now — usually because the database is restarting, which takes a few seconds. Nothing you already saved
        is lost. Retry in a moment.
        {error.digest ? ` (Reference: ${error.digest})` : null}
      </p>
      <button
        type="button"
        className="button"
        disabled={isRetrying}
        // Fetch the page from the server again (reset alone would re-render the same failed result).
        onClick={() =>
          startRetry(() => {
            router.refresh();
            reset();
          })
        }
      >
        {isRetrying ? "Retrying…" : "Retry"}
      </button>
    </section>
  );
}
