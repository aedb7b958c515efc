export default function Loading() {
  return (
    <section aria-busy="true" aria-live="polite">
      <p className="meta">Loading the rubric…</p>
      <div className="loading-line" />
      <div className="loading-line" />
    </section>
  );
}
