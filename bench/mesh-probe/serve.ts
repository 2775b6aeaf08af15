/**
 * Child process for the benchmark: runs the test-bed endpoints (Node servers plus
 * copies of the third-party fleet) on its own core, so the prober (parent) is not
 * measured competing with its own targets. Prints one READY line, then serves until
 * stdin closes or it is signalled.
 */
import { startMesh } from "../../scripts/testbed/mesh/mesh";

const [dir, nodeCount, copies] = [process.argv[2] ?? "", Number(process.argv[3] ?? 405), Number(process.argv[4] ?? 5)];
const mesh = await startMesh({ dir, count: nodeCount, thirdPartyCopies: copies, writeEndpointCerts: false });
process.stdout.write(`READY ${mesh.endpoints.length}\n`);
const stop = async () => {
  await mesh.stop();
  process.exit(0);
};
process.stdin.on("end", stop).resume();
process.on("SIGTERM", stop);
