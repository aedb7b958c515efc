// Where a reading's annotation containers live, and the one trailing-slash rule of the site.
//
// The Web Annotation Protocol (§4) gives each container an IRI ending in "/": a reading in one
// context has its own, `/api/readings/<id>/annotations/` for the reader's own notes and
// `/api/readings/<id>/courses/<course>/annotations/` for a course. Every other address keeps its
// form without a trailing slash. Next's own trailing-slash redirect is off (next.config.js,
// skipTrailingSlashRedirect) so proxy.ts can apply this rule instead: a container asked for
// without its slash (or by the older `?course=` query) and any other address asked for with one
// are redirected to their canonical form with 308, which keeps the method and body of a POST.
//
// Each annotation's IRI is under its container (the suite's "Created Annotation MUST have an id
// that starts with the Container IRI"): `<container>/<annotation id>`. The older
// `/api/annotations/<id>` still answers (a redirect for reads, an alias for writes).

const OWN_CONTAINER = /^\/api\/readings\/([^/]+)\/annotations(\/?)$/;
const COURSE_CONTAINER = /^\/api\/readings\/([^/]+)\/courses\/([^/]+)\/annotations(\/?)$/;

/** The path of a reading's annotation container in a course, or of the reader's own notes (courseId null). */
export function annotationContainerPath(readingId: string, courseId: string | null): string {
  const reading = encodeURIComponent(readingId);
  return courseId === null
    ? `/api/readings/${reading}/annotations/`
    : `/api/readings/${reading}/courses/${encodeURIComponent(courseId)}/annotations/`;
}

/** The path of an annotation: its id under the container of its reading and context. */
export function annotationPath(annotation: { readingId: string; courseId: string | null }, annotationId: string): string {
  return `${annotationContainerPath(annotation.readingId, annotation.courseId)}${encodeURIComponent(annotationId)}`;
}

// …/api/readings/<reading>/[courses/<course>/]annotations/<id>, or the older …/api/annotations/<id>.
const ANNOTATION_IRI = /\/api\/(?:readings\/[^/?#]+\/(?:courses\/[^/?#]+\/)?)?annotations\/([A-Za-z0-9_-]{1,64})$/;

/** The annotation id an annotation IRI names (under its container, or the older form), or null. */
export function annotationIdOfIri(iri: string): string | null {
  return ANNOTATION_IRI.exec(iri)?.[1] ?? null;
}

function withSearch(pathname: string, search: URLSearchParams): string {
  const query = search.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/**
 * The canonical address (path and query) to redirect a request to, or null when it is already
 * canonical. `pathname` is the path as sent (percent-encoded segments stay as they are).
 */
export function findCanonicalAddress(pathname: string, search: string): string | null {
  const query = new URLSearchParams(search);
  const own = OWN_CONTAINER.exec(pathname);
  if (own) {
    const course = query.get("course");
    if (course) {
      query.delete("course");
      return withSearch(`/api/readings/${own[1]}/courses/${encodeURIComponent(course)}/annotations/`, query);
    }
    return own[2] === "/" ? null : withSearch(`${pathname}/`, query);
  }
  const inCourse = COURSE_CONTAINER.exec(pathname);
  if (inCourse) return inCourse[3] === "/" ? null : withSearch(`${pathname}/`, query);
  if (pathname.length > 1 && pathname.endsWith("/")) return withSearch(pathname.replace(/\/+$/, "") || "/", query);
  return null;
}
