-- CreateIndex
CREATE INDEX "Annotation_readingId_anchorStatus_idx" ON "Annotation"("readingId", "anchorStatus");

