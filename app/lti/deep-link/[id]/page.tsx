import type { Metadata } from "next";
import { z } from "zod";
import { idSchema } from "@/lib/domain/ids";
import { requireActor } from "@/lib/server/auth/get-actor";
import { loadDeepLinkPicker } from "@/lib/server/lti/load-deep-link-picker";
import { orNotFound, parsePageParams } from "@/lib/server/pages";

export const metadata: Metadata = { title: "Add a Scholia reading to the LMS", robots: { index: false } };

const paramsSchema = z.object({ id: idSchema() });

/** Deep linking: the instructor picks what the LMS link opens; the answer goes back to the LMS. */
export default async function DeepLinkPickerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = parsePageParams(paramsSchema, await params);
  const actor = await requireActor(`/lti/deep-link/${id}`);
  const picker = await orNotFound(loadDeepLinkPicker({ actorId: actor.id, requestId: id }));
  return (
    <>
      <h1>Add a Scholia reading to {picker.lmsName}</h1>
      <p>
        For <strong>{picker.courseTitle}</strong>. The link you add opens the reading in this course; an assignment&apos;s link also names
        its gradebook column.
      </p>
      <form method="post" action={`/lti/deep-link/${picker.requestId}/respond`} className="panel stack">
        <div className="field">
          <label htmlFor="deep-link-reading">Reading</label>
          <select id="deep-link-reading" name="readingId" defaultValue="">
            <option value="">Choose a reading…</option>
            {picker.readings.map((reading) => (
              <option key={reading.id} value={reading.id}>
                {reading.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="deep-link-assignment">Assignment (optional)</label>
          <select id="deep-link-assignment" name="assignmentId" defaultValue="" aria-describedby="deep-link-assignment-help">
            <option value="">No assignment: just the reading</option>
            {picker.assignments.map((assignment) => (
              <option key={assignment.id} value={assignment.id}>
                {assignment.title}
              </option>
            ))}
          </select>
          <p id="deep-link-assignment-help" className="meta">
            Choosing an assignment links its reading and sends its grades to the LMS column the link creates.
          </p>
        </div>
        <p>
          <button type="submit" className="button">
            Add to the LMS
          </button>
        </p>
      </form>
    </>
  );
}
