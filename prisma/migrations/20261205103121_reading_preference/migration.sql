-- CreateTable
CREATE TABLE "ReadingPreference" (
    "userId" TEXT NOT NULL,
    "highlightVisibility" "Visibility" NOT NULL DEFAULT 'PRIVATE',
    "showOthersHighlights" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReadingPreference_pkey" PRIMARY KEY ("userId")
);

-- AddForeignKey
ALTER TABLE "ReadingPreference" ADD CONSTRAINT "ReadingPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

