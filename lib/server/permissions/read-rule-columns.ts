import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";

/**
 * The columns of an annotation the permission core decides who may read it from (author,
 * context, visibility, moderation, deletion, post-first gate): select them wherever a decision
 * is made on a row (paint layers, notification emails).
 */
export const readRuleColumns = {
  authorId: true,
  courseId: true,
  groupId: true,
  visibility: true,
  hiddenAt: true,
  deletedAt: true,
  assignmentId: true,
  paragraphId: true,
} satisfies Prisma.AnnotationSelect;
