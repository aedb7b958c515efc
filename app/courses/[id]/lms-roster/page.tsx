import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { ActionForm } from "@/components/action-form";
import { TimeDisplay } from "@/components/time-display";
import { idSchema } from "@/lib/domain/ids";
import { requireActor } from "@/lib/server/auth/get-actor";
import { loadLtiRosterStatus, type LtiRosterStatus } from "@/lib/server/lti/load-lti-roster-status";
import { orNotFound, parsePageParams } from "@/lib/server/pages";
import { syncLtiRosterAction } from "./actions";

export const metadata: Metadata = { title: "LMS roster" };

const paramsSchema = z.object({ id: idSchema() });

/** The course's roster from its LMS (LTI Names and Role Provisioning Services). */
export default async function LmsRosterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: courseId } = parsePageParams(paramsSchema, await params);
  const actor = await requireActor(`/courses/${courseId}/lms-roster`);
  const status = await orNotFound(loadLtiRosterStatus({ actorId: actor.id, courseId }));
  const canSync = status.links.some((link) => link.hasRoster);
  return (
    <>
      <p>
        <Link href={`/courses/${courseId}`}>{status.courseTitle}</Link>
      </p>
      <h1>LMS roster: {status.courseTitle}</h1>
      <section className="panel" aria-labelledby="lms-roster-heading">
        <h2 id="lms-roster-heading">Members from the LMS</h2>
        {status.links.length === 0 ? (
          <p className="empty-state">This course is not linked to an LMS course. Open Scholia from a link in your LMS course first.</p>
        ) : (
          <ul className="course-list">
            {status.links.map((link) => (
              <li key={`${link.lmsName}-${link.contextTitle}`}>
                {link.contextTitle} in {link.lmsName}:{" "}
                {!link.hasRoster ? (
                  "the LMS has not offered its roster"
                ) : link.error ? (
                  <>the last sync failed: {link.error}</>
                ) : link.syncedAt ? (
                  <>
                    last synced <TimeDisplay iso={link.syncedAt} />
                  </>
                ) : (
                  "never synced"
                )}
                {link.hasRoster ? <LmsGroupsStatus link={link} /> : null}
              </li>
            ))}
          </ul>
        )}
        <p>
          Syncing adds the LMS course&apos;s members who are not here yet, applies role changes, and removes people who came from the LMS
          and are no longer in its course: their access to this course ends. People you added in Scholia itself stay.
        </p>
        {status.links.some((link) => link.hasGroups) ? (
          <p>
            The LMS&apos;s groups become groups here, and its students join their LMS group. Groups you made in Scholia stay as they are; a
            group the LMS no longer has is removed here unless it holds posts or assignments.
          </p>
        ) : null}
        {canSync ? (
          <ActionForm action={syncLtiRosterAction} submitLabel="Sync roster from the LMS" pendingLabel="Syncing…">
            <input type="hidden" name="courseId" value={courseId} />
          </ActionForm>
        ) : null}
      </section>
    </>
  );
}

/** How the LMS's groups (Course Groups Service) came over in the last sync, and what to know. */
function LmsGroupsStatus({ link }: { link: LtiRosterStatus["links"][number] }) {
  if (!link.hasGroups) return <p className="context-note">The LMS does not offer its groups, so groups here are yours to manage.</p>;
  return (
    <>
      {link.groupsError ? (
        <p>LMS groups were not synced: {link.groupsError} Members were still synced; the next sync tries the groups again.</p>
      ) : link.groupsSyncedAt ? (
        <p>
          {link.groupCount === 1 ? "1 group" : `${link.groupCount} groups`} from the LMS, last synced{" "}
          <TimeDisplay iso={link.groupsSyncedAt} />.
        </p>
      ) : (
        <p>The LMS offers its groups: the next sync brings them.</p>
      )}
      {link.groupWarnings.length > 0 ? (
        <ul aria-label="Notes on LMS groups">
          {link.groupWarnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
