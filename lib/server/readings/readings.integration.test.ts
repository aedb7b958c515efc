import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importReading } from "../../domain/reading-import.ts";
import { PrismaPg } from "@prisma/adapter-pg";
import { checkHealth } from "../check-health.ts";
import { PrismaClient } from "../generated/prisma/client.ts";
import { disconnectDb, getDb } from "../db.ts";
import { findReading } from "./find-reading.ts";
import { listReadings } from "./list-readings.ts";
import { saveImportedReading } from "./save-imported-reading.ts";

// Each test file makes its own readings under a unique slug prefix and removes them afterwards.
const prefix = `test-${randomUUID().slice(0, 8)}`;
const slug = (name: string) => `${prefix}-${name}`;

afterAll(async () => {
  await getDb().reading.deleteMany({ where: { slug: { startsWith: prefix } } });
  await disconnectDb();
});

describe("saveImportedReading", () => {
  const first = importReading("Running Head\n\nA Title\n\nParis, 3 March 2001\n\nOne.\n\nTwo and\n\nRunning Head\n\nthree.");

  it("[READINGS] creates a reading with its paragraphs, then leaves it unchanged on a second save", async () => {
    const created = await saveImportedReading({ slug: slug("a"), reading: first });
    expect(created.outcome).toBe("created");
    const again = await saveImportedReading({ slug: slug("a"), reading: first });
    expect(again).toEqual({ readingId: created.readingId, outcome: "unchanged" });
    const stored = await findReading({ readingId: created.readingId, actor: null });
    expect(stored?.paragraphs.map((paragraph) => [paragraph.position, paragraph.text])).toEqual([
      [1, "One."],
      [2, "Two and three."],
    ]);
    expect(stored?.source).toBe("Running Head");
  });

  it("[READINGS] replaces the paragraphs of an unannotated reading whose text changed", async () => {
    const { readingId } = await saveImportedReading({ slug: slug("b"), reading: first });
    const changed = importReading("A Title\n\nOne.\n\nTwo.\n\nThree.");
    const result = await saveImportedReading({ slug: slug("b"), reading: changed });
    expect(result.outcome).toBe("updated");
    const stored = await getDb().reading.findUniqueOrThrow({ where: { id: readingId }, include: { paragraphs: true } });
    expect(stored.paragraphs).toHaveLength(3);
    expect(stored.version).toBe(2);
  });

  it("[READINGS] keeps an annotated reading's text rather than destroying its annotations", async () => {
    const db = getDb();
    const { readingId } = await saveImportedReading({ slug: slug("c"), reading: first });
    const paragraph = await db.paragraph.findFirstOrThrow({ where: { readingId, position: 1 } });
    const user = await db.user.create({ data: { email: `${prefix}-c@example.test`, name: "Reader", passwordHash: "x" } });
    try {
      await db.annotation.create({
        data: {
          kind: "HIGHLIGHT",
          authorId: user.id,
          readingId,
          paragraphId: paragraph.id,
          startOffset: 0,
          endOffset: 3,
          quoteExact: "One",
        },
      });
      const result = await saveImportedReading({ slug: slug("c"), reading: importReading("A Title\n\nSomething else.") });
      expect(result.outcome).toBe("kept-annotated");
      expect(await db.paragraph.count({ where: { readingId } })).toBe(2);
      expect(await db.annotation.count({ where: { readingId } })).toBe(1);
    } finally {
      await db.user.delete({ where: { id: user.id } });
    }
  });

  it("[READINGS] uses the given title when the text has none", async () => {
    const untitled = importReading("This opens with a sentence.\n\nAnd goes on.");
    const { readingId } = await saveImportedReading({ slug: slug("d"), reading: untitled, title: "Given title" });
    expect((await findReading({ readingId, actor: null }))?.title).toBe("Given title");
    await expect(saveImportedReading({ slug: slug("e"), reading: untitled })).rejects.toThrow(/no title/);
  });
});

describe("findReading and listReadings", () => {
  beforeAll(async () => {
    await saveImportedReading({ slug: slug("listed"), reading: importReading("Listed Title\n\nP1.\n\nP2.\n\nP3.") });
  });

  it("[READINGS] an unknown id finds nothing", async () => {
    expect(await findReading({ readingId: "does-not-exist", actor: null })).toBeNull();
  });

  it("[READINGS] the library lists readings with their paragraph counts", async () => {
    const listed = (await listReadings({ actor: null, take: 500 })).find((reading) => reading.title === "Listed Title");
    expect(listed?.paragraphCount).toBe(3);
  });
});

describe("checkHealth", () => {
  it("[HEALTH] reports the database up with its applied migrations", async () => {
    const report = await checkHealth();
    expect(report.status).toBe("ok");
    expect(report.database.status).toBe("up");
    expect(report.database.migrationsApplied).toBeGreaterThanOrEqual(1);
    expect(report.database.lastMigration).toMatch(/^\d{14}_/);
  });

  it("[HEALTH] reports the database down, without leaking the connection string, when it is unreachable", async () => {
    const unreachable = new PrismaClient({
      adapter: new PrismaPg({ connectionString: "postgresql://nobody:secret@127.0.0.1:1/none", connectionTimeoutMillis: 1_000 }),
    });
    try {
      const report = await checkHealth({ db: unreachable });
      expect(report.status).toBe("degraded");
      expect(report.database.status).toBe("down");
      expect(report.database.error).toBe("unreachable");
      expect(JSON.stringify(report)).not.toContain("secret");
    } finally {
      await unreachable.$disconnect();
    }
  });
});
