-- CreateIndex
CREATE INDEX "Annotation_readingId_courseId_parentId_startOffset_idx" ON "Annotation"("readingId", "courseId", "parentId", "startOffset");

