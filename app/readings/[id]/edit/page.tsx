import "@/components/reading-text-form.css";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReadingTextForm } from "@/components/reading-text-form";
import { ACCEPTED_READING_FILE_TYPES, MAX_READING_BYTES, MAX_READING_SIZE_LABEL } from "@/lib/domain/reading-input";
import { initialReadingFormState } from "@/lib/reading-form-state";
import { isAppError } from "@/lib/server/app-error";
import { requireActor } from "@/lib/server/auth/get-actor";
import { loadReadingForEdit } from "@/lib/server/readings/load-reading-for-edit";
import { submitReadingEditAction } from "./actions";
import { idSchema } from "@/lib/domain/ids";

export const metadata: Metadata = { title: "Edit a reading" };

const readingIdSchema = idSchema();

export default async function EditReadingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/readings/${id}/edit`);
  if (!readingIdSchema.safeParse(id).success) notFound();
  let reading: Awaited<ReturnType<typeof loadReadingForEdit>>;
  try {
    reading = await loadReadingForEdit({ actorId: actor.id, readingId: id });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    if (isAppError(error) && error.code === "FORBIDDEN") {
      return (
        <section aria-labelledby="edit-heading">
          <h1 id="edit-heading">Edit a reading</h1>
          <p className="empty-state">{error.message}</p>
          <p>
            <Link href={`/readings/${id}`}>Back to the reading</Link>
          </p>
        </section>
      );
    }
    throw error;
  }
  return (
    <>
      <p>
        <Link href={`/readings/${reading.id}`}>← Back to the reading</Link>
      </p>
      <h1>Edit “{reading.title}”</h1>
      <p>
        This is version {reading.version}. Saving makes version {reading.version + 1}; earlier versions are kept.
      </p>
      <ReadingTextForm
        action={submitReadingEditAction.bind(null, reading.id)}
        initialState={initialReadingFormState({ title: reading.title, format: "paragraphs", text: reading.text })}
        mode="edit"
        maxBytes={MAX_READING_BYTES}
        maxSizeLabel={MAX_READING_SIZE_LABEL}
        accept={ACCEPTED_READING_FILE_TYPES}
      />
    </>
  );
}
