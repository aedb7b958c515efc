// The live channel resumes after an event id (AnnotationEvent.id, a PostgreSQL bigint): from
// ?after= on the first connection, from Last-Event-ID on a reconnection. An id the column cannot
// hold would fail in the query (a 500); it is refused here instead.

/** The largest bigint (int8) PostgreSQL stores. */
export const MAX_EVENT_ID = 9_223_372_036_854_775_807n;

export const EVENT_ID_MESSAGE = `An event id is a whole number from 0 to ${MAX_EVENT_ID}.`;

/** The id as a bigint, or null when it is not digits or is beyond the int8 range. */
export function parseEventId(text: string): bigint | null {
  if (!/^\d{1,19}$/.test(text)) return null;
  const id = BigInt(text);
  return id <= MAX_EVENT_ID ? id : null;
}
