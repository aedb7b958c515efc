-- CreateEnum
CREATE TYPE "ReadingImportStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "ParagraphKind" AS ENUM ('TEXT', 'HEADING', 'NOTE', 'CAPTION', 'QUOTE', 'LIST_ITEM', 'CODE');

-- AlterTable
ALTER TABLE "Reading" ADD COLUMN     "originalFileId" TEXT;

-- AlterTable
ALTER TABLE "Paragraph" ADD COLUMN     "kind" "ParagraphKind" NOT NULL DEFAULT 'TEXT',
ADD COLUMN     "level" INTEGER,
ADD COLUMN     "page" INTEGER;

-- CreateTable
CREATE TABLE "ReadingFile" (
    "id" TEXT NOT NULL,
    "uploadedById" TEXT,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReadingFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReadingImport" (
    "id" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "status" "ReadingImportStatus" NOT NULL DEFAULT 'QUEUED',
    "pagesDone" INTEGER NOT NULL DEFAULT 0,
    "pagesTotal" INTEGER,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "result" JSONB,
    "digest" TEXT,
    "readingId" TEXT,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ReadingImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReadingImport_readingId_key" ON "ReadingImport"("readingId");

-- CreateIndex
CREATE INDEX "ReadingImport_createdById_createdAt_idx" ON "ReadingImport"("createdById", "createdAt");

-- CreateIndex
CREATE INDEX "ReadingImport_fileId_idx" ON "ReadingImport"("fileId");

-- CreateIndex
CREATE INDEX "ReadingImport_createdAt_idx" ON "ReadingImport"("createdAt");

-- CreateIndex
CREATE INDEX "Reading_originalFileId_idx" ON "Reading"("originalFileId");

-- AddForeignKey
ALTER TABLE "Reading" ADD CONSTRAINT "Reading_originalFileId_fkey" FOREIGN KEY ("originalFileId") REFERENCES "ReadingFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReadingFile" ADD CONSTRAINT "ReadingFile_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReadingImport" ADD CONSTRAINT "ReadingImport_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "ReadingFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReadingImport" ADD CONSTRAINT "ReadingImport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReadingImport" ADD CONSTRAINT "ReadingImport_readingId_fkey" FOREIGN KEY ("readingId") REFERENCES "Reading"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A heading level is 1 to 4, and only headings have one.
ALTER TABLE "Paragraph" ADD CONSTRAINT "Paragraph_level_check" CHECK (("kind" = 'HEADING' AND "level" BETWEEN 1 AND 4) OR ("kind" <> 'HEADING' AND "level" IS NULL));
ALTER TABLE "Paragraph" ADD CONSTRAINT "Paragraph_page_check" CHECK ("page" IS NULL OR "page" >= 1);
