import { describe, expect, it } from "vitest";
import { ctx, user, verdicts } from "./__fixtures__/context";
import { mxBackupMissing } from "./mx-backup-missing";

describe("MX-BACKUP-MISSING", () => {
  it("judges only accounts whose backup Vigil can see", () => {
    const c = ctx({
      users: [
        user("@auditor:hs", { backup: null }),
        user("@ops:hs", { backup: { version: "3", algorithm: "m.megolm_backup.v1.curve25519-aes-sha2", trusted: true } }),
        user("@planted:hs", { backup: { version: "4", algorithm: "m.megolm_backup.v1.curve25519-aes-sha2", trusted: false } }),
        user("@alpha:hs"),
      ],
    });
    expect(verdicts(mxBackupMissing, c)).toEqual(["@auditor:hs:fail", "@ops:hs:pass", "@planted:hs:fail"]);
  });
});
