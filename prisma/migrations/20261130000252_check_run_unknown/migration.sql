-- AlterTable
ALTER TABLE "CheckRun" ADD COLUMN     "unknown" INTEGER NOT NULL DEFAULT 0;
