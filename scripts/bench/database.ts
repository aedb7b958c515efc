// The bench's database: a throwaway scholia_bench_* database on DATABASE_URL's server (or an
// embedded PostgreSQL), migrated and seeded, then filled with annotations by bulk SQL: the main
// reading (the statement) with ROOT_COUNT roots, and for the growth curve copies of it with other
// volumes. 200 extra students join the demo course.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import type pg from "pg";
import { ensureDatabase, startEmbeddedDatabase, withDatabase } from "../lib/embedded-db.ts";
import { applyMigrations } from "../lib/migrate.ts";
import { ASSIGNMENT_ID, bin, COURSE_ID, DEMO_EMAILS, EXTRA_STUDENTS, projectRoot, STATEMENT_SLUG } from "./config.ts";
import { resources, tellReaper, withClient } from "./lifecycle.ts";
import { escapeHtml, log, makeRandom, tiptapDoc, type Random } from "./stats.ts";

export type ServerInfo = { version: string; settings: Record<string, string> };

/** Creates, migrates and seeds the bench database; returns its URL. */
export async function prepareDatabase(): Promise<{ databaseUrl: string; mode: string; serverInfo: ServerInfo }> {
  const mode = process.env.DATABASE_URL ? "DATABASE_URL server" : "embedded PostgreSQL";
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    resources.embeddedDir = mkdtempSync(path.join(os.tmpdir(), "scholia-bench-pg-"));
    tellReaper({ embeddedDir: resources.embeddedDir });
    log(`No DATABASE_URL: starting a throwaway embedded PostgreSQL in ${resources.embeddedDir}…`);
    resources.embedded = await startEmbeddedDatabase({ dataDir: resources.embeddedDir, persistent: false });
    adminUrl = resources.embedded.urlFor("postgres");
  }
  const database = `scholia_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  resources.adminUrl = adminUrl;
  resources.database = database;
  tellReaper({ adminUrl, database });
  await ensureDatabase(adminUrl, database);
  const databaseUrl = withDatabase(adminUrl, database);
  log(`Database ${database} (${mode}).`);
  const serverInfo = await withClient(databaseUrl, async (client) => {
    const settings = await client.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1) ORDER BY name`,
      [["fsync", "synchronous_commit", "shared_buffers", "max_connections", "wal_level"]],
    );
    const version = await client.query<{ server_version: string }>("SHOW server_version");
    return {
      version: version.rows[0]?.server_version ?? "?",
      settings: Object.fromEntries(settings.rows.map((row) => [row.name, row.unit ? `${row.setting} (${row.unit})` : row.setting])),
    };
  });
  applyMigrations(databaseUrl);
  const seeded = spawnSync(process.execPath, [bin("tsx", "dist", "cli.mjs"), "--conditions=react-server", "prisma/seed.ts"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "inherit",
    timeout: 180_000,
  });
  if (seeded.status !== 0) throw new Error(`Seeding failed (exit ${seeded.status ?? seeded.signal}).`);
  return { databaseUrl, mode, serverInfo };
}

export type ParagraphRow = { id: string; position: number; startOffset: number; text: string };
export type Author = { id: string; role: "INSTRUCTOR" | "TA" | "STUDENT"; groupId: string | null };
export type Student = { id: string; email: string; name: string };
export type ReadingData = {
  readingId: string;
  assignmentId: string;
  canonicalText: string;
  paragraphs: ParagraphRow[];
};
export type SeededReading = ReadingData & { roots: number; replies: number; counts: Record<string, number>; seconds: number };

export async function insertRows(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  batchSize = 1_000,
): Promise<void> {
  for (let offset = 0; offset < rows.length; offset += batchSize) {
    const batch = rows.slice(offset, offset + batchSize);
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const placeholders = columns.map((column) => {
        values.push(row[column] ?? null);
        return `$${values.length}`;
      });
      return `(${placeholders.join(", ")})`;
    });
    const columnList = columns.map((column) => `"${column}"`).join(", ");
    await client.query(`INSERT INTO "${table}" (${columnList}) VALUES ${tuples.join(", ")}`, values);
  }
}

