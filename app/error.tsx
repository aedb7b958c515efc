"use client";

import { useEffect } from "react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <section className="error-page" aria-labelledby="error-heading" role="alert">
      <h1 id="error-heading">Something went wrong</h1>
      <p>
        This page could not be shown right now. If the database is restarting, trying again in a moment usually works.
        {error.digest ? ` (Reference: ${error.digest})` : null}
      </p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
