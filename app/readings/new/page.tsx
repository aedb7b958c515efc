import "@/components/reading-text-form.css";
import "@/components/document-upload-form.css";
import type { Metadata } from "next";
import Link from "next/link";
import { DocumentUploadForm } from "@/components/document-upload-form";
import { ReadingTextForm } from "@/components/reading-text-form";
import { ACCEPTED_DOCUMENT_TYPES } from "@/lib/domain/document-import";
import { canCreateReading } from "@/lib/domain/reading-access";
import { ACCEPTED_READING_FILE_TYPES, MAX_READING_BYTES, MAX_READING_SIZE_LABEL } from "@/lib/domain/reading-input";
import { initialReadingFormState } from "@/lib/reading-form-state";
import { requireActor } from "@/lib/server/auth/get-actor";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";
import { maxUploadBytes, maxUploadLabel } from "@/lib/server/readings/import/upload-limits";
import { submitNewReadingAction } from "./actions";

export const metadata: Metadata = { title: "Add a reading" };

type NewReadingPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Why an upload posted without JavaScript came back (the upload route names it with a fixed word). */
function uploadProblemMessage(problem: unknown, sizeLabel: string): string | null {
  switch (problem) {
    case "too-large":
      return `That file is too large: files can be at most ${sizeLabel}. Split it into smaller files and upload each.`;
    case "not-a-document":
      return "That file is not a PDF or a Word (.docx) file. For plain text or Markdown, use the form below.";
    case "busy":
      return "You have several imports under way. Wait for one to finish, then upload this file.";
    case "instructors-only":
      return "Only instructors add readings: create a course (My courses) to become one.";
    case "signed-out":
      return "Your session ended. Sign in again, then upload the file.";
    case "unreadable":
      return "The upload could not be read. Choose the file again and upload it.";
    default:
      return null;
  }
}

export default async function NewReadingPage({ searchParams }: NewReadingPageProps) {
  const actor = await requireActor("/readings/new");
  const canCreate = canCreateReading(await loadActorContext(actor.id));
  const query = await searchParams;
  return (
    <>
      <h1>Add a reading</h1>
      {canCreate ? (
        <>
          <section className="add-reading-part" aria-labelledby="add-from-file-heading">
            <h2 id="add-from-file-heading">From a document</h2>
            <DocumentUploadForm
              maxBytes={maxUploadBytes()}
              maxSizeLabel={maxUploadLabel()}
              accept={ACCEPTED_DOCUMENT_TYPES}
              initialError={uploadProblemMessage(query.upload, maxUploadLabel())}
            />
          </section>
          <section className="add-reading-part" aria-labelledby="add-from-text-heading">
            <h2 id="add-from-text-heading">From text</h2>
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
          </section>
        </>
      ) : (
        <p className="empty-state">
          Instructors add readings. To become one, create a course on <Link href="/courses">My courses</Link>.
        </p>
      )}
    </>
  );
}