/** The 200 extra students (two groups, alternating), sharing the demo password; returns them. */
export async function seedExtraStudents(databaseUrl: string): Promise<Student[]> {
  return withClient(databaseUrl, async (client) => {
    const groups = (
      await client.query<{ id: string; name: string }>(`SELECT id, name FROM "Group" WHERE "courseId" = $1 ORDER BY name`, [COURSE_ID])
    ).rows;
    const groupA = groups.find((group) => group.name === "Group A");
    const groupB = groups.find((group) => group.name === "Group B");
    if (!groupA || !groupB) throw new Error("The seed did not create Group A and Group B.");
    const passwordHash = (
      await client.query<{ passwordHash: string }>(`SELECT "passwordHash" FROM "User" WHERE email = $1`, [DEMO_EMAILS[0]])
    ).rows[0]?.passwordHash;
    if (!passwordHash) throw new Error("The seed did not create the demo accounts.");
    const students = Array.from({ length: EXTRA_STUDENTS }, (_, index) => {
      const n = String(index + 1).padStart(3, "0");
      return { id: `bench_u_${n}`, email: `bench-student-${n}@scholia.test`, name: `Bench Student ${n}`, passwordHash };
    });
    await client.query("BEGIN");
    await insertRows(client, "User", ["id", "email", "name", "passwordHash"], students);
    await insertRows(
      client,
      "Membership",
      ["id", "userId", "courseId", "role", "groupId"],
      students.map((student, index) => ({
        id: `bench_m_${index + 1}`,
        userId: student.id,
        courseId: COURSE_ID,
        role: "STUDENT",
        groupId: index % 2 === 0 ? groupA.id : groupB.id,
      })),
    );
    await client.query("COMMIT");
    return students.map(({ id, email, name }) => ({ id, email, name }));
  });
}

/** The seeded statement (its reading and its assignment in the demo course). */
export async function findStatement(databaseUrl: string): Promise<ReadingData> {
  return withClient(databaseUrl, async (client) => {
    const reading = (await client.query<{ id: string }>(`SELECT id FROM "Reading" WHERE slug = $1`, [STATEMENT_SLUG])).rows[0];
    if (!reading) throw new Error(`The seed did not create the reading ${STATEMENT_SLUG}.`);
    if ((await client.query(`SELECT 1 FROM "Assignment" WHERE id = $1`, [ASSIGNMENT_ID])).rowCount === 0)
      throw new Error(`The seed did not create the assignment ${ASSIGNMENT_ID}.`);
    return readingData(client, reading.id, ASSIGNMENT_ID);
  });
}

/**
 * A copy of the statement (same text, its own paragraphs) assigned in the demo course: a reading
 * of its own for each point of the growth curve. Rows are copied whole, so columns other
 * developers add come along.
 */
export async function copyStatement(databaseUrl: string, suffix: string): Promise<ReadingData> {
  return withClient(databaseUrl, async (client) => {
    const readingId = `bench_reading_${suffix}`;
    const assignmentId = `bench_assignment_${suffix}`;
    await client.query("BEGIN");
    const copy = async (table: string, where: string, set: string, params: unknown[]) => {
      await client.query(`CREATE TEMP TABLE copied ON COMMIT DROP AS SELECT * FROM "${table}" WHERE ${where}`, params);
      await client.query(`UPDATE copied SET ${set}`);
      await client.query(`INSERT INTO "${table}" SELECT * FROM copied`);
      await client.query(`DROP TABLE copied`);
    };
    await copy("Reading", "slug = $1", `id = '${readingId}', slug = slug || '-${suffix}', title = title || ' (${suffix})'`, [
      STATEMENT_SLUG,
    ]);
    const original = (await client.query<{ id: string }>(`SELECT id FROM "Reading" WHERE slug = $1`, [STATEMENT_SLUG])).rows[0]!.id;
    await copy("Paragraph", `"readingId" = $1`, `id = id || '_${suffix}', "readingId" = '${readingId}'`, [original]);
    await copy("ReadingVersion", `"readingId" = $1`, `id = id || '_${suffix}', "readingId" = '${readingId}'`, [original]);
    await copy("Assignment", "id = $1", `id = '${assignmentId}', "readingId" = '${readingId}', title = title || ' (${suffix})'`, [
      ASSIGNMENT_ID,
    ]);
    await client.query("COMMIT");
    return readingData(client, readingId, assignmentId);
  });
}

