import Link from "next/link";

/**
 * The 404 of the assignment tool pages. One answer for every reason (not a member, not staff,
 * not assigned, no such assignment), so it reveals nothing about the course or its people.
 */
export function AssignmentNotFound() {
  return (
    <section className="error-page" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Page not found</h1>
      <p>There is no page here that you can open. It may be meant for someone else in the course, or the assignment may no longer exist.</p>
      <p>
        <Link href="/courses">Go to my courses</Link>
      </p>
    </section>
  );
}
