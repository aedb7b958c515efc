-- CreateEnum
CREATE TYPE "AccountRequestKind" AS ENUM ('PASSWORD_RESET', 'EMAIL_VERIFICATION', 'SIGN_UP_TAKEN', 'EMAIL_CHANGE');

-- AlterEnum
ALTER TYPE "MailKind" ADD VALUE 'ACCOUNT';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "emailVerifiedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AccountRequest" (
    "id" TEXT NOT NULL,
    "kind" "AccountRequestKind" NOT NULL,
    "email" TEXT NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "userId" TEXT,
    "tokenHash" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AccountRequest_tokenHash_key" ON "AccountRequest"("tokenHash");

-- CreateIndex
CREATE INDEX "AccountRequest_kind_email_createdAt_idx" ON "AccountRequest"("kind", "email", "createdAt");

-- CreateIndex
CREATE INDEX "AccountRequest_kind_ipAddress_createdAt_idx" ON "AccountRequest"("kind", "ipAddress", "createdAt");

-- CreateIndex
CREATE INDEX "AccountRequest_userId_kind_idx" ON "AccountRequest"("userId", "kind");

-- CreateIndex
CREATE INDEX "AccountRequest_createdAt_idx" ON "AccountRequest"("createdAt");

-- AddForeignKey
ALTER TABLE "AccountRequest" ADD CONSTRAINT "AccountRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Accounts made before addresses were confirmed are taken as confirmed: they have been in use.
UPDATE "User" SET "emailVerifiedAt" = "createdAt";
