import "server-only";
import { watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { resolveConfigFile } from "../config/resolve-config-file";
import { log } from "../log";
import type { ConfigFileStatus } from "./config-file-status";
import { importConfigFile } from "./import-config-file";

export interface ConfigFileWatcher {
  stop(): void;
}

export interface WatchConfigFileOptions {
  /** Quiet time after the last change before importing: an editor's save or a rotation is several events. */
  debounceMs?: number;
  /** Told after every import the watcher ran (logging; tests wait on it). */
  onImport?: (status: ConfigFileStatus) => void;
}

/**
 * Re-imports vigil.config.yaml whenever it, or a token, PEM, policy or
 * registry file it names, changes. Directories are watched, not files:
 * editors and secret managers replace a file by renaming a new one over it,
 * which a watch on the old file would miss (Kubernetes swaps a `..data`
 * symlink, so `..`-names count as changes too). Imports never overlap: a
 * change during one queues exactly one more. An invalid file changes nothing
 * (importConfigFile keeps the previous settings and records the error).
 */
export function watchConfigFile(configPath: string, options: WatchConfigFileOptions = {}): ConfigFileWatcher {
  const file = path.resolve(configPath);
  const debounceMs = options.debounceMs ?? 500;
  const watchers = new Map<string, FSWatcher>();
  let names = new Map<string, Set<string>>(); // directory → file names of interest in it
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let stopped = false;

  const changed = (dir: string, name: string | null) => {
    if (stopped) return;
    if (name !== null && !name.startsWith("..") && !names.get(dir)?.has(name)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void runImport(), debounceMs);
  };

  const runImport = async () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const status = await importConfigFile(file);
      if (status.state === "imported") log.info({ file }, "config file re-imported");
      if (!stopped) options.onImport?.(status);
    } catch (err) {
      // The database was unreachable, say: the next change retries.
      log.error({ err, file }, "config file re-import failed");
    } finally {
      running = false;
    }
    if (stopped) return;
    refresh();
    if (again) {
      again = false;
      void runImport();
    }
  };

  /** Points the directory watches at what the file names now; an invalid file keeps the previous targets too. */
  const refresh = () => {
    const targets = new Set([file]);
    try {
      const cfg = resolveConfigFile(file);
      for (const p of [...(cfg?.inputs ?? []), ...(cfg?.policyFile ? [cfg.policyFile] : []), ...(cfg?.registryFiles ?? [])]) targets.add(p);
    } catch {
      for (const [dir, set] of names) for (const name of set) targets.add(path.join(dir, name));
    }
    const next = new Map<string, Set<string>>();
    for (const target of targets) {
      const dir = path.dirname(target);
      next.set(dir, (next.get(dir) ?? new Set()).add(path.basename(target)));
    }
    names = next;
    for (const [dir, w] of watchers) {
      if (!next.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const dir of next.keys()) {
      if (watchers.has(dir)) continue;
      try {
        // persistent: false — a watch alone never keeps the process alive.
        const w = watch(dir, { persistent: false }, (_event, name) => changed(dir, name));
        w.on("error", (err) => {
          log.error({ err, dir }, "stopped watching a config folder");
          w.close();
          watchers.delete(dir);
        });
        watchers.set(dir, w);
      } catch (err) {
        log.error({ err, dir }, "cannot watch a config folder (changes there need a restart)");
      }
    }
  };

  refresh();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
