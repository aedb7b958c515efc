import "./reading-page.css";
import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { randomBytes } from "node:crypto";
import { cache } from "react";
import { ExportLinks } from "@/components/export-links";
import { LazyImportAnnotationsForm } from "@/components/lazy-import-annotations-form";
import { LazyAnnotationWorkspace } from "@/components/lazy-annotation-workspace";
import { ReadingUpkeep } from "@/components/reading-upkeep";
import { ReadingSkipLinks, ReadingView } from "@/components/reading-view";
import { getActor } from "@/lib/server/auth/get-actor";
import { ReadingSectionsNav, sectionHref } from "@/components/reading-sections-nav";
import { listReadingAssignments } from "@/lib/server/assignments/list-reading-assignments";
import { findAssignedRange } from "@/lib/server/assignments/find-assigned-range";
import { OpenAtAssigned } from "@/components/open-at-assigned";
import { SectionAnchorRedirect } from "@/components/section-anchor-redirect";
import { findSectionAt } from "@/lib/domain/reading-sections";
import { findReading } from "@/lib/server/readings/find-reading";
import { loadReadingOutline } from "@/lib/server/readings/load-reading-outline";
import { loadReadingUpkeep } from "@/lib/server/readings/load-reading-upkeep";
import { loadReadingWorkspace } from "@/lib/server/readings/load-reading-workspace";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";
import { idSchema, isId } from "@/lib/domain/ids";
import { packAnnotationViews } from "@/lib/api/packed-annotation-views";
import { parsePaintFilter } from "@/lib/domain/paint-filter";

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

// The reading's title, sections and table of contents: one request's worth, shared by
// generateMetadata and the page; null also when the actor may not open the reading (the same 404).
const loadOutline = cache(async (rawId: string) => {
  const parsed = readingIdSchema.safeParse(rawId);
  if (!parsed.success) return null;
  return loadReadingOutline({ readingId: parsed.data, actor: await loadViewer() });
});

/** `?at=N`: the section holding paragraph N (links into a long reading). */
const AT_PATTERN = /^[1-9]\d{0,6}$/;

export async function generateMetadata({ params }: ReadingPageProps): Promise<Metadata> {
  const outline = await loadOutline((await params).id);
  return { title: outline ? outline.title : "Reading not found" };
}

