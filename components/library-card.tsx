import "@/app/library.css";
import Link from "next/link";

/**
 * One entry of a list of places to go (a reading of the library, one of my courses): a link with
 * its title and a line of facts, the empty ones left out.
 */
export function LibraryCard({ href, title, facts }: { href: string; title: string; facts: readonly (string | null)[] }) {
  return (
    <Link className="library-card" href={href}>
      <span className="title">{title}</span>
      <span className="meta">{facts.filter(Boolean).join(" · ")}</span>
    </Link>
  );
}
