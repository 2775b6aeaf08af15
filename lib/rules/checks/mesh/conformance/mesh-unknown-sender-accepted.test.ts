import { describe } from "vitest";
import { meshUnknownSenderAccepted } from "./mesh-unknown-sender-accepted";
import { singleProbeContract } from "./__fixtures__/conformance";

describe("MESH-UNKNOWN-SENDER-ACCEPTED", () => singleProbeContract(meshUnknownSenderAccepted, "unknown-sender"));
