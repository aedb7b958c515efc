"use client";

// Replaces the root layout when the layout itself fails (it reads the session from the database).
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <head>
        <title>Temporarily unavailable · Scholia</title>
      </head>
      <body>
        <main id="main">
          <section aria-labelledby="global-error-heading" role="alert">
            <h1 id="global-error-heading">Scholia is temporarily unavailable</h1>
            <p>
              The page could not be shown right now — usually because the database is restarting. Nothing you already saved is lost. Reload
              the page in a few seconds.
              {error.digest ? ` (Reference: ${error.digest})` : null}
            </p>
            <button type="button" onClick={() => window.location.reload()}>
              Reload
            </button>
          </section>
        </main>
      </body>
    </html>
  );
}
