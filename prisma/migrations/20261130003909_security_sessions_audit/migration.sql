-- AlterEnum: 'error' becomes 'failed' (the action threw), and 'started' and 'refused' are new. Old rows keep their meaning.
BEGIN;
CREATE TYPE "AuditOutcome_new" AS ENUM ('started', 'ok', 'refused', 'denied', 'failed');
ALTER TABLE "AuditLog" ALTER COLUMN "outcome" TYPE "AuditOutcome_new" USING ((CASE "outcome"::text WHEN 'error' THEN 'failed' ELSE "outcome"::text END)::"AuditOutcome_new");
ALTER TYPE "AuditOutcome" RENAME TO "AuditOutcome_old";
ALTER TYPE "AuditOutcome_new" RENAME TO "AuditOutcome";
DROP TYPE "public"."AuditOutcome_old";
COMMIT;

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "sourceIp" TEXT,
ADD COLUMN     "userAgent" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;
