import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AnnotationWorkspace } from "@/components/annotation-workspace";
import { ExportLinks } from "@/components/export-links";
import { ReadingUpkeep } from "@/components/reading-upkeep";
import { ReadingView, type ParagraphPaint } from "@/components/reading-view";
import { groupRangesByParagraph, segmentParagraph } from "@/lib/domain/highlight-segments";
import { getActor } from "@/lib/server/auth/get-actor";
import { findReading, type ReadingView as ReadingData } from "@/lib/server/readings/find-reading";
import { loadReadingUpkeep } from "@/lib/server/readings/load-reading-upkeep";
import { loadReadingWorkspace, type PaintedRange } from "@/lib/server/readings/load-reading-workspace";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";
import { idSchema, isId } from "@/lib/domain/ids";

const readingIdSchema = idSchema();

type ReadingPageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The signed-in reader's permission context, loaded once per request and shared below. */
const loadViewer = cache(async () => {
  const actor = await getActor();
  return actor ? loadActorContext(actor.id) : null;
});

// One query per request, shared by generateMetadata and the page; null also when the actor may
// not open the reading (the same 404).
const loadReading = cache(async (rawId: string) => {
  const parsed = readingIdSchema.safeParse(rawId);
  if (!parsed.success) return null;
  return findReading({ readingId: parsed.data, actor: await loadViewer() });
});

export async function generateMetadata({ params }: ReadingPageProps): Promise<Metadata> {
  const reading = await loadReading((await params).id);
  return { title: reading ? reading.title : "Reading not found" };
}

export default async function ReadingPage({ params, searchParams }: ReadingPageProps) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const reading = await loadReading(id);
  if (!reading) notFound();
  const actor = await loadViewer();
  const courseParam = typeof query.course === "string" ? query.course : null;
  if (courseParam !== null && !isId(courseParam)) notFound();

  if (!actor) {
    if (courseParam) notFound();
    return (
      <ReadingView
        reading={reading}
        contextNote={
          <p className="context-note">
            <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/readings/${reading.id}`)}`}>Sign in</Link> to highlight and comment.
          </p>
        }
      />
    );
  }

  const [workspace, upkeep] = await Promise.all([
    loadReadingWorkspace({ actor, readingId: reading.id, courseId: courseParam }),
    loadReadingUpkeep({ actor, reading }),
  ]);
  if (!workspace) notFound();

  return (
    <div className="reading-layout" data-live-cursor={workspace.latestEventId}>
      <ReadingView
        reading={reading}
        paints={paintParagraphs(reading, workspace.paints)}
        postCounts={workspace.postCounts}
        locks={workspace.postFirst}
        canAnnotate
        contextNote={
          <>
            <ContextSwitcher readingId={reading.id} contexts={workspace.contexts} courseId={workspace.courseId} />
            {workspace.postFirst ? (
              <p className="context-note post-first-note" data-testid="post-first-note">
                <strong>Post first.</strong> You see classmates&rsquo; posts on a paragraph once you have posted on it yourself
                {workspace.postFirst.unlockedParagraphCount > 0
                  ? ` (${workspace.postFirst.unlockedParagraphCount} ${workspace.postFirst.unlockedParagraphCount === 1 ? "paragraph" : "paragraphs"} open to you so far).`
                  : "."}
              </p>
            ) : null}
            <ExportLinks readingId={reading.id} courseId={workspace.courseId} />
          </>
        }
      />
      <AnnotationWorkspace
        readingId={reading.id}
        courseId={workspace.courseId}
        initialItems={workspace.annotations.items}
        total={workspace.annotations.total}
        pageSize={workspace.annotations.pageSize}
        visibilities={workspace.visibilities}
        defaultVisibility={workspace.defaultVisibility}
        groups={workspace.groups}
        latestEventId={workspace.latestEventId}
      />
      <ReadingUpkeep readingId={reading.id} upkeep={upkeep} />
    </div>
  );
}

function ContextSwitcher({
  readingId,
  contexts,
  courseId,
}: {
  readingId: string;
  contexts: { courseId: string | null; label: string }[];
  courseId: string | null;
}) {
  if (contexts.length <= 1) return <p className="context-note">Your private notes on this reading.</p>;
  return (
    <nav className="context-note" aria-label="Annotation context">
      <span>Annotating in: </span>
      <ul className="context-list">
        {contexts.map((context) => (
          <li key={context.courseId ?? "notes"}>
            <Link
              href={context.courseId ? `/readings/${readingId}?course=${context.courseId}` : `/readings/${readingId}`}
              aria-current={context.courseId === courseId ? "page" : undefined}
            >
              {context.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Cuts each paragraph into highlight segments (lib/domain), once, on the server. */
function paintParagraphs(reading: ReadingData, paints: PaintedRange[]): Record<string, ParagraphPaint> {
  if (paints.length === 0) return {};
  const colorById = Object.fromEntries(paints.map((paint) => [paint.id, paint.color]));
  const byParagraph = groupRangesByParagraph(reading.paragraphs, paints);
  const result: Record<string, ParagraphPaint> = {};
  reading.paragraphs.forEach((paragraph, index) => {
    const ranges = byParagraph[index] ?? [];
    if (ranges.length > 0) result[paragraph.id] = { segments: segmentParagraph(paragraph, ranges), colorById };
  });
  return result;
}
