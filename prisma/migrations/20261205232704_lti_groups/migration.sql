-- AlterTable
ALTER TABLE "LtiContext" ADD COLUMN     "groupSetsUrl" TEXT,
ADD COLUMN     "groupsSyncError" TEXT,
ADD COLUMN     "groupsSyncWarnings" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "groupsSyncedAt" TIMESTAMP(3),
ADD COLUMN     "groupsUrl" TEXT;

-- CreateTable
CREATE TABLE "LtiGroup" (
    "id" TEXT NOT NULL,
    "ltiContextId" TEXT NOT NULL,
    "lmsGroupId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "removedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiGroup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LtiGroup_groupId_key" ON "LtiGroup"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "LtiGroup_ltiContextId_lmsGroupId_key" ON "LtiGroup"("ltiContextId", "lmsGroupId");

-- AddForeignKey
ALTER TABLE "LtiGroup" ADD CONSTRAINT "LtiGroup_ltiContextId_fkey" FOREIGN KEY ("ltiContextId") REFERENCES "LtiContext"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiGroup" ADD CONSTRAINT "LtiGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

