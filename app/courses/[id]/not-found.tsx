import Link from "next/link";

export default function CourseNotFound() {
  return (
    <section className="error-page" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Course not found</h1>
      <p>There is no course here that you are a member of. If you were given a join code, use it on your courses page.</p>
      <p>
        <Link href="/courses">Go to my courses</Link>
      </p>
    </section>
  );
}
