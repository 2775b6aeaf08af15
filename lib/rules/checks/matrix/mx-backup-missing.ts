import type { Check } from "../../types";
import { BACKUP } from "./controls";
import { result } from "../result";
import { userSubject } from "./scope";

/** MX-BACKUP-MISSING: an account Vigil can see has no trusted key backup. */
export const mxBackupMissing: Check = {
  meta: {
    id: "MX-BACKUP-MISSING",
    title: "No trusted key backup",
    severity: "medium",
    area: "matrix",
    risk: "Without a trusted server-side key backup, losing the device loses the keys to the encrypted history; an untrusted backup may be one the server planted to collect keys.",
    remediation:
      "Create a key backup (m.megolm_backup.v1.curve25519-aes-sha2) protected by the recovery key, from Vigil's key backup page or the account's client, and make sure it is signed by the account's own keys.",
    controls: BACKUP,
  },
  run(ctx) {
    // Backup state is visible only for accounts Vigil holds a token for (backup !== undefined).
    return (ctx.snapshot.matrix?.users ?? []).flatMap((u) => {
      if (u.backup === undefined) return [];
      const b = u.backup;
      const detail =
        b === null
          ? "No key backup exists"
          : b.trusted
            ? `Backup version ${b.version} is trusted`
            : `Backup version ${b.version} is not signed by the account's own keys`;
      return [result(userSubject(u), b === null || !b.trusted, detail, { backup: b })];
    });
  },
};
