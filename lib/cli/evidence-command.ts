/**
 * `vigil evidence verify <bundle.zip> [--public-key key.pem | --fingerprint <hex>]`
 *
 * Checks an evidence bundle offline: ZIP integrity, the Ed25519 signature over
 * manifest.json, and every listed file's size and SHA-256, with no extra files.
 * Exit 0 when it verifies, 1 when it does not (naming the first file at fault),
 * 2 for bad usage.
 *
 * Without Vigil, with standard tools (what an auditor can run themselves):
 *
 *   unzip -q bundle.zip -d bundle && cd bundle
 *   # 1. The signature covers manifest.json's exact bytes; manifest.sig is the raw 64-byte signature.
 *   openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig
 *   #    → "Signature Verified Successfully"
 *   # 2. Pin the key: the fingerprint shown on Vigil's Evidence page is SHA-256 of the raw 32-byte key.
 *   openssl pkey -pubin -in public-key.pem -outform DER | tail -c 32 | sha256sum
 *   # 3. Every other file against SHA256SUMS (itself listed, with its hash, in the signed manifest).
 *   sha256sum -c SHA256SUMS
 *   grep -A2 '"SHA256SUMS"' manifest.json; sha256sum SHA256SUMS
 *   # 4. No extra files: `ls -A` shows only what SHA256SUMS lists plus SHA256SUMS, manifest.json, manifest.sig, public-key.pem.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { verifyBundle } from "../evidence/verify-bundle";
import { groupFingerprint } from "../evidence/manifest";

interface Io {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
}

export const EVIDENCE_USAGE = `usage: vigil evidence verify <bundle.zip> [--public-key key.pem | --fingerprint <sha256 hex>]\n`;

/** Runs `vigil evidence …` with the arguments after "evidence". */
export async function runEvidenceCommand(argv: string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { "public-key": { type: "string" }, "fingerprint": { type: "string" }, "help": { type: "boolean", short: "h" } },
    });
  } catch (err) {
    io.err.write(`${(err as Error).message}\n${EVIDENCE_USAGE}`);
    return 2;
  }
  const [sub, bundle, ...rest] = args.positionals;
  if (args.values.help) return (io.out.write(EVIDENCE_USAGE), 0);
  if (sub !== "verify" || !bundle || rest.length) return (io.err.write(EVIDENCE_USAGE), 2);
  let publicKeyPem: string | undefined;
  if (args.values["public-key"] !== undefined) {
    try {
      publicKeyPem = fs.readFileSync(args.values["public-key"], "utf8");
    } catch (err) {
      io.err.write(`--public-key: ${(err as Error).message}\n`);
      return 2;
    }
  }
  if (!fs.existsSync(bundle)) return (io.err.write(`${bundle}: no such file\n`), 2);
  const result = await verifyBundle(bundle, { publicKeyPem, fingerprint: args.values.fingerprint });
  if (!result.ok) {
    io.out.write(`FAILED${result.file ? ` ${result.file}` : ""}: ${result.reason}\n`);
    return 1;
  }
  io.out.write(`OK ${result.files} files verified; signed by Ed25519 key ${groupFingerprint(result.fingerprint)}\n`);
  if (!result.pinned)
    io.out.write(`note: the key was taken from the bundle itself; pass --fingerprint or --public-key to pin it to your Vigil.\n`);
  return 0;
}
