-- CreateEnum
CREATE TYPE "LtiScoreStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "LtiContext" ADD COLUMN     "agsScopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "lineItemsUrl" TEXT,
ADD COLUMN     "membershipsUrl" TEXT,
ADD COLUMN     "rosterSyncError" TEXT,
ADD COLUMN     "rosterSyncedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "LtiToolKey" ADD COLUMN     "activatesAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "sealedPrivateKey" TEXT,
ALTER COLUMN "privateJwk" DROP NOT NULL;

-- CreateTable
CREATE TABLE "LtiLineItem" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "lineItemUrl" TEXT NOT NULL,
    "scoreMaximum" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiLineItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiScoreDelivery" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "scoreGiven" DOUBLE PRECISION NOT NULL,
    "scoreMaximum" DOUBLE PRECISION NOT NULL,
    "status" "LtiScoreStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "sentScore" DOUBLE PRECISION,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiScoreDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiDeepLinkRequest" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "returnUrl" TEXT NOT NULL,
    "data" TEXT,
    "title" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiDeepLinkRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LtiLineItem_assignmentId_key" ON "LtiLineItem"("assignmentId");

-- CreateIndex
CREATE INDEX "LtiScoreDelivery_status_nextAttemptAt_idx" ON "LtiScoreDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "LtiScoreDelivery_assignmentId_userId_key" ON "LtiScoreDelivery"("assignmentId", "userId");

-- AddForeignKey
ALTER TABLE "LtiLineItem" ADD CONSTRAINT "LtiLineItem_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiLineItem" ADD CONSTRAINT "LtiLineItem_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiScoreDelivery" ADD CONSTRAINT "LtiScoreDelivery_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiScoreDelivery" ADD CONSTRAINT "LtiScoreDelivery_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiDeepLinkRequest" ADD CONSTRAINT "LtiDeepLinkRequest_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

