import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HomeserverConfigError, readHomeserverConfig } from "./read-config";

const SECRET = "macaroon-3f9a8b7c6d5e4f3a2b1c";
const file = (text: string) => {
  const f = path.join(mkdtempSync(path.join(os.tmpdir(), "hs-yaml-")), "homeserver.yaml");
  writeFileSync(f, text);
  return f;
};

describe("readHomeserverConfig (judged keys only; the file's secrets never leave)", () => {
  it("keeps the judged settings and none of the secrets", () => {
    const facts = readHomeserverConfig(
      file(
        [
          `macaroon_secret_key: ${SECRET}`,
          "registration_shared_secret: shh-very-secret-value",
          "database: { name: psycopg2, args: { password: db-password-123 } }",
          "encryption_enabled_by_default_for_room_type: invite",
          "enable_registration: true",
          "allow_guest_access: false",
          "listeners: [{ port: 8008, type: http, resources: [{ names: [client, federation] }] }]",
        ].join("\n"),
      ),
    );
    expect(facts).toMatchObject({
      encryptionEnabledByDefaultForRoomType: "invite",
      enableRegistration: true,
      allowGuestAccess: false,
      federationDomainWhitelist: null,
      listeners: [{ port: 8008, bindAddresses: [], tls: false, resources: ["client", "federation"] }],
    });
    const kept = JSON.stringify(facts);
    for (const secret of [SECRET, "shh-very-secret-value", "db-password-123"]) expect(kept).not.toContain(secret);
  });

  it("names a wrong key without quoting any secret, and a YAML error by position only", () => {
    const wrong = () => readHomeserverConfig(file(`macaroon_secret_key: ${SECRET}\nenable_registration: "${SECRET}"`));
    expect(wrong).toThrow(HomeserverConfigError);
    expect(wrong).toThrow(/enable_registration/);
    expect(wrong).not.toThrow(new RegExp(SECRET));
    const broken = () => readHomeserverConfig(file(`macaroon_secret_key: "${SECRET}\n  : : [`));
    expect(broken).toThrow(HomeserverConfigError);
    expect(broken).not.toThrow(new RegExp(SECRET));
  });
});
