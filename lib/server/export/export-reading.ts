import "server-only";
import { canReadAnnotationContent, type ActorContext, type ReadingScope } from "../../domain/permissions.ts";
import { CSV_CONTENT_TYPE } from "../../domain/csv.ts";
import { buildAnnotationCsv, buildMarkdownDigest, type ExportPost } from "../../domain/reading-export.ts";
import { loadAnnotationContext } from "../annotations/load-annotation-context.ts";
import { annotationViewSelect, presentAnnotation, type AnnotationView } from "../annotations/present-annotation.ts";
import { ANNO_CONTENT_TYPE } from "../annotations/to-web-annotation.ts";
import { getDb } from "../db.ts";
import { annotationReadScope } from "../permissions/annotation-scope.ts";
import { findReading } from "../readings/find-reading.ts";
import { loadTextPositions } from "../readings/load-reading-text.ts";
import { readingNotFound } from "../readings/reading-access.ts";
import { toExportCollection } from "./to-export-collection.ts";

export const EXPORT_FORMATS = ["jsonld", "csv", "md"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportFile = { filename: string; contentType: string; body: string };

const BATCH_SIZE = 1_000;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  jsonld: ANNO_CONTENT_TYPE,
  csv: CSV_CONTENT_TYPE,
  md: "text/markdown; charset=utf-8",
};

/**
 * What the actor may see of a reading in one context (a course, or their own notes when
 * courseId is null), as a file: W3C Web Annotation JSON-LD, CSV or a Markdown digest. Every
 * post passes through the permission core (annotationReadScope), and content is withheld per
 * post as on the page (presentAnnotation). Read in id-ordered batches, each one query with its
 * authors and paragraphs joined: no query per post. A non-member gets the course's 404.
 */
export async function exportReading({
  actor,
  readingId,
  courseId,
  format,
  origin,
}: ReadingScope & {
  format: ExportFormat;
  origin: string;
}): Promise<ExportFile> {
  const db = getDb();
  // The reading as its page shows it, so the digest follows the same paragraphs.
  // findReading applies the reading access rule (the digest carries the text, so a private
  // reading must not leak through a personal-notes export): the same 404 as a missing reading.
  const reading = await findReading({ readingId, actor });
  if (!reading) throw readingNotFound();
  await loadAnnotationContext(actor, readingId, courseId);
  const course = courseId ? await db.course.findUnique({ where: { id: courseId }, select: { title: true } }) : null;
  const contextLabel = course ? course.title : "my notes";

  const exported = await loadExportedPosts(actor, readingId, courseId);
  const views = exported.map((item) => item.view);
  const posts = () => exported.map(toExportPost);
  const baseName = `${reading.slug}-${courseId ? `course-${courseId}` : "my-notes"}`.replace(/[^A-Za-z0-9_-]/g, "-");
  const file = (extension: string, body: string): ExportFile => ({
    filename: `${baseName}.${extension}`,
    contentType: CONTENT_TYPES[format],
    body,
  });

  switch (format) {
    case "jsonld": {
      const collectionId = `${origin}/api/readings/${reading.id}/export?format=jsonld${courseId ? `&course=${encodeURIComponent(courseId)}` : ""}`;
      const label = `Annotations on “${reading.title}” (${contextLabel})`;
      return file(
        "jsonld",
        JSON.stringify(toExportCollection({ views, origin, positions: await loadTextPositions(reading.id), collectionId, label }), null, 2),
      );
    }
    case "csv":
      return file("csv", buildAnnotationCsv(posts()));
    case "md":
      return file("md", buildMarkdownDigest(reading, posts(), { contextLabel }));
  }
}

type ExportedPost = { view: AnnotationView; isContentReadable: boolean };

/** Every post of the context the actor may see; a deleted post only when a reply keeps its thread. */
async function loadExportedPosts(actor: ActorContext, readingId: string, courseId: string | null): Promise<ExportedPost[]> {
  const db = getDb();
  const scope = annotationReadScope(actor);
  const posts: ExportedPost[] = [];
  let afterId: string | undefined;
  for (;;) {
    const rows = await db.annotation.findMany({
      where: { AND: [scope, { readingId, courseId }, afterId ? { id: { gt: afterId } } : {}] },
      orderBy: { id: "asc" },
      take: BATCH_SIZE,
      select: annotationViewSelect,
    });
    posts.push(...rows.map((row) => ({ view: presentAnnotation(actor, row), isContentReadable: canReadAnnotationContent(actor, row) })));
    if (rows.length < BATCH_SIZE) break;
    afterId = rows.at(-1)!.id;
  }
  const parentIds = new Set(posts.map(({ view }) => view.parentId).filter((id) => id !== null));
  return posts
    .filter(({ view }) => !view.isDeleted || parentIds.has(view.id))
    .sort(
      ({ view: a }, { view: b }) =>
        a.paragraphPosition - b.paragraphPosition ||
        (a.target?.start ?? -1) - (b.target?.start ?? -1) ||
        a.createdAt.localeCompare(b.createdAt) ||
        a.id.localeCompare(b.id),
    );
}

function toExportPost({ view, isContentReadable }: ExportedPost): ExportPost {
  // Unreadable content that is not deleted is a hidden post (its author and staff read it).
  const state = view.isDeleted ? "deleted" : isContentReadable ? "visible" : "hidden";
  return {
    id: view.id,
    kind: view.kind,
    authorName: view.author.name,
    createdAt: view.createdAt,
    editedAt: view.editedAt,
    paragraphPosition: view.paragraphPosition,
    start: view.target?.start ?? null,
    quote: view.target?.exact ?? null,
    text: view.bodyText,
    tags: view.tags,
    visibility: view.visibility,
    parentId: view.parentId,
    rootId: view.rootId,
    state,
    isOrphan: view.isOrphan,
  };
}
