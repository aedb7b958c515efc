-- AlterEnum (its own migration: PostgreSQL refuses a new enum value used in the transaction that
-- adds it, and the next migration's index and checks name CUSTOM).
ALTER TYPE "RubricCriterionKind" ADD VALUE 'CUSTOM';
