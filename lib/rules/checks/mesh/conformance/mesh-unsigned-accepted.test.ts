import { describe } from "vitest";
import { meshUnsignedAccepted } from "./mesh-unsigned-accepted";
import { singleProbeContract } from "./__fixtures__/conformance";

describe("MESH-UNSIGNED-ACCEPTED", () => singleProbeContract(meshUnsignedAccepted, "unsigned"));