async function readingData(client: pg.Client, readingId: string, assignmentId: string): Promise<ReadingData> {
  const reading = (await client.query<{ canonicalText: string }>(`SELECT "canonicalText" FROM "Reading" WHERE id = $1`, [readingId]))
    .rows[0]!;
  const paragraphs = (
    await client.query<ParagraphRow>(
      `SELECT id, position, "startOffset", text FROM "Paragraph" WHERE "readingId" = $1 AND "retiredInVersion" IS NULL ORDER BY position`,
      [readingId],
    )
  ).rows;
  if (paragraphs.length === 0) throw new Error("The reading has no paragraphs.");
  for (const paragraph of paragraphs) {
    if (reading.canonicalText.slice(paragraph.startOffset, paragraph.startOffset + paragraph.text.length) !== paragraph.text) {
      throw new Error(`Paragraph ${paragraph.position} does not match the canonical text at its offset.`);
    }
  }
  return { readingId, assignmentId, canonicalText: reading.canonicalText, paragraphs };
}

export type Range = { paragraph: ParagraphRow; start: number; end: number };

export function randomRange(random: Random, reading: Pick<ReadingData, "canonicalText" | "paragraphs">): Range {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const paragraph = random.pick(reading.paragraphs);
    const length = paragraph.text.length;
    if (length < 2) continue;
    let start = paragraph.startOffset + random.int(0, length - 2);
    let end = Math.min(paragraph.startOffset + length, start + random.int(6, 120));
    // Same trimming as the service: a stored range starts and ends on text.
    while (start < end && /\s/.test(reading.canonicalText[start]!)) start += 1;
    while (end > start && /\s/.test(reading.canonicalText[end - 1]!)) end -= 1;
    if (end > start) return { paragraph, start, end };
  }
  throw new Error("Could not find a non-blank range in the reading.");
}

const PHRASES = [
  "This clause echoes the 2005 Tunis agenda",
  "Note the framing of information as a weapon",
  "Who decides what counts as a threat here?",
  "Compare with the UN GGE language",
  'The word "sovereignty" carries the argument',
  "Cooperation & trust, but on whose terms?",
  "A <strong> claim with little detail",
  "I read this as a call for state control",
  "Good example for the essay on norms",
  "Is this binding or declaratory?",
];

const ANNOTATION_COLUMNS = [
  "id",
  "kind",
  "authorId",
  "readingId",
  "paragraphId",
  "courseId",
  "assignmentId",
  "groupId",
  "visibility",
  "parentId",
  "rootId",
  "startOffset",
  "endOffset",
  "quoteExact",
  "quotePrefix",
  "quoteSuffix",
  "color",
  "body",
  "bodyText",
  "bodyHtml",
  "tags",
  "createdAt",
] as const;
type AnnotationInsert = Record<(typeof ANNOTATION_COLUMNS)[number], unknown>;

/** The anchor columns of an annotation on a whole paragraph (a paragraph post, a reply): no range, no quote, no colour. */
const NO_TEXT_ANCHOR = {
  startOffset: null,
  endOffset: null,
  quoteExact: null,
  quotePrefix: null,
  quoteSuffix: null,
  color: null,
} as const;

/**
 * `roots` thread-starting annotations (40% highlights, 45% comments, 15% paragraph posts; 80%
 * course-wide, the rest group or private) by the course's members, and `replies` replies, in
 * one transaction. Deterministic for a given seed.
 */
