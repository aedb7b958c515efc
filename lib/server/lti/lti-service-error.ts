import "server-only";

/** An LMS service (token endpoint, AGS, NRPS) failed; the message says how, for the instructor. */
export class LtiServiceError extends Error {
  constructor(
    message: string,
    /** False when trying again cannot help (the LMS refused the request as such). */
    readonly isRetryable = true,
  ) {
    super(message);
    this.name = "LtiServiceError";
  }
}
