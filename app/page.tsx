import "./library.css";
import Link from "next/link";
import { connection } from "next/server";
import { LibraryCard } from "@/components/library-card";
import { canCreateReading } from "@/lib/domain/reading-access";
import { getActor } from "@/lib/server/auth/get-actor";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";
import { listReadings } from "@/lib/server/readings/list-readings";

export default async function HomePage() {
  // Rendered per request: the library lives in the database, not in the build.
  await connection();
  const actor = await getActor();
  const actorContext = actor ? await loadActorContext(actor.id) : null;
  const readings = await listReadings({ actor: actorContext });

  return (
    <>
      <section className="intro" aria-labelledby="intro-heading">
        <h1 id="intro-heading">Read together</h1>
        <p>
          Scholia is a place to read a text closely with a class: highlight passages, comment on them and discuss every paragraph in its own
          thread.
        </p>
      </section>
      <section aria-labelledby="library-heading">
        <h2 id="library-heading">Readings</h2>
        {canCreateReading(actorContext) ? (
          <p>
            <Link href="/readings/new">Add a reading</Link>
          </p>
        ) : null}
        {readings.length === 0 ? (
          <p className="empty-state">
            No readings yet. Run <code>npm run db:seed</code> to add the 2006 SCO statement.
          </p>
        ) : (
          <ul className="library">
            {readings.map((reading) => (
              <li key={reading.id}>
                <LibraryCard
                  href={`/readings/${reading.id}`}
                  title={reading.title}
                  facts={[reading.kicker, reading.placeAndDate, `${reading.paragraphCount} paragraphs`]}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
