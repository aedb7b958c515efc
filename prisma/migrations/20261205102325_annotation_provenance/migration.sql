-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "bodyLanguage" TEXT,
ADD COLUMN     "canonicalIri" TEXT,
ADD COLUMN     "sourceCreatedAt" TIMESTAMP(3),
ADD COLUMN     "viaIris" TEXT[] DEFAULT ARRAY[]::TEXT[];

