import { describe, expect, it } from "vitest";
import { hsConfigPublicExposure } from "./hs-config-public-exposure";
import { config, context, homeserver } from "./__fixtures__/context";

describe("HS-CONFIG-PUBLIC-EXPOSURE (room and user directory settings)", () => {
  it("fails each published directory and names it", () => {
    const exposed = config({ allowPublicRoomsOverFederation: true, userDirectorySearchAllUsers: true });
    const rs = hsConfigPublicExposure.run(context(homeserver({ config: exposed })));
    expect(rs).toMatchObject([
      { status: "fail", detail: "allow_public_rooms_over_federation: true; user_directory.search_all_users: true" },
    ]);
    expect(hsConfigPublicExposure.run(context(homeserver({ config: config({ allowPublicRoomsWithoutAuth: true }) })))[0]?.status).toBe(
      "fail",
    );
  });

  it("passes Synapse's defaults and is unknown without homeserver.yaml", () => {
    expect(hsConfigPublicExposure.run(context(homeserver()))[0]?.status).toBe("pass");
    expect(hsConfigPublicExposure.run(context(homeserver({ config: undefined })))[0]?.status).toBe("unknown");
  });
});
