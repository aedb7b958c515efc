import { describe, expect, it } from "vitest";
import { listImportedAnnotations, MAX_IMPORTED_ANNOTATIONS } from "./annotation-import.ts";

const annotation = (id: string, extra: Record<string, unknown> = {}) => ({
  id: `https://s.example/api/annotations/${id}`,
  type: "Annotation",
  target: "x",
  ...extra,
});
const reply = (id: string, parent: string) =>
  annotation(id, { motivation: "replying", target: `https://s.example/api/annotations/${parent}` });

describe("listImportedAnnotations", () => {
  it("[IMPORT] a collection's embedded pages are walked, and each reply comes after the annotation it answers", () => {
    const result = listImportedAnnotations({
      type: "AnnotationCollection",
      first: {
        type: "AnnotationPage",
        items: [reply("r2", "r1"), reply("r1", "a")],
        next: { type: "AnnotationPage", items: [annotation("a")] },
      },
    });
    expect(result.ok && result.items.map((item) => item.sourceId?.split("/").at(-1))).toEqual(["a", "r1", "r2"]);
    expect(result.ok && result.items[1]!.parentId).toBe("https://s.example/api/annotations/a");
  });

  it("[IMPORT] a page, a list or one annotation are taken too; anything else is refused with what was expected", () => {
    expect(listImportedAnnotations({ type: "AnnotationPage", items: [annotation("a")] })).toMatchObject({ ok: true, items: [{}] });
    expect(listImportedAnnotations([annotation("a"), annotation("b")])).toMatchObject({ ok: true, items: [{}, {}] });
    expect(listImportedAnnotations(annotation("a"))).toMatchObject({ ok: true, items: [{}] });
    expect(listImportedAnnotations([])).toMatchObject({ ok: false, message: expect.stringMatching(/holds no annotations/) });
    expect(listImportedAnnotations({ type: "AnnotationCollection", total: 0 })).toEqual({ ok: true, items: [] });
    expect(listImportedAnnotations({ type: "Note" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not Web Annotation JSON-LD/),
    });
    expect(listImportedAnnotations({ type: "AnnotationCollection", first: "https://s.example/page-1" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/embedded/),
    });
    expect(listImportedAnnotations([42])).toMatchObject({ ok: false, message: expect.stringMatching(/Item 1/) });
    expect(
      listImportedAnnotations(Array.from({ length: MAX_IMPORTED_ANNOTATIONS + 1 }, (_, index) => annotation(String(index)))),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/at most/),
    });
  });
});
