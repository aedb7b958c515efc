import Link from "next/link";

export default function ReadingNotFound() {
  return (
    <section className="error-page" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Reading not found</h1>
      <p>There is no reading at this address. It may have been removed, or the link may be mistyped.</p>
      <p>
        <Link href="/">Back to all readings</Link>
      </p>
    </section>
  );
}
