import type { Metadata } from "next";
import { z } from "zod";
import { RecordOptions } from "@/components/record-options";
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
            <RecordOptions none="Choose a reading…" items={picker.readings} labelOf={(reading) => reading.title} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="deep-link-assignment">Assignment (optional)</label>
          <select id="deep-link-assignment" name="assignmentId" defaultValue="" aria-describedby="deep-link-assignment-help">
            <RecordOptions none="No assignment: just the reading" items={picker.assignments} labelOf={(assignment) => assignment.title} />
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
