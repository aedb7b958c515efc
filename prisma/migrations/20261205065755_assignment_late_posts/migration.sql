-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "acceptsLatePosts" BOOLEAN NOT NULL DEFAULT true;

