-- AlterTable
ALTER TABLE "AnnotationEvent" ADD COLUMN     "assignmentId" TEXT,
ADD COLUMN     "paragraphId" TEXT;

