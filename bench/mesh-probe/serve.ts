/**
 * Child process for the benchmark: runs the N test-bed endpoints on its own
 * core so the prober (parent) is not measured competing with its own targets.
 * Prints one READY line, then serves until stdin closes or it is signalled.
 */
import { startMesh } from "../../scripts/testbed/mesh/mesh";

const [dir, count] = [process.argv[2]!, Number(process.argv[3] ?? 500)];
const mesh = await startMesh({ dir, count, writeEndpointCerts: false });
process.stdout.write(`READY ${mesh.endpoints.length}\n`);
const stop = async () => { await mesh.stop(); process.exit(0); };
process.stdin.on("end", stop).resume();
process.on("SIGTERM", stop);
