import type { Role } from "../../domain/permissions.ts";
import { getDb } from "../db.ts";

// The people of an integration test: one account per name, under the test's prefix so that
// nothing collides with another file's data, addresses confirmed, no usable password.

export type TestPerson = { id: string; name: string };

/**
 * Creates `${prefix}-${person}@example.test` for each name (lower-cased), named "person prefix"
 * unless `nameOf` says otherwise. Returns them by name, in one statement.
 */
export async function createPeople<Person extends string>(
  prefix: string,
  people: readonly Person[],
  { nameOf = (person: Person) => `${person} ${prefix}` }: { nameOf?: (person: Person) => string } = {},
): Promise<Record<Person, TestPerson>> {
  const rows = await getDb().user.createManyAndReturn({
    data: people.map((person) => ({
      email: `${prefix}-${person.toLowerCase()}@example.test`,
      name: nameOf(person),
      passwordHash: "x",
      emailVerifiedAt: new Date(),
    })),
    select: { id: true, name: true, email: true },
  });
  const byEmail = new Map(rows.map(({ email, ...person }) => [email, person]));
  return Object.fromEntries(people.map((person) => [person, byEmail.get(`${prefix}-${person.toLowerCase()}@example.test`)!])) as Record<
    Person,
    TestPerson
  >;
}

/** Makes each person given a member of the course in the role given (in no group), in one statement. */
export async function enrol<Person extends string>(
  courseId: string,
  users: Record<Person, TestPerson>,
  roles: Partial<Record<Person, Role>>,
): Promise<void> {
  const seats = Object.entries(roles) as [Person, Role][];
  await getDb().membership.createMany({ data: seats.map(([person, role]) => ({ courseId, userId: users[person].id, role })) });
}
