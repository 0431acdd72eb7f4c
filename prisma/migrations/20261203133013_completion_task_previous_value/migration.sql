-- AlterTable
ALTER TABLE "CompletionTask" ADD COLUMN     "previousValue" JSONB;

