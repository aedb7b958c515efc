-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "firstPage" INTEGER,
ADD COLUMN     "lastPage" INTEGER;


-- Both pages or neither, the first not after the last: the form says so first, and this keeps it so.
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_pages_check" CHECK (
  ("firstPage" IS NULL) = ("lastPage" IS NULL)
  AND ("firstPage" IS NULL OR ("firstPage" >= 1 AND "firstPage" <= "lastPage"))
);
