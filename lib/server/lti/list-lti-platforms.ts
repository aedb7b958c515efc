import "server-only";
import { getDb } from "../db.ts";

export type LtiPlatformRow = {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  authLoginUrl: string;
  accessTokenUrl: string;
  jwksUrl: string;
  frameOrigins: string[];
  deploymentIds: string[];
  courseCount: number;
  accountCount: number;
  createdAt: Date;
};

/** Every registered LMS, for the operator's page (a handful: no paging). */
export async function listLtiPlatforms(): Promise<LtiPlatformRow[]> {
  const platforms = await getDb().ltiPlatform.findMany({
    orderBy: { createdAt: "asc" },
    take: 200,
    select: {
      id: true,
      name: true,
      issuer: true,
      clientId: true,
      authLoginUrl: true,
      accessTokenUrl: true,
      jwksUrl: true,
      frameOrigins: true,
      createdAt: true,
      deployments: { select: { deploymentId: true }, orderBy: { createdAt: "asc" } },
      _count: { select: { contexts: true, accounts: true } },
    },
  });
  return platforms.map(({ deployments, _count, ...platform }) => ({
    ...platform,
    deploymentIds: deployments.map((deployment) => deployment.deploymentId),
    courseCount: _count.contexts,
    accountCount: _count.accounts,
  }));
}
