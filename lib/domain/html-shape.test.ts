import { describe, expect, it } from "vitest";
import { countPossibleElements } from "./html-shape.ts";

describe("countPossibleElements", () => {
  it("[COST] counts every '<': start tags, end tags, comments and stray brackets alike", () => {
    expect(countPossibleElements("")).toBe(0);
    expect(countPossibleElements("plain text, no tags")).toBe(0);
    expect(countPossibleElements("<p>Hello <b>there</b></p>")).toBe(4);
    expect(countPossibleElements('<a title="<div>">x</a>')).toBe(3);
    expect(countPossibleElements("<!-- <li> -->")).toBe(2);
    expect(countPossibleElements("<<x>")).toBe(2);
  });

  it("[COST] stops counting just past the limit, whatever the input's length", () => {
    const bomb = "<li>".repeat(1_000_000);
    expect(countPossibleElements(bomb, 500)).toBe(501);
    expect(countPossibleElements(bomb)).toBe(1_000_000);
  });
});
