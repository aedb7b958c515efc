import { getReadingImportStatus } from "@/lib/api/reading-imports";
import { findReadingImport } from "@/lib/server/readings/import/find-reading-import";
import { route } from "@/lib/server/route";

/** An import's progress (its owner only): state, pages read, the refusal, the saved reading. */
export const GET = route(getReadingImportStatus, async ({ params, actor }) => {
  const {
    digest: _digest,
    result: _result,
    ...status
  } = await findReadingImport({ actorId: actor.id, importId: params.id, withResult: false });
  return status;
});
