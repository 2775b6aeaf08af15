import { describe, expect, it } from "vitest";
import { hsFederationOpen } from "./hs-federation-open";
import { answer, config, context, homeserver, PUBLIC_URL, silent } from "./__fixtures__/context";

const FED = "/_matrix/federation/v1/version";
const reachable = { federation: { ...answer(FED, 200), url: PUBLIC_URL, server: { name: "Synapse", version: "1.163.2" } } };

describe("HS-FEDERATION-OPEN (federation answer and federation_domain_whitelist against the policy)", () => {
  it("fails federation with no whitelist under 'allowlist', and any reachable federation under 'none'", () => {
    const open = context(homeserver({ config: config({ federationDomainWhitelist: null }) }, reachable));
    expect(hsFederationOpen.run(open)).toMatchObject([{ status: "fail", evidence: { observed: "open" } }]);
    const listed = context(homeserver({ config: config({ federationDomainWhitelist: ["partner.org"] }) }, reachable));
    expect(hsFederationOpen.run(listed)[0]?.status).toBe("pass");
    listed.policy.homeserver.federation = "none";
    expect(hsFederationOpen.run(listed)[0]?.status).toBe("fail");
  });

  it("passes when no federation answers (404 from the proxy, or a refused port)", () => {
    expect(hsFederationOpen.run(context(homeserver()))[0]).toMatchObject({ status: "pass", evidence: { observed: "none" } });
    const refused = { federation: { ...silent(FED, "fetch failed (connect ECONNREFUSED 127.0.0.1:8448)"), url: "https://127.0.0.1:8448" } };
    expect(hsFederationOpen.run(context(homeserver({}, refused)))[0]?.status).toBe("pass");
  });

  it("is unknown when reachable and the whitelist is not visible, or when the port times out", () => {
    const noConfig = hsFederationOpen.run(context(homeserver({ config: undefined }, reachable)));
    expect(noConfig).toMatchObject([{ status: "unknown", detail: expect.stringContaining("not visible") }]);
    const timeout = { federation: { ...silent(FED, "The operation was aborted due to timeout"), url: PUBLIC_URL } };
    expect(hsFederationOpen.run(context(homeserver({}, timeout)))[0]?.status).toBe("unknown");
  });
});
