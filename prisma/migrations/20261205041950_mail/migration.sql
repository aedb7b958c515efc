-- CreateEnum
CREATE TYPE "MailFrequency" AS ENUM ('INSTANT', 'DAILY', 'OFF');

-- CreateEnum
CREATE TYPE "MailKind" AS ENUM ('NOTIFICATION', 'DIGEST', 'DUE_REMINDER', 'UNANSWERED_DIGEST');

-- CreateEnum
CREATE TYPE "MailDeliveryStatus" AS ENUM ('PENDING', 'SENT', 'SKIPPED', 'FAILED');

-- CreateTable
CREATE TABLE "MailPreference" (
    "userId" TEXT NOT NULL,
    "replies" "MailFrequency" NOT NULL DEFAULT 'INSTANT',
    "mentions" "MailFrequency" NOT NULL DEFAULT 'INSTANT',
    "answers" "MailFrequency" NOT NULL DEFAULT 'INSTANT',
    "endorsements" "MailFrequency" NOT NULL DEFAULT 'DAILY',
    "dueReminders" BOOLEAN NOT NULL DEFAULT true,
    "unansweredDigest" BOOLEAN NOT NULL DEFAULT true,
    "timeZone" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MailPreference_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "MailDelivery" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "MailKind" NOT NULL,
    "recipientId" TEXT,
    "notificationId" TEXT,
    "job" JSONB,
    "status" "MailDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "skipReason" TEXT,
    "subject" TEXT,
    "sentTo" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MailDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "fromAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MailDelivery_key_key" ON "MailDelivery"("key");

-- CreateIndex
CREATE INDEX "MailDelivery_status_updatedAt_idx" ON "MailDelivery"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "MailDelivery_recipientId_createdAt_idx" ON "MailDelivery"("recipientId", "createdAt");

-- CreateIndex
CREATE INDEX "MailDelivery_notificationId_idx" ON "MailDelivery"("notificationId");

-- CreateIndex
CREATE INDEX "OutboxMessage_createdAt_idx" ON "OutboxMessage"("createdAt");

-- CreateIndex
CREATE INDEX "Notification_createdAt_idx" ON "Notification"("createdAt");

-- AddForeignKey
ALTER TABLE "MailPreference" ADD CONSTRAINT "MailPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailDelivery" ADD CONSTRAINT "MailDelivery_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

