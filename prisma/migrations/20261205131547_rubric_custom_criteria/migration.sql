-- DropIndex
DROP INDEX "RubricCriterion_assignmentId_kind_key";

-- AlterTable
ALTER TABLE "RubricCriterion" ADD COLUMN     "description" TEXT,
ADD COLUMN     "followsAssignmentMinimum" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "name" TEXT;

-- CreateTable
CREATE TABLE "RubricScore" (
    "id" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "comment" TEXT,
    "gradedById" TEXT,
    "gradedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RubricScore_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RubricScore_studentId_idx" ON "RubricScore"("studentId");

-- CreateIndex
CREATE UNIQUE INDEX "RubricScore_criterionId_studentId_key" ON "RubricScore"("criterionId", "studentId");

-- AddForeignKey
ALTER TABLE "RubricScore" ADD CONSTRAINT "RubricScore_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "RubricCriterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RubricScore" ADD CONSTRAINT "RubricScore_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RubricScore" ADD CONSTRAINT "RubricScore_gradedById_fkey" FOREIGN KEY ("gradedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;



-- Hand-written: at most one criterion of each automatic kind per assignment, and any number of CUSTOM ones.
CREATE UNIQUE INDEX "RubricCriterion_assignmentId_kind_key" ON "RubricCriterion"("assignmentId", "kind") WHERE "kind" <> 'CUSTOM';

-- Hand-written checks: a CUSTOM criterion has a name and only it has one, points and scores as the forms allow.
ALTER TABLE "RubricCriterion" ADD CONSTRAINT "RubricCriterion_custom_name_check" CHECK (("kind" = 'CUSTOM') = ("name" IS NOT NULL));
ALTER TABLE "RubricCriterion" ADD CONSTRAINT "RubricCriterion_points_check" CHECK ("points" >= 0 AND "points" <= 1000);
ALTER TABLE "RubricScore" ADD CONSTRAINT "RubricScore_score_check" CHECK ("score" >= 0);

-- Hand-written: a minimum-posts criterion saved at the assignment's own minimum follows it from now on.
UPDATE "RubricCriterion" AS c SET "followsAssignmentMinimum" = true
FROM "Assignment" AS a
WHERE c."assignmentId" = a."id" AND c."kind" = 'MIN_POSTS_BEFORE_DUE' AND c."threshold" = GREATEST(1, a."minPosts");
