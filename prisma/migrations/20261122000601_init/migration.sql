-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('viewer', 'auditor', 'admin');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('ok', 'denied', 'error');

-- CreateEnum
CREATE TYPE "ScanStatus" AS ENUM ('running', 'complete', 'partial', 'failed');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('critical', 'high', 'medium', 'low', 'info');

-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('open', 'resolved', 'accepted');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastLoginAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "outcome" "AuditOutcome" NOT NULL,
    "detail" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Secret" (
    "name" TEXT NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "Secret_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Scan" (
    "id" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "status" "ScanStatus" NOT NULL DEFAULT 'running',
    "stage" TEXT,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "trigger" TEXT NOT NULL,
    "triggeredBy" TEXT,
    "counts" JSONB,

    CONSTRAINT "Scan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Snapshot" (
    "id" TEXT NOT NULL,
    "scanId" TEXT NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,
    "status" "ScanStatus" NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "isBaseline" BOOLEAN NOT NULL DEFAULT false,
    "baselineAcceptedBy" TEXT,
    "baselineAcceptedAt" TIMESTAMP(3),

    CONSTRAINT "Snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoomRow" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "name" TEXT,
    "canonicalAlias" TEXT,
    "encrypted" BOOLEAN NOT NULL,
    "algorithm" TEXT,
    "joinRule" TEXT,
    "historyVisibility" TEXT,
    "guestAccess" TEXT,
    "federatable" BOOLEAN,
    "memberCount" INTEGER NOT NULL,
    "agentCount" INTEGER NOT NULL,
    "exposure" INTEGER NOT NULL DEFAULT 0,
    "everEncrypted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "RoomRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceRow" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "displayName" TEXT,
    "trust" TEXT NOT NULL,
    "lastSeenTs" BIGINT,
    "expected" BOOLEAN NOT NULL DEFAULT false,
    "agentName" TEXT,

    CONSTRAINT "DeviceRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EndpointRow" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "agent" TEXT,
    "expectedIdentity" TEXT,
    "reachable" BOOLEAN NOT NULL,
    "protocol" TEXT,
    "clientCertRequired" BOOLEAN,
    "acceptsLegacyTls" BOOLEAN,
    "plainHttp" BOOLEAN,
    "leafFingerprint" TEXT,
    "notAfter" TIMESTAMP(3),
    "status" TEXT NOT NULL,
    "error" TEXT,

    CONSTRAINT "EndpointRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificateRow" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "spiffeId" TEXT,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "trusted" BOOLEAN NOT NULL,
    "keyType" TEXT,
    "keyBits" INTEGER,
    "status" TEXT NOT NULL,

    CONSTRAINT "CertificateRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "check" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "subjectLabel" TEXT,
    "detail" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "status" "FindingStatus" NOT NULL DEFAULT 'open',
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "lastScanId" TEXT,
    "acceptedReason" TEXT,
    "acceptedBy" TEXT,
    "acceptedAt" TIMESTAMP(3),
    "acceptedUntil" TIMESTAMP(3),

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckRun" (
    "id" TEXT NOT NULL,
    "scanId" TEXT NOT NULL,
    "check" TEXT NOT NULL,
    "examined" INTEGER NOT NULL,
    "passed" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,

    CONSTRAINT "CheckRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- CreateIndex
CREATE INDEX "Scan_startedAt_idx" ON "Scan"("startedAt");

-- CreateIndex
CREATE INDEX "Scan_status_startedAt_idx" ON "Scan"("status", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Snapshot_scanId_key" ON "Snapshot"("scanId");

-- CreateIndex
CREATE INDEX "Snapshot_takenAt_idx" ON "Snapshot"("takenAt");

-- CreateIndex
CREATE INDEX "Snapshot_isBaseline_idx" ON "Snapshot"("isBaseline");

-- CreateIndex
CREATE INDEX "RoomRow_snapshotId_encrypted_idx" ON "RoomRow"("snapshotId", "encrypted");

-- CreateIndex
CREATE INDEX "RoomRow_snapshotId_name_idx" ON "RoomRow"("snapshotId", "name");

-- CreateIndex
CREATE INDEX "RoomRow_snapshotId_exposure_idx" ON "RoomRow"("snapshotId", "exposure");

-- CreateIndex
CREATE INDEX "RoomRow_snapshotId_memberCount_idx" ON "RoomRow"("snapshotId", "memberCount");

-- CreateIndex
CREATE UNIQUE INDEX "RoomRow_snapshotId_roomId_key" ON "RoomRow"("snapshotId", "roomId");

-- CreateIndex
CREATE INDEX "DeviceRow_snapshotId_trust_idx" ON "DeviceRow"("snapshotId", "trust");

-- CreateIndex
CREATE INDEX "DeviceRow_snapshotId_lastSeenTs_idx" ON "DeviceRow"("snapshotId", "lastSeenTs");

-- CreateIndex
CREATE INDEX "DeviceRow_snapshotId_agentName_idx" ON "DeviceRow"("snapshotId", "agentName");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceRow_snapshotId_userId_deviceId_key" ON "DeviceRow"("snapshotId", "userId", "deviceId");

-- CreateIndex
CREATE INDEX "EndpointRow_snapshotId_status_idx" ON "EndpointRow"("snapshotId", "status");

-- CreateIndex
CREATE INDEX "EndpointRow_snapshotId_notAfter_idx" ON "EndpointRow"("snapshotId", "notAfter");

-- CreateIndex
CREATE INDEX "EndpointRow_snapshotId_agent_idx" ON "EndpointRow"("snapshotId", "agent");

-- CreateIndex
CREATE UNIQUE INDEX "EndpointRow_snapshotId_endpoint_key" ON "EndpointRow"("snapshotId", "endpoint");

-- CreateIndex
CREATE INDEX "CertificateRow_snapshotId_notAfter_idx" ON "CertificateRow"("snapshotId", "notAfter");

-- CreateIndex
CREATE INDEX "CertificateRow_snapshotId_status_idx" ON "CertificateRow"("snapshotId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateRow_snapshotId_fingerprint_source_key" ON "CertificateRow"("snapshotId", "fingerprint", "source");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_key_key" ON "Finding"("key");

-- CreateIndex
CREATE INDEX "Finding_status_severity_idx" ON "Finding"("status", "severity");

-- CreateIndex
CREATE INDEX "Finding_check_idx" ON "Finding"("check");

-- CreateIndex
CREATE INDEX "Finding_subjectType_subjectId_idx" ON "Finding"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "Finding_lastSeenAt_idx" ON "Finding"("lastSeenAt");

-- CreateIndex
CREATE INDEX "Finding_lastScanId_idx" ON "Finding"("lastScanId");

-- CreateIndex
CREATE INDEX "CheckRun_check_idx" ON "CheckRun"("check");

-- CreateIndex
CREATE UNIQUE INDEX "CheckRun_scanId_check_key" ON "CheckRun"("scanId", "check");

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoomRow" ADD CONSTRAINT "RoomRow_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceRow" ADD CONSTRAINT "DeviceRow_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EndpointRow" ADD CONSTRAINT "EndpointRow_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateRow" ADD CONSTRAINT "CertificateRow_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_lastScanId_fkey" FOREIGN KEY ("lastScanId") REFERENCES "Scan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckRun" ADD CONSTRAINT "CheckRun_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
