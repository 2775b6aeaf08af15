/**
 * Test-bed PKI shaped like Vault PKI / cert-manager / SPIRE: a root CA that
 * signs only an issuing (intermediate) CA, which signs every leaf. An impostor
 * ("rogue") pair carries the SAME names under its own keys. Leaves have SPIFFE
 * URI SANs and hour-precise validity. Keys are generated once and reused across
 * many leaves (EC P-256 signing is ~1 ms), so the benchmark can mint 500
 * distinct certificates without 500 keygens.
 */
import "reflect-metadata"; // tsyringe, used inside @peculiar/x509, needs it loaded first
import * as x509 from "@peculiar/x509";
import { randomBytes, webcrypto } from "node:crypto";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const EC = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const RSA1024 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 1024 } as const;

export const CA_NAME = "CN=Vigil Test Mesh CA, O=vigil.test";
export const ROOT_CA_NAME = "CN=Vigil Test Root CA, O=vigil.test";
export const ISSUING_CA_NAME = "CN=Vigil Test Issuing CA, O=vigil.test";
export const TRUST_DOMAIN = "vigil.test";
export const spiffeIdFor = (agent: string) => `spiffe://${TRUST_DOMAIN}/agent/${agent}`;

export interface KeyPair {
  keys: CryptoKeyPair;
  keyPem: string;
  alg: typeof EC | typeof RSA1024;
}
export interface Issuer {
  cert: x509.X509Certificate;
  certPem: string;
  key: KeyPair;
  /** The CA certificates between this issuer and its root (itself first), root excluded; "" for a root. */
  chainPem: string;
}
export interface Leaf {
  certPem: string;
  keyPem: string;
  fingerprint256: string;
  /** Leaf + issuing chain (root excluded): what a correctly configured server sends, and what cert-manager's tls.crt holds. */
  fullChainPem: string;
}

async function toPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key as webcrypto.CryptoKey));
  return `-----BEGIN PRIVATE KEY-----\n${der
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

export async function newKey(kind: "ec" | "rsa1024" = "ec"): Promise<KeyPair> {
  const alg = kind === "ec" ? EC : RSA1024;
  const keys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as unknown as CryptoKeyPair;
  return { keys, keyPem: await toPem(keys.privateKey), alg };
}

/** Positive, unique, 16 bytes: what RFC 5280 asks of serials. */
const serial = () => {
  const b = randomBytes(16);
  b[0] = ((b[0] ?? 0) & 0x7f) | 0x10;
  return b.toString("hex");
};

const DAY = 24 * 3600e3;
/** @peculiar/x509 ends PEM without a newline; concatenated bundles need one or OpenSSL reads only the first block. */
const pemOf = (cert: x509.X509Certificate) => `${cert.toString("pem")}\n`;
const caExtensions = async (key: KeyPair, pathLength: number) => [
  new x509.BasicConstraintsExtension(true, pathLength, true),
  new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
  await x509.SubjectKeyIdentifierExtension.create(key.keys.publicKey),
];

/** A self-signed root. pathLength 0: it signs leaves directly; 1: it signs one issuing CA (createPkiPair). */
export async function createCa(name = CA_NAME, now = Date.now(), pathLength = 0): Promise<Issuer> {
  const key = await newKey("ec");
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name,
    keys: key.keys,
    signingAlgorithm: EC,
    // Ten years, like a real offline root; the issuing CA below outlives the 365-day "long-lived" leaf.
    notBefore: new Date(now - 3600e3),
    notAfter: new Date(now + 3650 * DAY),
    extensions: await caExtensions(key, pathLength),
  });
  return { cert, certPem: pemOf(cert), key, chainPem: "" };
}

/** An intermediate (pathlen 0) signed by `parent`, as Vault's pki_int or a SPIRE upstream-authority setup creates. */
export async function createIntermediate(parent: Issuer, name = ISSUING_CA_NAME, now = Date.now()): Promise<Issuer> {
  const key = await newKey("ec");
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: name,
    issuer: parent.cert.subject,
    notBefore: new Date(now - 3600e3),
    notAfter: new Date(now + 730 * DAY),
    signingKey: parent.key.keys.privateKey,
    publicKey: key.keys.publicKey,
    signingAlgorithm: EC,
    extensions: [...(await caExtensions(key, 0)), await x509.AuthorityKeyIdentifierExtension.create(parent.cert, false)],
  });
  const certPem = pemOf(cert);
  return { cert, certPem, key, chainPem: certPem + parent.chainPem };
}

export interface PkiPair {
  root: Issuer;
  issuing: Issuer;
}

/** Root "Vigil Test Root CA" (pathlen 1) → "Vigil Test Issuing CA" (pathlen 0). The impostor calls this too: same names, other keys. */
export async function createPkiPair(now = Date.now()): Promise<PkiPair> {
  const root = await createCa(ROOT_CA_NAME, now, 1);
  return { root, issuing: await createIntermediate(root, ISSUING_CA_NAME, now) };
}

export interface LeafSpec {
  commonName: string;
  spiffeId?: string;
  notBefore: Date;
  notAfter: Date;
  key: KeyPair;
  /** Add DNS:localhost and IP:127.0.0.1 so ordinary clients can also talk to it. */
  loopbackSans?: boolean;
}

export async function issueLeaf(issuer: Issuer, spec: LeafSpec): Promise<Leaf> {
  const names: x509.JsonGeneralName[] = [];
  if (spec.spiffeId) names.push({ type: "url", value: spec.spiffeId });
  if (spec.loopbackSans !== false) names.push({ type: "dns", value: "localhost" }, { type: "ip", value: "127.0.0.1" });
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${spec.commonName}, O=vigil.test`,
    issuer: issuer.cert.subject,
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
    signingKey: issuer.key.keys.privateKey,
    publicKey: spec.key.keys.publicKey,
    signingAlgorithm: EC,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      ...(names.length ? [new x509.SubjectAlternativeNameExtension(names)] : []),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.cert, false),
    ],
  });
  const fp = Buffer.from(await cert.getThumbprint("SHA-256")).toString("hex");
  const certPem = pemOf(cert);
  return { certPem, keyPem: spec.key.keyPem, fingerprint256: fp, fullChainPem: certPem + issuer.chainPem };
}
