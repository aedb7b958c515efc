import type { Metadata } from "next";
import Link from "next/link";
import { ReadingTextForm } from "@/components/reading-text-form";
import { canCreateReading } from "@/lib/domain/reading-access";
import { ACCEPTED_READING_FILE_TYPES, MAX_READING_BYTES, MAX_READING_SIZE_LABEL } from "@/lib/domain/reading-input";
import { initialReadingFormState } from "@/lib/reading-form-state";
import { requireActor } from "@/lib/server/auth/get-actor";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";
import { submitNewReadingAction } from "./actions";

export const metadata: Metadata = { title: "Add a reading" };

export default async function NewReadingPage() {
  const actor = await requireActor("/readings/new");
  const canCreate = canCreateReading(await loadActorContext(actor.id));
  return (
    <>
      <h1>Add a reading</h1>
      {canCreate ? (
        <>
          <p>
            Paste the text or upload a .txt or .md file (UTF-8, at most {MAX_READING_SIZE_LABEL}), preview the paragraphs Scholia makes of
            it, then save. Only you see the reading until you assign it to a course.
          </p>
          <ReadingTextForm
            action={submitNewReadingAction}
            initialState={initialReadingFormState({ title: "", format: "text", text: "" })}
            mode="new"
            maxBytes={MAX_READING_BYTES}
            maxSizeLabel={MAX_READING_SIZE_LABEL}
            accept={ACCEPTED_READING_FILE_TYPES}
          />
        </>
      ) : (
        <p className="empty-state">
          Instructors add readings. To become one, create a course on <Link href="/courses">My courses</Link>.
        </p>
      )}
    </>
  );
}
