import { updateReadingPreference as updateReadingPreferenceEndpoint } from "@/lib/api/annotations";
import { updateReadingPreference } from "@/lib/server/readings/update-reading-preference";
import { route } from "@/lib/server/route";

/** Remembers the reader's choices on the reading page (who new highlights are shared with, others' highlights shown). */
export const PUT = route(updateReadingPreferenceEndpoint, ({ body, actor }) => updateReadingPreference({ actorId: actor.id, input: body }));
