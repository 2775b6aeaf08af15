/**
 * Offline verification of an evidence bundle — no server, no database, no network.
 *
 * Order (the first failure is reported, naming its file):
 *   1. the ZIP is within the size caps, its end record, central directory and local headers are
 *      intact (truncation shows here);
 *   2. no name appears twice;
 *   3. public-key.pem parses as Ed25519; if a key or fingerprint is pinned, it matches;
 *   4. manifest.sig (raw 64 bytes) verifies over the exact bytes of manifest.json;
 *   5. manifest.json parses; every listed file is present, inflates with a correct
 *      CRC-32, and has the listed size and SHA-256 (in manifest order);
 *   6. nothing is in the ZIP that the manifest does not list (besides manifest.json/.sig).
 *
 * Verification is about contents, not the container: unzipping and re-zipping
 * the same files (another tool, another compression) still verifies, because
 * the signature covers the manifest and the manifest covers every file's bytes.
 * The zip's own SHA-256, kept in Vigil's export history, identifies the exact
 * download if that matters.
 */
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { Manifest, publicKeyFingerprint, UNLISTED } from "./manifest";
import { openZip, readEntry, readEntryBuffer, ZipFormatError, type ZipArchive, type ZipEntry, type ZipLimits } from "./zip-reader";

export interface VerifyOptions {
  /** A trusted public key (PEM). Without it (or a fingerprint) the bundle's own key is used and the result says so. */
  publicKeyPem?: string;
  /** Expected SHA-256 of the raw public key, hex (spaces and colons ignored). */
  fingerprint?: string;
  /** Size caps for the archive (default DEFAULT_ZIP_LIMITS): a bundle over them is refused unread. */
  limits?: ZipLimits;
}

export type VerifyResult =
  | { ok: true; fingerprint: string; pinned: boolean; files: number; manifest: Manifest }
  | { ok: false; file: string | null; reason: string };

const fail = (file: string | null, reason: string): VerifyResult => ({ ok: false, file, reason });

function parseKey(pem: string): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === "ed25519" ? key : null;
  } catch {
    return null;
  }
}

/** Verifies the bundle at `zipPath`. Never throws for a bad bundle: the result names what failed. */
export async function verifyBundle(zipPath: string, opts: VerifyOptions = {}): Promise<VerifyResult> {
  let zip: ZipArchive;
  try {
    zip = await openZip(zipPath, opts.limits);
  } catch (err) {
    if (err instanceof ZipFormatError) return fail(err.entry ?? null, err.message);
    if (err instanceof Error && "code" in err) return fail(null, err.message); // the file system's word: no such file, no access
    throw err;
  }
  try {
    const byName = new Map<string, ZipEntry>();
    for (const e of zip.entries) {
      if (byName.has(e.name)) return fail(e.name, "appears twice in the ZIP");
      byName.set(e.name, e);
    }
    return await verifyEntries(zip, byName, opts);
  } catch (err) {
    if (err instanceof ZipFormatError) return fail(err.entry ?? null, err.message);
    throw err;
  } finally {
    zip.close();
  }
}

async function verifyEntries(zip: ZipArchive, byName: Map<string, ZipEntry>, opts: VerifyOptions): Promise<VerifyResult> {
  for (const name of ["manifest.json", "manifest.sig", "public-key.pem"])
    if (!byName.has(name)) return fail(name, "missing from the bundle");
  const entry = (name: string): ZipEntry => {
    const found = byName.get(name);
    if (!found) throw new Error(`${name} vanished after the presence check`); // unreachable: checked just above
    return found;
  };

  const bundledKey = parseKey((await readEntryBuffer(zip, entry("public-key.pem"), 64 * 1024)).toString("utf8"));
  if (!bundledKey) return fail("public-key.pem", "is not an Ed25519 public key in PEM form");
  const key = opts.publicKeyPem !== undefined ? parseKey(opts.publicKeyPem) : bundledKey;
  if (!key) return fail(null, "--public-key is not an Ed25519 public key in PEM form");
  const fingerprint = publicKeyFingerprint(key);
  if (opts.fingerprint !== undefined) {
    const want = opts.fingerprint.toLowerCase().replace(/[\s:]/g, "");
    if (want !== fingerprint) return fail("public-key.pem", `key fingerprint ${fingerprint} is not the expected ${want}`);
  }
  if (opts.publicKeyPem !== undefined && publicKeyFingerprint(bundledKey) !== fingerprint) {
    return fail("public-key.pem", "is not the trusted public key given with --public-key");
  }

  const manifestBytes = await readEntryBuffer(zip, entry("manifest.json"));
  const sig = await readEntryBuffer(zip, entry("manifest.sig"), 1024);
  if (sig.length !== 64) return fail("manifest.sig", `is ${sig.length} bytes; a raw Ed25519 signature is 64`);
  if (!verify(null, manifestBytes, key, sig)) {
    // Point at the key when it is the bundled key that no longer matches the (unverified) manifest's record of it.
    if (opts.publicKeyPem === undefined && (await bundledKeyAltered(zip, entry("public-key.pem"), manifestBytes))) {
      return fail("public-key.pem", "does not match its SHA-256 in manifest.json, and manifest.sig does not verify with it");
    }
    const why = "the signature in manifest.sig does not verify over manifest.json (one of them was altered, or another key signed it)";
    return fail("manifest.json", why);
  }

  let json: unknown;
  try {
    json = JSON.parse(manifestBytes.toString("utf8"));
  } catch {
    return fail("manifest.json", "is signed but is not JSON");
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success)
    return fail("manifest.json", `is signed but not a Vigil evidence manifest: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const manifest = parsed.data;

  const listed = new Set<string>(UNLISTED);
  for (const f of manifest.files) {
    listed.add(f.path);
    const e = byName.get(f.path);
    if (!e) return fail(f.path, "listed in the manifest but missing from the bundle");
    const got = await readEntry(zip, e);
    if (got.size !== f.size) return fail(f.path, `is ${got.size} bytes; the manifest says ${f.size}`);
    if (got.sha256 !== f.sha256) return fail(f.path, `SHA-256 ${got.sha256} does not match the manifest's ${f.sha256}`);
  }
  // Directory entries (added by tools such as Info-ZIP when re-zipping) hold no content.
  for (const e of zip.entries) {
    if (!listed.has(e.name) && !(e.name.endsWith("/") && e.size === 0))
      return fail(e.name, "is in the bundle but not listed in the signed manifest");
  }

  return {
    ok: true,
    fingerprint,
    pinned: opts.publicKeyPem !== undefined || opts.fingerprint !== undefined,
    files: manifest.files.length,
    manifest,
  };
}

/** True when the manifest (parsed without trusting it) records a different hash for public-key.pem. */
async function bundledKeyAltered(zip: ZipArchive, pem: ZipEntry, manifestBytes: Buffer): Promise<boolean> {
  let listedHash: string | undefined;
  try {
    const parsed = Manifest.safeParse(JSON.parse(manifestBytes.toString("utf8")));
    listedHash = parsed.success ? parsed.data.files.find((f) => f.path === "public-key.pem")?.sha256 : undefined;
  } catch {
    return false;
  }
  return listedHash !== undefined && (await readEntry(zip, pem)).sha256 !== listedHash;
}
