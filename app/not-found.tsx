import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <section className="error-page" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Page not found</h1>
      <p>Nothing lives at this address.</p>
      <p>
        <Link href="/">Go to the readings</Link>
      </p>
    </section>
  );
}
