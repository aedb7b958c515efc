import "server-only";
import type { LtiProblem } from "../../domain/lti.ts";

/** A launch or login Scholia refuses; the edge shows the problem's page (/lti/problem). */
export class LtiLaunchError extends Error {
  readonly problem: LtiProblem;
  /** The login to start again in a new tab, when that is the way out (third-party cookies blocked). */
  readonly retryLoginId: string | undefined;

  constructor(problem: LtiProblem, detail?: string, retryLoginId?: string) {
    super(detail ? `${problem}: ${detail}` : problem);
    this.name = "LtiLaunchError";
    this.problem = problem;
    this.retryLoginId = retryLoginId;
  }
}
