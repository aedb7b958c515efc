import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { requireActor } from "@/lib/server/auth/get-actor";
import { previewJoin } from "@/lib/server/courses/preview-join";
import { joinCourseAction } from "../../courses/actions";

export const metadata: Metadata = { title: "Join a course" };

/** The join link: confirms before joining (a GET never changes anything). */
export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  // Next hands params over already decoded.
  const decoded = code.slice(0, 64);
  const actor = await requireActor(`/join/${encodeURIComponent(decoded)}`);
  const preview = await previewJoin({ actorId: actor.id, code: decoded });
  if (!preview) {
    return (
      <section className="error-page" aria-labelledby="join-heading">
        <h1 id="join-heading">This join link does not work</h1>
        <p>The code may have been changed or joining may be closed. Ask your instructor for the current code or link.</p>
        <p>
          <Link href="/courses">Go to my courses</Link>
        </p>
      </section>
    );
  }
  const { course, isMember } = preview;
  return (
    <section className="narrow" aria-labelledby="join-heading">
      <h1 id="join-heading">Join {course.title}</h1>
      {course.term ? <p className="meta">{course.term}</p> : null}
      {isMember ? (
        <p>
          You are already in this course. <Link href={`/courses/${course.id}`}>Open it</Link>
        </p>
      ) : (
        <ActionForm action={joinCourseAction} submitLabel={`Join as ${actor.name}`} pendingLabel="Joining…">
          <input type="hidden" name="code" value={decoded} />
        </ActionForm>
      )}
    </section>
  );
}
