export default function SearchLoading() {
  return (
    <p className="loading-line" role="status">
      Searching…
    </p>
  );
}
