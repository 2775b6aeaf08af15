import { describe } from "vitest";
import { meshStaleAccepted } from "./mesh-stale-accepted";
import { singleProbeContract } from "./__fixtures__/conformance";

describe("MESH-STALE-ACCEPTED", () => singleProbeContract(meshStaleAccepted, "stale"));
