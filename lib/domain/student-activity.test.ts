import { describe, expect, it } from "vitest";
import { activityStatus, parseActivitySort, sortStudentActivity, type StudentActivity } from "./student-activity";

function row(name: string, fields: Partial<StudentActivity> = {}): StudentActivity {
  return {
    studentId: name.toLowerCase(),
    name,
    email: `${name.toLowerCase()}@example.test`,
    groupName: null,
    posts: 0,
    replies: 0,
    highlights: 0,
    questions: 0,
    words: 0,
    firstActivityAt: null,
    lastActivityAt: null,
    latePosts: 0,
    paragraphs: [],
    ...fields,
  };
}

describe("activityStatus", () => {
  it("[INSIGHTS] a student with only highlights has no posts yet", () => {
    expect(activityStatus(row("Ana", { highlights: 3 }))).toBe("NO_POSTS");
  });

  it("[INSIGHTS] one post after the due date makes a student late", () => {
    expect(activityStatus(row("Ana", { posts: 2, latePosts: 1 }))).toBe("LATE");
    expect(activityStatus(row("Ana", { replies: 1 }))).toBe("ON_TIME");
  });
});

describe("parseActivitySort", () => {
  it("[INSIGHTS] unknown sort keys and directions fall back instead of failing", () => {
    expect(parseActivitySort({ sort: "password", dir: "sideways" })).toEqual({ key: "name", direction: "asc" });
  });

  it("[INSIGHTS] numbers sort from the most by default, names from A", () => {
    expect(parseActivitySort({ sort: "words" })).toEqual({ key: "words", direction: "desc" });
    expect(parseActivitySort({ sort: "words", dir: "asc" })).toEqual({ key: "words", direction: "asc" });
    expect(parseActivitySort({})).toEqual({ key: "name", direction: "asc" });
  });
});

describe("sortStudentActivity", () => {
  const rows = [
    row("Chen", { posts: 2, words: 40, lastActivityAt: new Date("2027-01-02T00:00:00Z"), groupName: "B" }),
    row("ana", { posts: 5, words: 10, lastActivityAt: new Date("2027-01-03T00:00:00Z"), groupName: "A" }),
    row("Ben", { posts: 2, words: 40 }),
  ];

  it("[INSIGHTS] names sort case-insensitively", () => {
    expect(sortStudentActivity(rows, { key: "name", direction: "asc" }).map((item) => item.name)).toEqual(["ana", "Ben", "Chen"]);
  });

  it("[INSIGHTS] ties keep name order in both directions", () => {
    expect(sortStudentActivity(rows, { key: "words", direction: "desc" }).map((item) => item.name)).toEqual(["Ben", "Chen", "ana"]);
    expect(sortStudentActivity(rows, { key: "posts", direction: "asc" }).map((item) => item.name)).toEqual(["Ben", "Chen", "ana"]);
  });

  it("[INSIGHTS] students without activity or group go last whichever the direction", () => {
    expect(sortStudentActivity(rows, { key: "last", direction: "desc" }).map((item) => item.name)).toEqual(["ana", "Chen", "Ben"]);
    expect(sortStudentActivity(rows, { key: "last", direction: "asc" }).map((item) => item.name)).toEqual(["Chen", "ana", "Ben"]);
    expect(sortStudentActivity(rows, { key: "group", direction: "desc" }).map((item) => item.name)).toEqual(["Chen", "ana", "Ben"]);
  });

  it("[INSIGHTS] sorting returns a copy and leaves the input alone", () => {
    const before = rows.map((item) => item.name);
    sortStudentActivity(rows, { key: "words", direction: "asc" });
    expect(rows.map((item) => item.name)).toEqual(before);
  });
});
