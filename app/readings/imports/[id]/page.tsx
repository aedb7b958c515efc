import "@/components/reading-view.css";
import "@/components/document-upload-form.css";
import "./import.css";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ImportProgress } from "@/components/import-progress";
import { paragraphKindLabel, paragraphKindProps } from "@/components/paragraph-kind";
import { SaveImportForm } from "@/components/save-import-form";
import { readingFromImport, summarizeImport, titleFromFileName } from "@/lib/domain/document-import";
import { isAppError } from "@/lib/server/app-error";
import { requireActor } from "@/lib/server/auth/get-actor";
import { findReadingImport, type ReadingImportView } from "@/lib/server/readings/import/find-reading-import";
import { retryImportAction, saveImportAction } from "./actions";

export const metadata: Metadata = { title: "Import a reading" };

/** Paragraphs shown per page of the preview: a book is previewed a part at a time. */
const PREVIEW_PART = 150;

type ImportPageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ImportPage({ params, searchParams }: ImportPageProps) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const actor = await requireActor(`/readings/imports/${id}`);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) notFound();
  let view: ReadingImportView;
  try {
    view = await findReadingImport({ actorId: actor.id, importId: id, withResult: true });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  if (view.readingId) redirect(`/readings/${view.readingId}`);

  const size = `${(view.byteSize / 1_000_000).toFixed(1)} MB`;
  const heading = (
    <>
      <p className="meta">
        <Link href="/readings/new">Add a reading</Link>
      </p>
      <h1>Import “{view.fileName}”</h1>
      <p className="meta">
        {view.format === "pdf" ? "PDF" : "Word document"}, {size}
      </p>
    </>
  );

  if (view.state === "QUEUED" || view.state === "RUNNING") {
    return (
      <>
        {heading}
        <noscript>
          <meta httpEquiv="refresh" content="3" />
        </noscript>
        <ImportProgress
          importId={view.id}
          initial={{ state: view.state, pagesDone: view.pagesDone, pagesTotal: view.pagesTotal, format: view.format }}
        />
        <p className="field-hint">You can leave this page: the import goes on, and this address shows the preview when it is ready.</p>
      </>
    );
  }

  if (view.state === "FAILED" || !view.result) {
    const canRetry = view.error?.code === "INTERRUPTED" || view.error?.code === "TIMEOUT";
    return (
      <>
        {heading}
        <div className="panel import-failed" role="alert">
          <h2>This file was not imported</h2>
          <p>{view.error?.message ?? "The import failed."}</p>
        </div>
        <div className="button-row">
          {canRetry ? (
            <form action={retryImportAction}>
              <input type="hidden" name="importId" value={view.id} />
              <button type="submit" className="button">
                Try again
              </button>
            </form>
          ) : null}
          <Link className="button button-secondary" href="/readings/new">
            Upload another file
          </Link>
        </div>
      </>
    );
  }

  const result = view.result;
  const reading = readingFromImport(result);
  const summary = summarizeImport(result);
  const partCount = Math.max(1, Math.ceil(reading.paragraphs.length / PREVIEW_PART));
  const requestedPart = Number(typeof query.part === "string" ? query.part : "1");
  const part = Number.isInteger(requestedPart) && requestedPart >= 1 && requestedPart <= partCount ? requestedPart : 1;
  const shown = reading.paragraphs.slice((part - 1) * PREVIEW_PART, part * PREVIEW_PART);
  const headings = reading.paragraphs.filter((paragraph) => paragraph.kind === "HEADING" && (paragraph.level ?? 1) <= 2);
  const partOf = (position: number) => Math.floor((position - 1) / PREVIEW_PART) + 1;
  const partLink = (target: number, position?: number) =>
    `/readings/imports/${view.id}?part=${target}${position ? `#preview-p-${position}` : "#preview-paragraphs-heading"}`;

  return (
    <>
      {heading}
      <section className="panel" aria-labelledby="import-save-heading">
        <h2 id="import-save-heading">Save this reading</h2>
        <p>
          Check the paragraphs below, then save. Only you see the reading until you assign it to a course; the original file is kept with
          it.
        </p>
        <SaveImportForm
          action={saveImportAction}
          importId={view.id}
          digest={view.digest ?? ""}
          defaultTitle={result.title ?? titleFromFileName(view.fileName)}
        />
      </section>

      <section className="import-summary" aria-labelledby="import-summary-heading">
        <h2 id="import-summary-heading">What the import kept and left out</h2>
        <div className="import-summary-columns">
          <div>
            <h3>Kept</h3>
            <ul>
              {summary.kept.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
          <div>
            <h3>Left out</h3>
            <ul>
              {summary.leftOut.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        </div>
      </section>

      {headings.length > 0 ? (
        <nav className="import-contents" aria-labelledby="import-contents-heading">
          <h2 id="import-contents-heading">Contents</h2>
          <ol>
            {headings.slice(0, 400).map((paragraph) => (
              <li key={paragraph.position} className={`contents-level-${paragraph.level ?? 1}`}>
                <a href={partLink(partOf(paragraph.position), paragraph.position)}>{paragraph.text}</a>
                {paragraph.page ? <span className="meta"> · p. {paragraph.page}</span> : null}
              </li>
            ))}
          </ol>
        </nav>
      ) : null}

      <section className="reading-preview" aria-labelledby="preview-paragraphs-heading">
        <h2 id="preview-paragraphs-heading">
          Preview: {reading.paragraphs.length} paragraphs
          {partCount > 1 ? ` (part ${part} of ${partCount}: paragraphs ${shown[0]!.position}–${shown.at(-1)!.position})` : ""}
        </h2>
        <ol className="import-preview-paragraphs" start={shown[0]?.position ?? 1}>
          {shown.map((paragraph) => {
            const kindLabel = paragraphKindLabel(paragraph.kind);
            return (
              <li key={paragraph.position} id={`preview-p-${paragraph.position}`} value={paragraph.position}>
                {paragraph.page ? <span className="paragraph-page">p. {paragraph.page}</span> : null}
                <p {...paragraphKindProps(paragraph.kind, paragraph.level)}>
                  {kindLabel ? <span className="visually-hidden">{kindLabel}: </span> : null}
                  {paragraph.text}
                </p>
              </li>
            );
          })}
        </ol>
        {partCount > 1 ? (
          <nav className="button-row" aria-label="Preview parts">
            {part > 1 ? (
              <Link className="button button-secondary" href={partLink(part - 1)}>
                Previous part
              </Link>
            ) : null}
            {part < partCount ? (
              <Link className="button button-secondary" href={partLink(part + 1)}>
                Next part
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
