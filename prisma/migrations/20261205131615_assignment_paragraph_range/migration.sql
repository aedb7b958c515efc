-- CreateEnum
CREATE TYPE "AssignmentRangeKind" AS ENUM ('PAGES', 'SECTIONS', 'PARAGRAPHS');

-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "firstParagraphId" TEXT,
ADD COLUMN     "lastParagraphId" TEXT,
ADD COLUMN     "rangeKind" "AssignmentRangeKind";

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_firstParagraphId_fkey" FOREIGN KEY ("firstParagraphId") REFERENCES "Paragraph"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_lastParagraphId_fkey" FOREIGN KEY ("lastParagraphId") REFERENCES "Paragraph"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Backfill: an assignment of pages covers the current paragraphs from the first on its first page
-- to the last on its last page.
UPDATE "Assignment" AS a
SET "rangeKind" = 'PAGES',
    "firstParagraphId" = (SELECT p."id" FROM "Paragraph" p
                          WHERE p."readingId" = a."readingId" AND p."retiredInVersion" IS NULL AND p."page" >= a."firstPage"
                          ORDER BY p."position" ASC LIMIT 1),
    "lastParagraphId" = (SELECT p."id" FROM "Paragraph" p
                         WHERE p."readingId" = a."readingId" AND p."retiredInVersion" IS NULL AND p."page" <= a."lastPage"
                         ORDER BY p."position" DESC LIMIT 1)
WHERE a."firstPage" IS NOT NULL AND a."lastPage" IS NOT NULL;
