-- DropIndex
DROP INDEX "AnnotationEvent_readingId_courseId_id_idx";

-- AlterTable
ALTER TABLE "AnnotationEvent" ADD COLUMN     "txid" BIGINT NOT NULL DEFAULT (pg_current_xact_id())::text::bigint;

-- CreateIndex
CREATE INDEX "AnnotationEvent_readingId_courseId_txid_id_idx" ON "AnnotationEvent"("readingId", "courseId", "txid", "id");

-- CreateIndex
CREATE INDEX "AnnotationEvent_txid_idx" ON "AnnotationEvent"("txid");

