/**
 * Connection settings against the real test bed: every bad input gets its
 * own clear message, a bad save leaves the previous working settings in force,
 * and the database files never hold a secret in plaintext.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestbed, type Testbed } from "@/scripts/testbed/testbed";

const data = mkdtempSync(path.join(os.tmpdir(), "vigil-settings-it-"));
process.env.VIGIL_DATA_DIR = data;
process.env.DATABASE_URL = path.join(data, "db");

// Imported after the environment is set: these read it once.
const { saveHomeserver, saveMesh } = await import("@/lib/settings/save-connections");
const { getConnectionSettings, getConnectionSecrets } = await import("@/lib/settings/connections");
const { closeDb } = await import("@/lib/db/client");

let tb: Testbed;
const servers: (http.Server | https.Server)[] = [];
const listen = async (s: http.Server | https.Server) => {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return (s.address() as AddressInfo).port;
};
const pem = (f: string) => readFileSync(path.join(tb.dir, "mesh", f), "utf8");

beforeAll(async () => {
  tb = await startTestbed({ outDir: path.join(data, "testbed") });
});
afterAll(async () => {
  for (const s of servers) s.close();
  await tb?.stop();
  await closeDb();
});

describe("homeserver settings", () => {
  it("saves a working admin token and reports what works", async () => {
    const r = await saveHomeserver({ baseUrl: tb.matrix.homeserver.baseUrl, accessToken: tb.matrix.auditor.accessToken }, "test");
    expect(r).toMatchObject({ ok: true, report: { userId: tb.matrix.auditor.userId, admin: true } });
    expect(r.report?.serverVersion).toMatch(/^\d+\.\d+/);
    expect(await getConnectionSettings()).toMatchObject({
      homeserver: { baseUrl: tb.matrix.homeserver.baseUrl, admin: true, hasToken: true },
    });
  });

  const keepsPrevious = async () => expect((await getConnectionSecrets()).accessToken).toBe(tb.matrix.auditor.accessToken);

  it("a rejected token: M_UNKNOWN_TOKEN, previous settings kept", async () => {
    const r = await saveHomeserver({ baseUrl: tb.matrix.homeserver.baseUrl, accessToken: "syt_rejected" }, "test");
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining("M_UNKNOWN_TOKEN") });
    await keepsPrevious();
  });

  it("an unreachable homeserver: connection refused", async () => {
    const port = await listen(http.createServer());
    servers.pop()?.close();
    const r = await saveHomeserver({ baseUrl: `http://127.0.0.1:${port}`, accessToken: "x" }, "test");
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining("connection refused") });
    await keepsPrevious();
  });

  it("a wrong URL (a web server that is not Matrix): says it is not a versions list", async () => {
    const port = await listen(http.createServer((_q, res) => res.writeHead(404, { "content-type": "text/html" }).end("<h1>nope</h1>")));
    const r = await saveHomeserver({ baseUrl: `http://127.0.0.1:${port}`, accessToken: "x" }, "test");
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining("did not return a Matrix versions list") });
    await keepsPrevious();
  });

  it("a TLS error: names the certificate problem", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-tls-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-days",
        "1",
        "-keyout",
        `${dir}/k.pem`,
        "-out",
        `${dir}/c.pem`,
      ],
      { stdio: "ignore" },
    );
    const port = await listen(
      https.createServer({ key: readFileSync(`${dir}/k.pem`), cert: readFileSync(`${dir}/c.pem`) }, (_q, res) => res.end("{}")),
    );
    const r = await saveHomeserver({ baseUrl: `https://127.0.0.1:${port}`, accessToken: "x" }, "test");
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/TLS error from 127\.0\.0\.1:\d+: DEPTH_ZERO_SELF_SIGNED_CERT/) });
    await keepsPrevious();
  });

  it("unknown keys and bad URLs are named", async () => {
    expect(await saveHomeserver({ baseUrl: "ftp://x", accessToken: "x" }, "test")).toMatchObject({
      ok: false,
      error: expect.stringContaining("baseUrl: must be an http(s) URL"),
    });
    expect(await saveHomeserver({ baseUrl: "http://x.org", tokn: "x" }, "test")).toMatchObject({
      ok: false,
      error: expect.stringContaining("unknown key tokn"),
    });
    await keepsPrevious();
  });

  it("a non-admin token is saved and says the view will be partial", async () => {
    const alpha = tb.matrix.agents.alpha!;
    const r = await saveHomeserver({ baseUrl: tb.matrix.homeserver.baseUrl, accessToken: alpha.accessToken }, "test");
    expect(r.ok).toBe(true);
    expect(r.report?.steps.find((s) => s.step === "admin")?.detail).toMatch(/not a server admin.*partial view/);
    expect((await getConnectionSettings()).homeserver?.admin).toBe(false);
    // Put the admin back for the tests that follow.
    await saveHomeserver({ baseUrl: tb.matrix.homeserver.baseUrl, accessToken: tb.matrix.auditor.accessToken }, "test");
  });
});

describe("mesh settings", () => {
  const good = () => ({
    caPem: pem("ca.pem"),
    clientCertPem: pem("auditor.pem"),
    clientKeyPem: pem("auditor-key.pem"),
    endpoints: [{ endpoint: "127.0.0.1:8443" }],
  });

  it("saves a root-only CA bundle and a client certificate file that carries its intermediate (the Vault PKI shape)", async () => {
    expect(pem("ca.pem").match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
    expect(pem("auditor.pem").match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(await saveMesh(good(), "test")).toEqual({ ok: true });
  });

  it("a client certificate without its intermediate is named, with what to do", async () => {
    const leafOnly = pem("auditor.pem").split(/(?<=-----END CERTIFICATE-----)/)[0] ?? "";
    const r = await saveMesh({ ...good(), clientCertPem: leafOnly }, "test");
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining("put the intermediate after the certificate in the same file") });
  });

  it("a malformed PEM is named, previous mesh kept", async () => {
    const r = await saveMesh({ ...good(), caPem: "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----" }, "test");
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining("CA bundle: certificate 1 is not valid") });
    expect((await getConnectionSettings()).mesh?.caPem).toBe(pem("ca.pem"));
  });

  it("a key that does not match its certificate is named", async () => {
    const otherKey = execFileSync("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]).toString();
    const r = await saveMesh({ ...good(), clientKeyPem: otherKey }, "test");
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining("Client key does not match the client certificate") });
  });

  it("a client certificate from another CA is named", async () => {
    const r = await saveMesh({ ...good(), caPem: pem("rogue-ca.pem") }, "test");
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining("does not chain to the CA bundle") });
  });
});

describe("secrets at rest", () => {
  it("no database file holds the token or the private key in plaintext", async () => {
    await closeDb(); // flush and release PGlite
    const token = tb.matrix.auditor.accessToken;
    const keyBody = pem("auditor-key.pem")
      .split("\n")
      .filter((l) => l && !l.startsWith("-----"))
      .join("");
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const f = path.join(d, n);
        if (statSync(f).isDirectory()) walk(f);
        else files.push(f);
      }
    };
    walk(path.join(data, "db"));
    expect(files.length).toBeGreaterThan(10);
    let sawCiphertext = false;
    for (const f of files) {
      const bytes = readFileSync(f).toString("latin1");
      expect(bytes.includes(token), `${f} holds the token`).toBe(false);
      expect(bytes.includes(keyBody.slice(0, 40)), `${f} holds the key`).toBe(false);
      sawCiphertext ||= bytes.includes("v1.");
    }
    expect(sawCiphertext).toBe(true); // the sealed secrets are there, just not readable
    // And they still open with the key file Vigil created (mode 0600).
    expect(statSync(path.join(data, "secret.key")).mode & 0o777).toBe(0o600);
    expect((await getConnectionSecrets()).accessToken).toBe(token);
  });
});
