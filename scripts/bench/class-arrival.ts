// A class arriving (issue #12, target 4): every extra student, each with a session of their own,
// loads the reading page once and opens the live stream, their arrivals spread evenly over
// ARRIVAL_WINDOW_MS and alternating between the instances; then the instructor posts and the
// post's arrival is timed on all the students' streams.
import { ARRIVAL_WINDOW_MS, COURSE_ID, REQUEST_TIMEOUT_MS, PAGE_ACCEPT } from "./config.ts";
import { randomRange, type ReadingData } from "./database.ts";
import { findLiveCursor } from "./html.ts";
import { postCourseComment } from "./creates.ts";
import { eventsUrl, newestEventId, openEventStream, type EventStream } from "./live.ts";
import { makeRandom, round, sleep, summarise, type Summary } from "./stats.ts";

export type ClassArrivalResult = {
  students: number;
  windowSeconds: number;
  /** Seconds from the first arrival to the last stream open. */
  arrivedWithinSeconds: number;
  pageMs: Summary;
  pageErrors: number;
  streamsOpened: number;
  streamErrors: number;
  /** The post after everyone arrived: POST start → event, per stream. */
  deliveryMs: Summary;
  delivered: number;
  missing: number;
  sampleErrors: string[];
};

export async function benchClassArrival({
  origins,
  cookies,
  instructorCookie,
  reading,
  databaseUrl,
}: {
  origins: string[];
  /** One session per student. */
  cookies: string[];
  instructorCookie: string;
  reading: ReadingData;
  databaseUrl: string;
}): Promise<ClassArrivalResult> {
  const pageTimes: number[] = [];
  const sampleErrors: string[] = [];
  let pageErrors = 0;
  let streamErrors = 0;
  const marker = `class-arrival-${Date.now()}`;
  let sentAt = 0;
  const arrivals: number[] = [];
  const streams: EventStream[] = [];
  // For a page that does not say where its stream starts: the newest event before anyone arrives.
  const fallbackCursor = await newestEventId(databaseUrl);
  const startedAt = performance.now();
  const gap = ARRIVAL_WINDOW_MS / Math.max(1, cookies.length);
  const fail = (message: string) => {
    if (sampleErrors.length < 5) sampleErrors.push(message);
  };

  await Promise.all(
    cookies.map(async (cookie, index) => {
      await sleep(index * gap);
      const origin = origins[index % origins.length]!;
      const started = performance.now();
      let cursor: string | null = null;
      try {
        const response = await fetch(`${origin}/readings/${reading.readingId}?course=${COURSE_ID}`, {
          headers: { Accept: PAGE_ACCEPT, Cookie: cookie },
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const html = await response.text();
        pageTimes.push(performance.now() - started);
        if (response.status !== 200) {
          pageErrors += 1;
          fail(`page ${response.status}: ${html.slice(0, 200)}`);
          return;
        }
        cursor = findLiveCursor(html);
      } catch (error) {
        pageTimes.push(performance.now() - started);
        pageErrors += 1;
        fail(`page: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      try {
        let seen = false;
        const stream = await openEventStream(
          eventsUrl(origin, reading.readingId, cursor ?? fallbackCursor),
          { Cookie: cookie },
          (block) => {
            if (!seen && block.includes(marker)) {
              seen = true;
              arrivals.push(performance.now() - sentAt);
            }
          },
        );
        streams.push(stream);
      } catch (error) {
        streamErrors += 1;
        fail(`stream: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
  const arrivedWithinSeconds = round((performance.now() - startedAt) / 1000, 2);

  // Right after: the instructor posts once; every open stream should have it.
  const range = randomRange(makeRandom(13), reading);
  sentAt = performance.now();
  const response = await postCourseComment(
    `${origins[0]}/api/readings/${reading.readingId}/annotations`,
    { Cookie: instructorCookie },
    range,
    `Everyone look here ${marker}`,
  );
  if (response.status !== 201) fail(`the instructor's post answered ${response.status}`);
  const deadline = Date.now() + 15_000;
  while (arrivals.length < streams.length && Date.now() < deadline) await sleep(50);
  for (const stream of streams) {
    if (stream.brokeOff) streamErrors += 1;
    stream.close();
  }
  return {
    students: cookies.length,
    windowSeconds: ARRIVAL_WINDOW_MS / 1000,
    arrivedWithinSeconds,
    pageMs: summarise(pageTimes),
    pageErrors,
    streamsOpened: streams.length,
    streamErrors,
    deliveryMs: summarise(arrivals),
    delivered: arrivals.length,
    missing: cookies.length - arrivals.length,
    sampleErrors,
  };
}
