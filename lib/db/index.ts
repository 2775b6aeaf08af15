// The app's entry to the database. "server-only" makes importing this from a
// client component a build error. Scripts and tests import ./client directly.
import "server-only";

export { getDb, dbReady, closeDb, openDatabaseOnThread } from "./client";
export { Prisma } from "../../generated/prisma/client";
// Enums are values (Role.admin) as well as types.
export * from "../../generated/prisma/enums";
// Row types. Snapshot/Finding/Severity share names with lib/snapshot and
// lib/rules types: alias on import where both are needed.
export type {
  User,
  AuditLog,
  Setting,
  Secret,
  Scan,
  Snapshot,
  RoomRow,
  DeviceRow,
  EndpointRow,
  CertificateRow,
  Finding,
  CheckRun,
  PrismaClient,
} from "../../generated/prisma/client";