export async function seedAnnotations(
  databaseUrl: string,
  reading: ReadingData,
  { roots: rootCount, replies: replyCount, seed, idPrefix }: { roots: number; replies: number; seed: number; idPrefix: string },
): Promise<SeededReading> {
  const started = performance.now();
  const random = makeRandom(seed);
  return withClient(databaseUrl, async (client) => {
    const members = (
      await client.query<{ id: string; role: Author["role"]; groupId: string | null }>(
        `SELECT "userId" AS id, role, "groupId" FROM "Membership" WHERE "courseId" = $1 ORDER BY "userId"`,
        [COURSE_ID],
      )
    ).rows;
    const groupIds = [...new Set(members.flatMap((member) => (member.groupId ? [member.groupId] : [])))];
    const membersOf = new Map(groupIds.map((groupId) => [groupId, members.filter((member) => member.groupId === groupId)]));
    const staff = members.filter((member) => member.role !== "STUDENT");
    const now = Date.now();
    const day = 24 * 60 * 60 * 1000;
    const text = reading.canonicalText;
    let counter = 0;
    const nextId = () => `${idPrefix}${(counter += 1)}`;
    const bodyFields = (label: string) => {
      const plain = `Bench ${label}: ${random.pick(PHRASES)}.`;
      return { body: JSON.stringify(tiptapDoc(plain)), bodyText: plain, bodyHtml: `<p>${escapeHtml(plain)}</p>` };
    };
    const roots: (AnnotationInsert & { createdAtMs: number })[] = [];
    for (let index = 0; index < rootCount; index += 1) {
      const roll = random.next();
      const kind = roll < 0.4 ? "HIGHLIGHT" : roll < 0.85 ? "COMMENT" : "PARAGRAPH_POST";
      const author = random.pick(members);
      const visibilityRoll = random.next();
      const visibility =
        visibilityRoll < 0.8 ? "COURSE" : visibilityRoll < 0.92 && author.groupId ? "GROUP" : visibilityRoll < 0.92 ? "COURSE" : "PRIVATE";
      const createdAtMs = now - Math.floor(random.next() * 14 * day);
      const base = {
        id: nextId(),
        kind,
        authorId: author.id,
        readingId: reading.readingId,
        courseId: COURSE_ID,
        assignmentId: reading.assignmentId,
        groupId: visibility === "GROUP" ? author.groupId : null,
        visibility,
        parentId: null,
        rootId: null,
        tags: random.next() < 0.2 ? [random.pick(["norms", "sovereignty", "question", "essay"])] : [],
        createdAt: new Date(createdAtMs),
        createdAtMs,
      };
      if (kind === "PARAGRAPH_POST") {
        const paragraph = random.pick(reading.paragraphs);
        roots.push({
          ...base,
          paragraphId: paragraph.id,
          ...NO_TEXT_ANCHOR,
          ...bodyFields(`paragraph post ${index + 1}`),
        });
      } else {
        const range = randomRange(random, reading);
        roots.push({
          ...base,
          paragraphId: range.paragraph.id,
          startOffset: range.start,
          endOffset: range.end,
          quoteExact: text.slice(range.start, range.end),
          quotePrefix: text.slice(Math.max(0, range.start - 32), range.start),
          quoteSuffix: text.slice(range.end, range.end + 32),
          color: random.pick(["yellow", "green", "blue", "pink"]),
          ...(kind === "COMMENT" ? bodyFields(`comment ${index + 1}`) : { body: null, bodyText: null, bodyHtml: null }),
        });
      }
    }
    const threads = roots.filter((root) => root.kind !== "HIGHLIGHT");
    const replies: AnnotationInsert[] = [];
    for (let index = 0; index < replyCount && threads.length > 0; index += 1) {
      const root = random.pick(threads);
      // Someone who can read the thread: its author for a private one, a group member (or staff) for a group one.
      const author =
        root.visibility === "PRIVATE"
          ? { id: String(root.authorId) }
          : root.visibility === "GROUP"
            ? random.pick([...(membersOf.get(String(root.groupId)) ?? []), ...staff])
            : random.pick(members);
      replies.push({
        id: nextId(),
        kind: "REPLY",
        authorId: author.id,
        readingId: reading.readingId,
        paragraphId: root.paragraphId,
        courseId: COURSE_ID,
        assignmentId: reading.assignmentId,
        groupId: root.groupId,
        visibility: root.visibility,
        parentId: root.id,
        rootId: root.id,
        ...NO_TEXT_ANCHOR,
        ...bodyFields(`reply ${index + 1}`),
        tags: [],
        createdAt: new Date(Math.min(now, root.createdAtMs + Math.floor(random.next() * 2 * day))),
      });
    }
    await client.query("BEGIN");
    try {
      await insertRows(client, "Annotation", ANNOTATION_COLUMNS, roots);
      await insertRows(client, "Annotation", ANNOTATION_COLUMNS, replies);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
    // Fresh statistics, as autovacuum would produce shortly after a bulk load.
    await client.query(`ANALYZE "Annotation", "User", "Membership"`);
    const counted = await client.query<{ kind: string; count: string }>(
      `SELECT kind::text AS kind, count(*)::text AS count FROM "Annotation" WHERE "readingId" = $1 GROUP BY kind ORDER BY kind`,
      [reading.readingId],
    );
    return {
      ...reading,
      roots: rootCount,
      replies: replies.length,
      counts: Object.fromEntries(counted.rows.map((row) => [row.kind, Number(row.count)])),
      seconds: (performance.now() - started) / 1000,
    };
  });
}
