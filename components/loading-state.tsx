/** What a page shows while its data loads (route segments' loading.tsx). */
export function LoadingState({ what }: { what: string }) {
  return (
    <section aria-busy="true" aria-live="polite">
      <p className="meta">Loading {what}…</p>
      <div className="loading-line" />
      <div className="loading-line" />
    </section>
  );
}
