import { z } from "zod";
import { idSchema } from "../domain/ids.ts";
import { endpoint } from "./endpoint.ts";

/** The ways a reading can be cut for an assignment, as the assignment form offers them (#16.4). */
export type RangeOptions = {
  readingId: string;
  /** The version the sections and paragraphs below are numbered in; the form sends it back. */
  version: number;
  /** The last page of a reading imported from a PDF; null when it has no pages. */
  lastPage: number | null;
  /** Its sections, when a long reading is cut into more than one. */
  sections: { number: number; title: string; from: number; to: number }[];
  /** Its paragraphs with their first words, for a reading without pages. */
  paragraphs: { position: number; words: string }[];
};

export const readRangeOptions = endpoint<RangeOptions>()({
  method: "GET",
  path: "/api/courses/:id/reading-ranges/:readingId",
  params: z.object({ id: idSchema("Course not found."), readingId: idSchema("Reading not found.") }),
});
