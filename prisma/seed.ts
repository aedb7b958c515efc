// Seeds the statement and the demo course, idempotently: running it again changes nothing.
// Run with `npm run db:seed` (npm start runs it on every boot).
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import bcrypt from "bcryptjs";
import { importReading } from "../lib/domain/reading-import.ts";
import { disconnectDb, getDb } from "../lib/server/db.ts";
import { saveImportedReading } from "../lib/server/readings/save-imported-reading.ts";
import type { Role } from "../lib/server/generated/prisma/client.ts";

export const STATEMENT_SLUG = "sco-2006-international-information-security";
const statementPath = path.resolve(import.meta.dirname, "..", "content", "readings", `${STATEMENT_SLUG}.txt`);

/** Demo accounts listed in README.md. Local demo data only. */
export const DEMO_PASSWORD = "scholia-demo";
export const DEMO_ACCOUNTS: readonly { email: string; name: string; role: Role; group: string | null }[] = [
  { email: "instructor@scholia.test", name: "Irene Instructor", role: "INSTRUCTOR", group: null },
  { email: "ta@scholia.test", name: "Tomás Assistant", role: "TA", group: null },
  { email: "ana@scholia.test", name: "Ana Student", role: "STUDENT", group: "Group A" },
  { email: "ben@scholia.test", name: "Ben Student", role: "STUDENT", group: "Group A" },
  { email: "chen@scholia.test", name: "Chen Student", role: "STUDENT", group: "Group B" },
  { email: "dara@scholia.test", name: "Dara Student", role: "STUDENT", group: "Group B" },
];
const DEMO_COURSE_ID = "demo-course";
const DEMO_ASSIGNMENT_ID = "demo-assignment-sco-2006";

export type SeedSummary = { readingId: string; readingOutcome: string; usersCreated: number };

export async function seedDatabase(): Promise<SeedSummary> {
  const db = getDb();
  const imported = importReading(readFileSync(statementPath));
  const { readingId, outcome } = await saveImportedReading({ slug: STATEMENT_SLUG, reading: imported });

  const existingUsers = await db.user.findMany({
    where: { email: { in: DEMO_ACCOUNTS.map((account) => account.email) } },
    select: { email: true },
  });
  const existingEmails = new Set(existingUsers.map((user) => user.email));
  const missing = DEMO_ACCOUNTS.filter((account) => !existingEmails.has(account.email));
  if (missing.length > 0) {
    const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
    await db.user.createMany({
      data: missing.map(({ email, name }) => ({ email, name, passwordHash, emailVerifiedAt: new Date() })),
      skipDuplicates: true,
    });
  }

  await db.course.upsert({
    where: { id: DEMO_COURSE_ID },
    create: { id: DEMO_COURSE_ID, title: "Information Security Policy (demo)", term: "Spring 2027", joinCode: "DEMO-CODE-2006" },
    update: {},
  });
  const groupNames = [...new Set(DEMO_ACCOUNTS.flatMap((account) => (account.group ? [account.group] : [])))];
  for (const name of groupNames) {
    await db.group.upsert({
      where: { courseId_name: { courseId: DEMO_COURSE_ID, name } },
      create: { courseId: DEMO_COURSE_ID, name },
      update: {},
    });
  }
  const [users, groups] = await Promise.all([
    db.user.findMany({ where: { email: { in: DEMO_ACCOUNTS.map((account) => account.email) } }, select: { id: true, email: true } }),
    db.group.findMany({ where: { courseId: DEMO_COURSE_ID }, select: { id: true, name: true } }),
  ]);
  const userIdByEmail = new Map(users.map((user) => [user.email, user.id]));
  const groupIdByName = new Map(groups.map((group) => [group.name, group.id]));
  await db.membership.createMany({
    data: DEMO_ACCOUNTS.map((account) => ({
      userId: userIdByEmail.get(account.email)!,
      courseId: DEMO_COURSE_ID,
      role: account.role,
      groupId: account.group ? groupIdByName.get(account.group)! : null,
    })),
    skipDuplicates: true,
  });

  await db.assignment.upsert({
    where: { id: DEMO_ASSIGNMENT_ID },
    create: {
      id: DEMO_ASSIGNMENT_ID,
      courseId: DEMO_COURSE_ID,
      readingId,
      title: "Read and annotate the 2006 SCO statement",
      minPosts: 3,
    },
    update: {},
  });

  return { readingId, readingOutcome: outcome, usersCreated: missing.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  seedDatabase()
    .then((summary) => {
      console.log(`Seeded: statement ${summary.readingOutcome} (${summary.readingId}), ${summary.usersCreated} demo account(s) created.`);
    })
    .catch((error: unknown) => {
      console.error("Seeding failed:", error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => disconnectDb());
}
