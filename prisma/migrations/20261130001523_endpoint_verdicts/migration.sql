-- AlterTable
ALTER TABLE "EndpointRow" ADD COLUMN     "verdicts" JSONB NOT NULL DEFAULT '[]';
