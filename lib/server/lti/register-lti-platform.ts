import "server-only";
import { frameOriginsFor, type LtiPlatformInput } from "../../domain/lti.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { isUniqueViolation } from "../database-errors.ts";
import { forgetFrameOrigins } from "./list-frame-origins.ts";

/** The operator registers an LMS (an LTI 1.3 platform) and its deployments of Scholia. */
export async function registerLtiPlatform({ input }: { input: LtiPlatformInput }): Promise<{ id: string }> {
  try {
    const platform = await getDb().ltiPlatform.create({
      data: {
        name: input.name,
        issuer: input.issuer,
        clientId: input.clientId,
        authLoginUrl: input.authLoginUrl,
        accessTokenUrl: input.accessTokenUrl,
        jwksUrl: input.jwksUrl,
        frameOrigins: frameOriginsFor(input),
        deployments: { create: input.deploymentIds.map((deploymentId) => ({ deploymentId })) },
      },
      select: { id: true },
    });
    forgetFrameOrigins();
    return platform;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError("CONFLICT", "This LMS (issuer and client id) is already registered. Remove it first to register it again.", {
      fieldErrors: { clientId: ["This issuer already has a registration with this client id."] },
    });
  }
}
