import { describe, expect, it } from "vitest";
import { hsConfigEncryptionDefault } from "./hs-config-encryption-default";
import { config, context, homeserver } from "./__fixtures__/context";

describe("HS-CONFIG-ENCRYPTION-DEFAULT (encryption_enabled_by_default_for_room_type)", () => {
  it("passes all and invite, fails off and the key left out (Synapse's default is off)", () => {
    for (const [value, status] of [
      ["all", "pass"],
      ["invite", "pass"],
      ["off", "fail"],
    ] as const) {
      const ctx = context(homeserver({ config: config({ encryptionEnabledByDefaultForRoomType: value }) }));
      expect(hsConfigEncryptionDefault.run(ctx)[0]?.status).toBe(status);
    }
    const unset = hsConfigEncryptionDefault.run(
      context(homeserver({ config: config({ encryptionEnabledByDefaultForRoomType: undefined }) })),
    );
    expect(unset).toMatchObject([{ status: "fail", detail: expect.stringContaining("not set") }]);
  });

  it("is unknown when no homeserver.yaml was given", () => {
    expect(hsConfigEncryptionDefault.run(context(homeserver({ config: undefined })))[0]?.status).toBe("unknown");
  });
});
