/**
 * One conformance request over the mesh's mTLS, as the auditor. Never throws, never follows a redirect, reads at most
 * `maxBytes + 1` bytes of the answer (one more than the cap tells "over the cap" without buffering the rest), and
 * gives up at its deadline. Signed requests go only to the server Vigil already judged: the chain must lead to the
 * configured CA and the leaf must be the one the TLS probe saw (its fingerprint pinned), so a canary signed for an
 * agent is never handed to an impostor who could replay it within the window.
 */
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import { parseHttpAnswer, printable } from "../mesh/http-response";
import { errorText } from "../mesh/pem";

export interface ConformanceRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface SendTarget {
  host: string;
  port: number;
  /** Auditor certificate and key, with the configured CA (and the auditor file's intermediates) as the only roots. */
  secureContext: tls.SecureContext;
  /** The leaf's SHA-256 fingerprint (lowercase hex, no colons) observed by the mesh probe. */
  pinnedFingerprint: string;
  timeoutMs: number;
  /** The scan's time limit: once it aborts no request is sent, and one in flight ends with its socket closed. */
  signal?: AbortSignal;
}

export interface SendResult {
  outcome: "answered" | "closed" | "timeout" | "error";
  status?: number;
  summary?: string;
  location?: string;
  /** The body as read (at most maxBytes + 1 bytes). */
  body?: Buffer;
  bytes?: number;
  contentLength?: number;
  error?: string;
  ms: number;
}

const fingerprintOf = (cert: tls.PeerCertificate) => cert.fingerprint256.replace(/:/g, "").toLowerCase();

export function sendRequest(target: SendTarget, req: ConformanceRequest, maxBytes = 4096): Promise<SendResult> {
  const started = performance.now();
  const cancelledBy = (signal: AbortSignal) =>
    `cancelled: ${signal.reason instanceof Error ? signal.reason.message : "the scan was cancelled"}`;
  return new Promise((resolve) => {
    // A canary is never sent for a scan already over.
    if (target.signal?.aborted) return resolve({ outcome: "error", error: cancelledBy(target.signal), ms: 0 });
    let done = false;
    const finish = (r: Omit<SendResult, "ms">) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      target.signal?.removeEventListener("abort", cancelled);
      request.destroy();
      resolve({ ...r, ms: Math.round(performance.now() - started) });
    };
    const cancelled = () => finish({ outcome: "error", error: target.signal ? cancelledBy(target.signal) : "cancelled" });
    const body = req.body === undefined ? undefined : Buffer.from(req.body, "utf8");
    const request = https.request({
      host: target.host,
      port: target.port,
      method: req.method,
      path: req.path,
      headers: { ...req.headers, ...(body ? { "content-length": String(body.length) } : {}), connection: "close" },
      // No agent: with createConnection and no agent, Node uses this socket (an agent would dial its own, with
      // default roots). The context is built once per scan (parsing keys per request would cost more than the request).
      createConnection: () =>
        tls.connect({
          host: target.host,
          port: target.port,
          secureContext: target.secureContext,
          servername: net.isIP(target.host) ? undefined : target.host,
          rejectUnauthorized: true,
          // Agents are addressed by IP and named by SPIFFE URI SANs: the pin replaces the hostname match.
          checkServerIdentity: (_host, cert) =>
            fingerprintOf(cert) === target.pinnedFingerprint
              ? undefined
              : new Error(`server certificate ${fingerprintOf(cert).slice(0, 16)}… is not the one the TLS probe judged`),
        }),
    });
    const timer = setTimeout(() => finish({ outcome: "timeout", error: `no answer within ${target.timeoutMs} ms` }), target.timeoutMs);
    target.signal?.addEventListener("abort", cancelled, { once: true });
    // After the handshake, an error is the server ending the exchange without an answer: "closed", not "error".
    let secured = false;
    request.on("socket", (socket) => socket.once("secureConnect", () => (secured = true)));
    request.on("error", (e) => finish({ outcome: secured ? "closed" : "error", error: errorText(e) }));
    request.on("response", (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      const answer = () => {
        const head = `HTTP/1.1 ${res.statusCode ?? 0} ${res.statusMessage ?? ""}\r\n\r\n`;
        const read = Buffer.concat(chunks);
        const parsed = parseHttpAnswer(head + read.subarray(0, 512).toString("latin1"));
        const location = typeof res.headers.location === "string" ? printable(res.headers.location, 300) : undefined;
        const length = Number(res.headers["content-length"]);
        finish({
          outcome: "answered",
          ...(res.statusCode !== undefined ? { status: res.statusCode } : {}),
          ...(parsed ? { summary: parsed.summary } : {}),
          ...(location ? { location } : {}),
          ...(Number.isFinite(length) ? { contentLength: length } : {}),
          body: read,
          bytes,
        });
      };
      res.on("data", (d: Buffer) => {
        const room = maxBytes + 1 - bytes;
        if (room > 0) chunks.push(d.subarray(0, room));
        bytes = Math.min(bytes + d.length, maxBytes + 1);
        if (bytes > maxBytes) answer(); // the cap is passed: stop reading now
      });
      res.on("end", answer);
      res.on("error", answer);
    });
    if (body) request.write(body);
    request.end();
  });
}
