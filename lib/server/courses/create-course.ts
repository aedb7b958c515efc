import "server-only";
import { z } from "zod";
import { isSaveableText, requiredTextSchema, UNSAVEABLE_TEXT_MESSAGE } from "../../domain/saveable-text.ts";
import { getDb } from "../db.ts";
import { isUniqueViolation } from "../database-errors.ts";
import { generateJoinCode } from "./generate-join-code.ts";

export const createCourseSchema = z.object({
  title: requiredTextSchema({ missing: "Enter a course title.", max: 120 }),
  term: z.string().trim().max(60, "Use at most 60 characters.").refine(isSaveableText, UNSAVEABLE_TEXT_MESSAGE).default(""),
});
export type CreateCourseInput = z.infer<typeof createCourseSchema>;

/** Creates a course with a fresh join code; its creator is its first instructor. */
export async function createCourse({
  actorId,
  input,
}: {
  actorId: string;
  input: CreateCourseInput;
}): Promise<{ id: string; joinCode: string }> {
  // A join code collision is astronomically unlikely (~60 bits), but cheap to survive.
  for (let attempt = 0; ; attempt += 1) {
    try {
      return (await getDb().course.create({
        data: {
          title: input.title,
          term: input.term,
          joinCode: generateJoinCode(),
          memberships: { create: { userId: actorId, role: "INSTRUCTOR" } },
        },
        select: { id: true, joinCode: true },
      })) as { id: string; joinCode: string };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}
