import "server-only";
import { annotationContainerPath } from "../../domain/annotation-container-address.ts";
import { DEFAULT_ANNOTATION_PAGE_SIZE } from "../../domain/annotation-input.ts";
import type { AnnotationContainer } from "./load-annotation-container.ts";
import { annotationContext, annotationUrl, toWebAnnotation } from "./to-web-annotation.ts";

// A reading's annotation container as W3C JSON-LD (Web Annotation Data Model §5, Protocol §4):
// the AnnotationCollection, and its AnnotationPages. A container's IRI ends in "/", one per
// reading and context; page links keep the page size when it is not the default, and iris=1
// for pages of IRIs.

type ContainerAddress = { origin: string; readingId: string; courseId: string | null; isIris: boolean };

function containerUrl({ origin, readingId, courseId }: ContainerAddress): URL {
  return new URL(`${origin}${annotationContainerPath(readingId, courseId)}`);
}

function pageUrl(address: ContainerAddress, pageSize: number, page: number): string {
  const url = containerUrl(address);
  if (address.isIris) url.searchParams.set("iris", "1");
  url.searchParams.set("page", String(page));
  if (pageSize !== DEFAULT_ANNOTATION_PAGE_SIZE) url.searchParams.set("pageSize", String(pageSize));
  return url.toString();
}

function lastPageOf(container: AnnotationContainer): number {
  return Math.max(1, Math.ceil(container.page.total / container.page.pageSize));
}

/** The loaded page, without its @context (embedded in the collection, or given one by toContainerPage). */
function pageBody(container: AnnotationContainer, address: ContainerAddress) {
  const { page, pageSize, items } = container.page;
  const lastPage = lastPageOf(container);
  return {
    id: pageUrl(address, pageSize, page),
    type: "AnnotationPage",
    startIndex: (page - 1) * pageSize,
    ...(page < lastPage ? { next: pageUrl(address, pageSize, page + 1) } : {}),
    ...(page > 1 ? { prev: pageUrl(address, pageSize, page - 1) } : {}),
    items: items.map((item) =>
      address.isIris ? annotationUrl(address.origin, item, item.id) : toWebAnnotation(item, address.origin, container.positions),
    ),
  };
}

/** One AnnotationPage, with partOf describing its collection. */
export function toContainerPage(container: AnnotationContainer, address: ContainerAddress) {
  const { total, pageSize } = container.page;
  return {
    "@context": annotationContext(address.origin),
    ...pageBody(container, address),
    partOf: {
      id: containerUrl(address).toString(),
      type: "AnnotationCollection",
      label: container.label,
      total,
      first: pageUrl(address, pageSize, 1),
      last: pageUrl(address, pageSize, lastPageOf(container)),
    },
  };
}

/**
 * The container itself: an LDP BasicContainer that is an AnnotationCollection, with the first
 * page (the loaded one) embedded, or only linked when the client prefers a minimal container.
 */
export function toContainerCollection(container: AnnotationContainer, address: ContainerAddress, { isMinimal }: { isMinimal: boolean }) {
  const { total, pageSize } = container.page;
  return {
    "@context": [...annotationContext(address.origin), "http://www.w3.org/ns/ldp.jsonld"],
    id: containerUrl(address).toString(),
    type: ["BasicContainer", "AnnotationCollection"],
    label: container.label,
    total,
    // With no annotations there is no page to point to (Web Annotation Data Model §5.1).
    ...(total === 0
      ? {}
      : {
          first: isMinimal ? pageUrl(address, pageSize, 1) : pageBody(container, address),
          last: pageUrl(address, pageSize, lastPageOf(container)),
        }),
  };
}
