-- CreateEnum
CREATE TYPE "AnnotationEventType" AS ENUM ('CREATED', 'UPDATED', 'DELETED', 'REACTED', 'MODERATED');

-- CreateEnum
CREATE TYPE "NotificationType" AS ENUM ('REPLY', 'MENTION', 'ENDORSED', 'ANSWERED');

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "answerMarkedAt" TIMESTAMP(3),
ADD COLUMN     "answerMarkedById" TEXT,
ADD COLUMN     "endorsedById" TEXT,
ADD COLUMN     "mentionedUserIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "AnnotationEvent" (
    "id" BIGSERIAL NOT NULL,
    "type" "AnnotationEventType" NOT NULL,
    "readingId" TEXT NOT NULL,
    "courseId" TEXT,
    "annotationId" TEXT NOT NULL,
    "rootId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "visibility" "Visibility" NOT NULL,
    "groupId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnnotationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "type" "NotificationType" NOT NULL,
    "annotationId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnnotationEvent_readingId_courseId_id_idx" ON "AnnotationEvent"("readingId", "courseId", "id");

-- CreateIndex
CREATE INDEX "AnnotationEvent_createdAt_idx" ON "AnnotationEvent"("createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_type_annotationId_key" ON "Notification"("userId", "type", "annotationId");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

