import "server-only";
import type { ChangeDisplayNameInput } from "../../domain/account-rules.ts";
import { getDb } from "../db.ts";

/** The name others see on the actor's posts, in rosters and in emails. */
export async function changeDisplayName({ actorId, input }: { actorId: string; input: ChangeDisplayNameInput }): Promise<void> {
  await getDb().user.update({ where: { id: actorId }, data: { name: input.name } });
}
