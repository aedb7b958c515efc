"use client";

import "./document-upload-form.css";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { fetchJSON } from "@/lib/api/fetch-json";
import { getReadingImportStatus } from "@/lib/api/reading-imports";

type ImportProgressProps = {
  importId: string;
  initial: { state: string; pagesDone: number; pagesTotal: number | null; format: string };
};

const POLL_INTERVAL_MS = 1_000;

/**
 * Follows an import while it waits or runs: asks for its progress every second and reloads the
 * page (the preview, or the refusal) when it is over. The same words are on the page for screen
 * readers, politely, and without JavaScript the page refreshes itself.
 */
export function ImportProgress({ importId, initial }: ImportProgressProps) {
  const router = useRouter();
  const [status, setStatus] = useState(initial);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      try {
        const next = await fetchJSON(getReadingImportStatus, { params: { id: importId } });
        if (stopped) return;
        setStatus(next);
        if (next.state === "DONE" || next.state === "FAILED") {
          router.refresh();
          return;
        }
      } catch {
        // A dropped request or a passing error: the next poll tries again.
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_INTERVAL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_INTERVAL_MS);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [importId, router]);

  const { state, pagesDone, pagesTotal } = status;
  const text =
    state === "QUEUED"
      ? "Waiting for another import to finish…"
      : pagesTotal === null
        ? "Reading the document…"
        : pagesDone < pagesTotal
          ? `Reading page ${pagesDone} of ${pagesTotal}…`
          : `Read all ${pagesTotal} pages; putting the paragraphs together…`;
  return (
    <div className="import-progress" data-testid="import-progress">
      <p role="status" aria-live="polite" id="import-progress-text">
        {text}
      </p>
      <progress aria-labelledby="import-progress-text" max={pagesTotal ?? undefined} value={pagesTotal ? pagesDone : undefined} />
    </div>
  );
}
