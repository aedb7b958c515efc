-- CreateEnum
CREATE TYPE "RubricCriterionKind" AS ENUM ('MIN_POSTS_BEFORE_DUE', 'QUOTES_TEXT', 'REPLIES_TO_CLASSMATE', 'ASKS_QUESTION', 'MIN_WORDS');

-- DropIndex
DROP INDEX "Paragraph_readingId_position_key";

-- DropIndex
DROP INDEX "Paragraph_readingId_key_key";

-- AlterTable
ALTER TABLE "Reading" ADD COLUMN     "isPublic" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Paragraph" ADD COLUMN     "retiredInVersion" INTEGER;

-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "createdById" TEXT;

-- AlterTable
-- Hand-written: a generated column, so every write keeps it current (the body's words weigh A,
-- the quoted passage's B).
ALTER TABLE "Annotation" ADD COLUMN     "searchVector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, coalesce("bodyText", '')), 'A') ||
  setweight(to_tsvector('english'::regconfig, coalesce("quoteExact", '')), 'B')
) STORED;

-- CreateTable
CREATE TABLE "ReadingVersion" (
    "id" TEXT NOT NULL,
    "readingId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "canonicalText" TEXT NOT NULL,
    "paragraphs" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReadingVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssignmentGroup" (
    "assignmentId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,

    CONSTRAINT "AssignmentGroup_pkey" PRIMARY KEY ("assignmentId","groupId")
);

-- CreateTable
CREATE TABLE "RubricCriterion" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "kind" "RubricCriterionKind" NOT NULL,
    "threshold" INTEGER NOT NULL DEFAULT 0,
    "points" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "RubricCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GradeOverride" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "comment" TEXT NOT NULL,
    "gradedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GradeOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReadingVersion_readingId_version_key" ON "ReadingVersion"("readingId", "version");

-- CreateIndex
CREATE INDEX "AssignmentGroup_groupId_idx" ON "AssignmentGroup"("groupId");

-- CreateIndex
CREATE INDEX "RubricCriterion_assignmentId_position_idx" ON "RubricCriterion"("assignmentId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "RubricCriterion_assignmentId_kind_key" ON "RubricCriterion"("assignmentId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "GradeOverride_assignmentId_studentId_key" ON "GradeOverride"("assignmentId", "studentId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "Paragraph_readingId_position_idx" ON "Paragraph"("readingId", "position");

-- CreateIndex
CREATE INDEX "Annotation_assignmentId_authorId_idx" ON "Annotation"("assignmentId", "authorId");

-- CreateIndex
CREATE INDEX "Annotation_searchVector_idx" ON "Annotation" USING GIN ("searchVector");

-- AddForeignKey
ALTER TABLE "ReadingVersion" ADD CONSTRAINT "ReadingVersion_readingId_fkey" FOREIGN KEY ("readingId") REFERENCES "Reading"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReadingVersion" ADD CONSTRAINT "ReadingVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentGroup" ADD CONSTRAINT "AssignmentGroup_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentGroup" ADD CONSTRAINT "AssignmentGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RubricCriterion" ADD CONSTRAINT "RubricCriterion_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GradeOverride" ADD CONSTRAINT "GradeOverride_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GradeOverride" ADD CONSTRAINT "GradeOverride_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GradeOverride" ADD CONSTRAINT "GradeOverride_gradedById_fkey" FOREIGN KEY ("gradedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: position and key are unique among a reading's current paragraphs only (retired
-- paragraphs keep their rows for the orphans that point at them).
CREATE UNIQUE INDEX "Paragraph_current_position_key" ON "Paragraph"("readingId", "position") WHERE "retiredInVersion" IS NULL;
CREATE UNIQUE INDEX "Paragraph_current_key_key" ON "Paragraph"("readingId", "key") WHERE "retiredInVersion" IS NULL;

-- Hand-written: readings that existed before this migration were the shared library.
UPDATE "Reading" SET "isPublic" = true;

-- Hand-written checks.
ALTER TABLE "RubricCriterion" ADD CONSTRAINT "RubricCriterion_threshold_nonnegative" CHECK ("threshold" >= 0);
ALTER TABLE "RubricCriterion" ADD CONSTRAINT "RubricCriterion_points_nonnegative" CHECK ("points" >= 0);
ALTER TABLE "ReadingVersion" ADD CONSTRAINT "ReadingVersion_version_positive" CHECK ("version" >= 1);
