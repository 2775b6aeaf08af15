import { describe } from "vitest";
import { meshFutureAccepted } from "./mesh-future-accepted";
import { singleProbeContract } from "./__fixtures__/conformance";

describe("MESH-FUTURE-ACCEPTED", () => singleProbeContract(meshFutureAccepted, "future"));
