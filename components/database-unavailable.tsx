/** Shown in place of a page while the database is away; the page retries by itself. */
export function DatabaseUnavailable() {
  return (
    <section className="error-page" aria-labelledby="unavailable-heading">
      {/* Retries without JavaScript too; React hoists this into the document head. */}
      <meta httpEquiv="refresh" content="10" />
      <h1 id="unavailable-heading">Scholia is temporarily unavailable</h1>
      <p>
        We cannot reach the database right now — it is probably restarting. Nothing you already saved is lost. This page retries by itself
        in a few seconds; you can also reload it.
      </p>
    </section>
  );
}
