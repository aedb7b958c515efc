// The creates' yardstick: a bare node:http + pg server that stores the same row an annotation
// create stores (every column of a comment on a range: quote, prefix and suffix cut from the text,
// the body as JSON, its plain text and HTML), one INSERT per request through a pg pool of the
// app's size. No framework, no sessions, no validation beyond the shape: what the machine and
// PostgreSQL can do for this row, to measure the app against in the same run (issue #12, target 3).
import { randomUUID } from "node:crypto";
import http from "node:http";
import pg from "pg";

const port = Number(process.env.BARE_PORT);
const readingId = process.env.BARE_READING_ID ?? "";
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BARE_POOL_SIZE ?? 10) });
pool.on("error", () => undefined);

type Paragraph = { id: string; startOffset: number };
const reading = (await pool.query<{ canonicalText: string }>(`SELECT "canonicalText" FROM "Reading" WHERE id = $1`, [readingId])).rows[0];
if (!reading) throw new Error(`No reading ${readingId}.`);
const paragraphs = (
  await pool.query<Paragraph>(
    `SELECT id, "startOffset" FROM "Paragraph" WHERE "readingId" = $1 AND "retiredInVersion" IS NULL ORDER BY position`,
    [readingId],
  )
).rows;
const author = (await pool.query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'ana@scholia.test'`)).rows[0]!;
const assignments = new Map<string, string>();

type Body = {
  courseId: string;
  kind: string;
  target: { start: number; end: number };
  body: { content?: { content?: { text?: string }[] }[] };
  visibility: string;
};

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

async function insert(input: Body): Promise<string> {
  const { start, end } = input.target;
  const text = reading!.canonicalText;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) throw new Error("bad range");
  const paragraph = [...paragraphs].reverse().find((candidate) => candidate.startOffset <= start)!;
  const plain = input.body.content?.[0]?.content?.[0]?.text ?? "";
  const id = `bare_${randomUUID()}`;
  if (!assignments.has(input.courseId)) {
    const found = await pool.query<{ id: string }>(
      `SELECT id FROM "Assignment" WHERE "courseId" = $1 AND "readingId" = $2 ORDER BY "createdAt" LIMIT 1`,
      [input.courseId, readingId],
    );
    assignments.set(input.courseId, found.rows[0]?.id ?? "");
  }
  await pool.query(
    `INSERT INTO "Annotation" (id, kind, "authorId", "readingId", "paragraphId", "courseId", "assignmentId", visibility, "startOffset",
       "endOffset", "quoteExact", "quotePrefix", "quoteSuffix", color, body, "bodyText", "bodyHtml", tags)
     VALUES ($1, $2, $3, $4, $5, $6, NULLIF($16, ''), $7, $8, $9, $10, $11, $12, 'yellow', $13, $14, $15, '{}')`,
    [
      id,
      input.kind,
      author.id,
      readingId,
      paragraph.id,
      input.courseId,
      input.visibility,
      start,
      end,
      text.slice(start, end),
      text.slice(Math.max(0, start - 32), start),
      text.slice(end, end + 32),
      JSON.stringify(input.body),
      plain,
      `<p>${escapeHtml(plain)}</p>`,
      assignments.get(input.courseId),
    ],
  );
  return id;
}

const server = http.createServer((request, response) => {
  if (request.method === "GET" && request.url === "/health") {
    response.writeHead(200).end("ok");
    return;
  }
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    let input: Body;
    try {
      input = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Body;
    } catch {
      response.writeHead(400).end();
      return;
    }
    insert(input).then(
      (id) => {
        response.writeHead(201, { "Content-Type": "application/json" }).end(JSON.stringify({ id }));
      },
      (error: unknown) => {
        response.writeHead(500, { "Content-Type": "text/plain" }).end(error instanceof Error ? error.message : String(error));
      },
    );
  });
});
server.listen(port, "127.0.0.1");
const stop = () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
