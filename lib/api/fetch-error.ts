// What a call to the API rejects with, without zod or the contracts: the reading page's browser
// code tells failures apart with these before it has loaded either (lib/api/fetch-endpoint.ts).

/** What a failure to reach the server says. */
export const NETWORK_MESSAGE = "Scholia could not be reached. Check your connection and try again.";

/** A refused or failed request: the API's error (code, message, field errors), or no answer at all. */
export class FetchError extends Error {
  /** The HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The API's error code (VALIDATION, NOT_FOUND, …), "NETWORK" or "UNEXPECTED_RESPONSE". */
  readonly code: string;
  readonly fieldErrors: Record<string, string[]>;

  constructor(status: number, code: string, message: string, fieldErrors: Record<string, string[]> = {}) {
    super(message);
    this.name = "FetchError";
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

/** A message for a person from anything a call rejected with. */
export function messageOf(error: unknown, fallback = "That did not work. Try again."): string {
  return error instanceof FetchError ? error.message : fallback;
}
