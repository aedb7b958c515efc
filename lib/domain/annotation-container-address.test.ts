import { describe, expect, it } from "vitest";
import { annotationContainerPath, annotationIdOfIri, annotationPath, findCanonicalAddress } from "./annotation-container-address.ts";

describe("annotationContainerPath", () => {
  it("[PROTOCOL] a container's path ends in a slash, one per reading and context", () => {
    expect(annotationContainerPath("r1", null)).toBe("/api/readings/r1/annotations/");
    expect(annotationContainerPath("r1", "c1")).toBe("/api/readings/r1/courses/c1/annotations/");
  });
});

describe("annotationPath", () => {
  it("[PROTOCOL] an annotation's path is under its container's: it starts with the container's IRI", () => {
    for (const place of [
      { readingId: "r1", courseId: null },
      { readingId: "r1", courseId: "c1" },
    ]) {
      const path = annotationPath(place, "a1");
      expect(path.startsWith(annotationContainerPath(place.readingId, place.courseId))).toBe(true);
      expect(path).toBe(`${annotationContainerPath(place.readingId, place.courseId)}a1`);
      // An annotation's address has no trailing slash, so the proxy leaves it as it is.
      expect(findCanonicalAddress(path, "")).toBeNull();
    }
  });

  it("[PROTOCOL] the annotation an IRI names: under its container, or by the older /api/annotations/<id>", () => {
    expect(annotationIdOfIri("https://s.example/api/readings/r1/annotations/a1")).toBe("a1");
    expect(annotationIdOfIri("https://s.example/api/readings/r1/courses/c1/annotations/a1")).toBe("a1");
    expect(annotationIdOfIri("https://s.example/api/annotations/a1")).toBe("a1");
    expect(annotationIdOfIri("https://s.example/api/readings/r1/annotations/")).toBeNull();
    expect(annotationIdOfIri("https://s.example/api/readings/r1/annotations/a1?page=2")).toBeNull();
    expect(annotationIdOfIri("https://s.example/readings/r1#p-1")).toBeNull();
  });
});

describe("findCanonicalAddress", () => {
  it("[PROTOCOL] a container asked for without its slash is sent to the slash form, query kept", () => {
    expect(findCanonicalAddress("/api/readings/r1/annotations", "")).toBe("/api/readings/r1/annotations/");
    expect(findCanonicalAddress("/api/readings/r1/annotations", "?page=2&pageSize=5")).toBe(
      "/api/readings/r1/annotations/?page=2&pageSize=5",
    );
    expect(findCanonicalAddress("/api/readings/r1/courses/c1/annotations", "?page=1")).toBe(
      "/api/readings/r1/courses/c1/annotations/?page=1",
    );
  });

  it("[PROTOCOL] the older ?course= container address is sent to the course's own container", () => {
    expect(findCanonicalAddress("/api/readings/r1/annotations", "?course=c1")).toBe("/api/readings/r1/courses/c1/annotations/");
    expect(findCanonicalAddress("/api/readings/r1/annotations/", "?course=c1&page=2")).toBe(
      "/api/readings/r1/courses/c1/annotations/?page=2",
    );
    expect(findCanonicalAddress("/api/readings/r1/annotations", "?course=a%2Fb")).toBe("/api/readings/r1/courses/a%2Fb/annotations/");
  });

  it("[PROTOCOL] a container in its canonical form is not redirected", () => {
    expect(findCanonicalAddress("/api/readings/r1/annotations/", "")).toBeNull();
    expect(findCanonicalAddress("/api/readings/r1/annotations/", "?page=3")).toBeNull();
    expect(findCanonicalAddress("/api/readings/r1/courses/c1/annotations/", "")).toBeNull();
  });

  it("every other address keeps its form without a trailing slash", () => {
    expect(findCanonicalAddress("/", "")).toBeNull();
    expect(findCanonicalAddress("/courses", "")).toBeNull();
    expect(findCanonicalAddress("/courses/", "")).toBe("/courses");
    expect(findCanonicalAddress("/readings/r1//", "?course=c1")).toBe("/readings/r1?course=c1");
    expect(findCanonicalAddress("/api/annotations/a1/", "")).toBe("/api/annotations/a1");
    expect(findCanonicalAddress("/api/readings/r1/annotations/views/", "")).toBe("/api/readings/r1/annotations/views");
    expect(findCanonicalAddress("/api/readings/r1/annotations/views", "")).toBeNull();
  });
});
