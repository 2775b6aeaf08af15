/**
 * Make a device look unused for ~90 days. There is no API to set last_seen,
 * and Synapse batches and caches client-IP writes, so we edit its SQLite
 * database while it is STOPPED (the caller stops and restarts it). Same data
 * a real long-idle device would have; only the clock is faked.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { venvPython } from "../synapse/venv";

export const STALE_AGE_DAYS = 90;

const SCRIPT = `
import sqlite3, sys, json
db, ts, pairs = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
con = sqlite3.connect(db)
n = 0
for user, dev in pairs:
    n += con.execute("UPDATE devices SET last_seen=? WHERE user_id=? AND device_id=?", (ts, user, dev)).rowcount
    con.execute("UPDATE user_ips SET last_seen=? WHERE user_id=? AND device_id=?", (ts, user, dev))
con.commit()
print(n)
`;

/** Returns the number of device rows updated (must equal pairs.length). */
export function backdateDevices(synapseStateDir: string, pairs: [userId: string, deviceId: string][], now = Date.now()): number {
  if (pairs.length === 0) return 0;
  const ts = now - STALE_AGE_DAYS * 24 * 3600 * 1000;
  const out = execFileSync(venvPython(), ["-c", SCRIPT, path.join(synapseStateDir, "homeserver.db"), String(ts), JSON.stringify(pairs)], {
    encoding: "utf8",
  });
  const n = Number(out.trim());
  if (n !== pairs.length) throw new Error(`backdated ${n} of ${pairs.length} devices`);
  return n;
}
