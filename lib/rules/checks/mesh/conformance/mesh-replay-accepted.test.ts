import { describe } from "vitest";
import { meshReplayAccepted } from "./mesh-replay-accepted";
import { singleProbeContract } from "./__fixtures__/conformance";

describe("MESH-REPLAY-ACCEPTED", () => singleProbeContract(meshReplayAccepted, "replay"));
