-- AlterEnum
ALTER TYPE "NotificationType" ADD VALUE 'QUESTION_ANSWERED';

