export default function Loading() {
  return (
    <p role="status" className="empty-state">
      Loading your API tokens…
    </p>
  );
}
