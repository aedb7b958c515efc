import bcrypt from "bcryptjs";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "../lib/server/db.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDatabase, STATEMENT_SLUG } from "./seed.ts";

afterAll(async () => {
  // The seed's rows are removed so other test files start from the same state.
  const db = getDb();
  await db.course.deleteMany({ where: { id: "demo-course" } });
  await db.user.deleteMany({ where: { email: { in: DEMO_ACCOUNTS.map((account) => account.email) } } });
  await db.reading.deleteMany({ where: { slug: STATEMENT_SLUG } });
  await disconnectDb();
});

describe("seedDatabase", () => {
  it("[SEED] stores the statement with its ten paragraphs and the demo course", async () => {
    const summary = await seedDatabase();
    const db = getDb();
    const reading = await db.reading.findUniqueOrThrow({
      where: { slug: STATEMENT_SLUG },
      include: { paragraphs: { orderBy: { position: "asc" } } },
    });
    expect(summary.readingId).toBe(reading.id);
    expect(reading.title).toBe("Statement of Heads of SCO Member States on International Information Security");
    expect(reading.placeAndDate).toBe("Shanghai, 15 June 2006");
    expect(reading.issuedOn?.toISOString().slice(0, 10)).toBe("2006-06-15");
    expect(reading.paragraphs).toHaveLength(10);
    for (const paragraph of reading.paragraphs) {
      expect(reading.canonicalText.slice(paragraph.startOffset, paragraph.startOffset + paragraph.text.length)).toBe(paragraph.text);
    }
    const members = await db.membership.findMany({ where: { courseId: "demo-course" }, include: { user: true, group: true } });
    expect(members.map((member) => member.user.email).sort()).toEqual(DEMO_ACCOUNTS.map((account) => account.email).sort());
    for (const account of DEMO_ACCOUNTS) {
      const member = members.find((candidate) => candidate.user.email === account.email)!;
      expect(member.role).toBe(account.role);
      expect(member.group?.name ?? null).toBe(account.group);
    }
    const instructor = members.find((member) => member.role === "INSTRUCTOR")!;
    expect(await bcrypt.compare(DEMO_PASSWORD, instructor.user.passwordHash)).toBe(true);
  });

  it("[SEED] running it again duplicates nothing", async () => {
    const db = getDb();
    const countAll = async () => ({
      readings: await db.reading.count(),
      paragraphs: await db.paragraph.count(),
      users: await db.user.count(),
      courses: await db.course.count(),
      groups: await db.group.count(),
      memberships: await db.membership.count(),
      assignments: await db.assignment.count(),
    });
    await seedDatabase();
    const before = await countAll();
    const again = await seedDatabase();
    expect(again.readingOutcome).toBe("unchanged");
    expect(again.usersCreated).toBe(0);
    expect(await countAll()).toEqual(before);
  });

  it("[SEED] two seeds at once still store one statement", async () => {
    const db = getDb();
    await Promise.all([seedDatabase(), seedDatabase()]);
    expect(await db.reading.count({ where: { slug: STATEMENT_SLUG } })).toBe(1);
    const reading = await db.reading.findUniqueOrThrow({
      where: { slug: STATEMENT_SLUG },
      select: { _count: { select: { paragraphs: true } } },
    });
    expect(reading._count.paragraphs).toBe(10);
  });
});
