/** What every server module receives: its entries with their ports and certificate files. */
import type { ThirdPartyEntry } from "./plan";

/** Certificate files shared by the whole fleet (absolute paths). */
export interface FleetFiles {
  /** Root + issuing CA: the client-CA bundle servers verify the auditor against, as teams usually deploy it. */
  clientCa: string;
  root: string;
  issuing: string;
  /** Another team's CA: the auditor's certificate does not chain to it. */
  foreignCa: string;
}

/** One entry's files (absolute paths). Plain listeners have none. */
export interface EntryFiles {
  /** What the server sends: leaf + issuing CA, or the leaf alone. */
  chain: string;
  leaf: string;
  /** The issuing CA alone (s_server takes it apart from the leaf). */
  issuing: string;
  key: string;
  /** Chain then key in one file (HAProxy's crt). */
  combined: string;
}

export interface PlacedEntry {
  entry: ThirdPartyEntry;
  port: number;
  files?: EntryFiles;
}

export interface GroupContext {
  /** The server's own directory inside the state dir: config, pid, logs, temp files. */
  dir: string;
  host: string;
  entries: PlacedEntry[];
  shared: FleetFiles;
}

export interface Stoppable {
  stop(): Promise<void>;
}

export function filesOf(p: PlacedEntry): EntryFiles {
  if (!p.files) throw new Error(`${p.entry.name}: a TLS listener needs certificate files`);
  return p.files;
}