export default async function ReadingPage({ params, searchParams }: ReadingPageProps) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const outline = await loadOutline(id);
  if (!outline) notFound();
  const atParam = typeof query.at === "string" ? query.at : null;
  if (atParam !== null && !AT_PATTERN.test(atParam)) notFound();
  const courseParam = typeof query.course === "string" ? query.course : null;
  if (courseParam !== null && !isId(courseParam)) notFound();
  const actor = await loadViewer();
  // The reader's assignments of this reading, read once: the page's contexts and its annotation
  // context are decided from them.
  const assignments = actor ? await listReadingAssignments({ actor, readingId: outline.id }) : [];
  // An assignment of part of the reading opens it there, marked; the rest stays readable.
  const assigned =
    actor && courseParam
      ? await findAssignedRange({ actor, readingId: outline.id, courseId: courseParam, sections: outline.sections, assignments })
      : null;
  // A long reading shows one section at a time; a short one is one section, shown whole.
  const section = findSectionAt(outline.sections, atParam !== null ? Number(atParam) : (assigned?.from ?? 1));
  const isSectioned = outline.sections.length > 1 && section !== null;
  const reading = await findReading({
    readingId: outline.id,
    actor,
    paragraphRange: isSectioned ? { from: section.from, to: section.to } : undefined,
  });
  if (!reading) notFound();
  const sectionsNav = isSectioned ? (
    <>
      <ReadingSectionsNav
        readingId={reading.id}
        courseId={courseParam}
        sections={outline.sections}
        contents={outline.contents}
        current={section}
      />
      <SectionAnchorRedirect from={section.from} to={section.to} />
    </>
  ) : null;

  if (!actor) {
    if (courseParam) notFound();
    return (
      <>
        <ReadingSkipLinks hasAnnotations={false} />
        <ReadingView
          reading={reading}
          contextNote={
            <>
              <p className="context-note">
                <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/readings/${reading.id}`)}`}>Sign in</Link> to highlight and
                comment.
              </p>
              {sectionsNav}
            </>
          }
        />
      </>
    );
  }

  // A page load asks for HTML; the router's refreshes and navigations do not (reading-view.tsx).
  const isPageLoad = ((await headers()).get("accept") ?? "").includes("text/html");
  const paintFilter = parsePaintFilter(query);
  const [workspace, upkeep] = await Promise.all([
    loadReadingWorkspace({ actor, reading, courseId: courseParam, section: isSectioned ? section : undefined, paintFilter, assignments }),
    loadReadingUpkeep({ actor, reading }),
  ]);
  if (!workspace) notFound();
  // An archived course is read-only: its discussion is shown, with nothing to post.
  const isArchivedContext = workspace.courseId !== null && (actor.archivedCourseIds ?? []).includes(workspace.courseId);

  return (
    <div className="reading-layout" data-live-cursor={workspace.latestEventId}>
      <ReadingSkipLinks hasAnnotations />
      <ReadingView
        reading={reading}
        paints={workspace.paints}
        paintHandoffPrefix={isPageLoad ? randomBytes(6).toString("base64url") : undefined}
        postCounts={workspace.postCounts}
        openQuestions={workspace.openQuestions}
        locks={workspace.postFirst}
        canAnnotate={!isArchivedContext}
        assignedRange={assigned}
        contextNote={
          <>
            <ContextSwitcher readingId={reading.id} contexts={workspace.contexts} courseId={workspace.courseId} />
            {isArchivedContext ? (
              <p className="context-note" data-testid="archived-note">
                <strong>Archived course.</strong> Read-only: you can read and export its discussion, but not post.
              </p>
            ) : null}
            {workspace.postFirst ? (
              <p className="context-note post-first-note" data-testid="post-first-note">
                <strong>Post first.</strong> You see classmates&rsquo; posts on a paragraph once you have posted on it yourself
                {workspace.postFirst.unlockedParagraphCount > 0
                  ? ` (${workspace.postFirst.unlockedParagraphCount} ${workspace.postFirst.unlockedParagraphCount === 1 ? "paragraph" : "paragraphs"} open to you so far).`
                  : "."}
              </p>
            ) : null}
            <ExportLinks readingId={reading.id} courseId={workspace.courseId} />
            {workspace.canImportAnnotations ? (
              <div className="context-note">
                <LazyImportAnnotationsForm readingId={reading.id} courseId={workspace.courseId} />
              </div>
            ) : null}
            {assigned ? (
              <p className="context-note assigned-pages-note" data-testid="assigned-pages-note" id="assigned-range-note">
                <strong>Assigned: {assigned.label}</strong> ({assigned.title}).{" "}
                <Link href={sectionHref({ readingId: reading.id, courseId: workspace.courseId, position: assigned.from })}>
                  Go to the assigned part
                </Link>
                , marked by a bar in the margin. The rest of the reading stays open to you; posts on the assigned part are the ones that
                count.
              </p>
            ) : null}
            {assigned && atParam === null ? <OpenAtAssigned position={assigned.from} /> : null}
            {sectionsNav}
          </>
        }
      />
      <LazyAnnotationWorkspace
        readingId={reading.id}
        courseId={workspace.courseId}
        initialItems={packAnnotationViews(workspace.annotations.items, { readingId: reading.id, courseId: workspace.courseId })}
        total={workspace.annotations.total}
        pageSize={workspace.annotations.pageSize}
        visibilities={workspace.visibilities}
        defaultVisibility={workspace.defaultVisibility}
        groups={workspace.groups}
        latestEventId={workspace.latestEventId}
        paragraphRange={isSectioned ? { from: section.from, to: section.to } : undefined}
        viewerId={actor.userId}
        highlightVisibility={workspace.highlightVisibility}
        highlightVisibilities={workspace.highlightVisibilities}
        showOthersHighlights={workspace.showOthersHighlights}
        initialFilters={{
          author: paintFilter.author ?? "",
          color: paintFilter.color ?? "",
          kind: paintFilter.kind ?? "",
          visibility: paintFilter.visibility ?? "",
        }}
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
