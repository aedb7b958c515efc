import { ActionForm } from "@/components/action-form";
import type { CourseView } from "@/lib/server/courses/load-course-for-actor";
import { publicOrigin } from "@/lib/server/public-origin";
import { regenerateJoinCodeAction, setJoinEnabledAction } from "../actions";

/** Staff: the join code and link (at the configured public origin, never the request's host). */
export function JoinCodePanel({ course, staff }: { course: CourseView; staff: NonNullable<CourseView["staff"]> }) {
  const joinLink = staff.joinCode ? `${publicOrigin()}/join/${staff.joinCode}` : null;
  return (
    <section className="panel" aria-labelledby="join-code-heading">
      <h2 id="join-code-heading">Join code</h2>
      {staff.joinCode && staff.joinEnabled ? (
        <>
          <p>
            Students join with the code{" "}
            <span className="join-code" data-testid="join-code">
              {staff.joinCode}
            </span>
          </p>
          <p>
            or the link <a href={joinLink ?? undefined}>{joinLink}</a>
          </p>
        </>
      ) : (
        <p className="empty-state">Joining is closed: the code and link do not work until you open them again.</p>
      )}
      {course.can.canManageJoinCode ? (
        <div className="button-row">
          <ActionForm
            action={regenerateJoinCodeAction}
            submitLabel="Issue a new code"
            submitClassName="button button-secondary"
            confirmMessage="Issue a new join code? The current code and link stop working."
          >
            <input type="hidden" name="courseId" value={course.id} />
          </ActionForm>
          <ActionForm
            action={setJoinEnabledAction}
            submitLabel={staff.joinEnabled ? "Close joining" : "Open joining"}
            submitClassName="button button-secondary"
          >
            <input type="hidden" name="courseId" value={course.id} />
            <input type="hidden" name="enabled" value={staff.joinEnabled ? "false" : "true"} />
          </ActionForm>
        </div>
      ) : null}
    </section>
  );
}
