/**
 * One probe attempt = one TCP connection, with its own deadline covering
 * connect, handshake and (optionally) an HTTP exchange. Each returns a
 * ProbeAttempt and never throws: a hostile or broken endpoint must cost at most
 * one timeout per attempt and leave the rest of the scan untouched.
 */
import net from "node:net";
import tls from "node:tls";
import { X509Certificate } from "node:crypto";
import type { ProbeAttempt, TlsVersion } from "../../snapshot/types";
import { answerComplete, parseHttpAnswer, printable, statusOf } from "./http-response";
import { errorText } from "./pem";

/**
 * SECLEVEL=0 so that the prober can *see* weak keys and old protocols instead
 * of refusing them itself: it is an observer, and the verdict belongs to the checks.
 */
const OBSERVER_CIPHERS = "DEFAULT:@SECLEVEL=0";

export interface TlsAttemptOptions {
  host: string;
  port: number;
  timeoutMs: number;
  /** One of the observer contexts below: client cert or not, version range. */
  secureContext: tls.SecureContext;
  /** Send `GET /` after the handshake and read the answer's head, the server's alert, or its close. */
  httpRequest?: boolean;
  /** Read the peer chain (only the attempts whose chain will be used need to pay for it). */
  wantChain?: boolean;
  /** The scan's time limit: when it aborts, the attempt ends at once and its socket is closed. */
  signal?: AbortSignal;
}

/**
 * The four ways the prober presents itself, built once per scan: building a
 * SecureContext parses the key and certs, which per connection would cost
 * more CPU than the handshake itself at 500 endpoints.
 */
export interface ObserverContexts {
  withClientCert?: tls.SecureContext;
  withoutClientCert: tls.SecureContext;
  tls12: tls.SecureContext;
  tls11: tls.SecureContext;
}

export function observerContexts(client?: { cert: string; key: string }): ObserverContexts {
  const make = (o: tls.SecureContextOptions) => tls.createSecureContext({ ciphers: OBSERVER_CIPHERS, ...o });
  const creds = client ? { cert: client.cert, key: client.key } : {};
  return {
    ...(client ? { withClientCert: make({ ...creds, minVersion: "TLSv1.2", maxVersion: "TLSv1.3" }) } : {}),
    withoutClientCert: make({ minVersion: "TLSv1.2", maxVersion: "TLSv1.3" }),
    // Present the auditor cert on legacy attempts too, so acceptance depends on the version alone.
    tls12: make({ ...creds, minVersion: "TLSv1.2", maxVersion: "TLSv1.2" }),
    // OpenSSL 3 refuses TLS 1.0/1.1 client-side at its default security level;
    // SECLEVEL=0 plus minVersion TLSv1 makes the offer real (verified in prober.test.ts).
    tls11: make({ ...creds, minVersion: "TLSv1", maxVersion: "TLSv1.1" }),
  };
}

export interface TlsAttemptResult {
  attempt: ProbeAttempt;
  /** Peer certificates as sent, leaf first (only when the handshake completed). */
  chain?: X509Certificate[];
  /** TCP connected; false means nothing at all answered (refused, no route, DNS, silent SYN). */
  tcpConnected: boolean;
}

/** Enough of an answer to read its status, title and first line; more is never buffered. */
const MAX_ANSWER = 4096;
const request = (host: string) => `GET / HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: vigil-mesh-prober\r\nConnection: close\r\n\r\n`;

/** The HTTP fields of an attempt, from the bytes received so far. */
function answered(raw: string): Pick<ProbeAttempt, "outcome" | "httpStatus" | "httpSummary" | "httpLocation"> {
  const a = parseHttpAnswer(raw);
  if (!a) return { outcome: "ok" };
  return { outcome: "ok", httpStatus: a.status, httpSummary: a.summary, ...(a.location ? { httpLocation: a.location } : {}) };
}

function peerChain(socket: tls.TLSSocket): X509Certificate[] {
  const out: X509Certificate[] = [];
  const seen = new Set<string>();
  let c: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (c && c.raw && !seen.has(c.fingerprint256)) {
    seen.add(c.fingerprint256);
    out.push(new X509Certificate(c.raw));
    c = c.issuerCertificate;
  }
  return out;
}

function connectTcp(host: string, port: number, onError: (e: Error) => void): net.Socket {
  const sock = net.connect({ host, port });
  sock.on("error", onError);
  return sock;
}

/** The attempt's outcome when the scan's time limit ended it: an error naming the limit. */
const cancelledBy = (signal: AbortSignal): Pick<ProbeAttempt, "outcome" | "error"> => ({
  outcome: "error",
  error: `cancelled: ${signal.reason instanceof Error ? signal.reason.message : "the scan was cancelled"}`,
});

/**
 * Ends an attempt when `signal` aborts, with the reason in its error; returns the detach to call when the attempt
 * ends on its own, so a long scan does not pile listeners on one signal.
 */
function cancelWith(signal: AbortSignal | undefined, finish: (a: Pick<ProbeAttempt, "outcome" | "error">) => void): () => void {
  if (!signal) return () => {};
  const onAbort = () => finish(cancelledBy(signal));
  signal.addEventListener("abort", onAbort, { once: true });
  return () => signal.removeEventListener("abort", onAbort);
}

function classify(err: NodeJS.ErrnoException, tcpConnected: boolean, secured: boolean): ProbeAttempt["outcome"] {
  if (err.code === "ECONNREFUSED") return "refused";
  if (!tcpConnected) return "error"; // DNS failure, no route, invalid address
  if (secured) return "refused"; // handshake done, then the server rejected us (e.g. certificate_required)
  return "handshake-failed";
}

export function tlsAttempt(o: TlsAttemptOptions): Promise<TlsAttemptResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    // Nothing is dialled for a scan already over.
    if (o.signal?.aborted) return resolve({ attempt: { ...cancelledBy(o.signal), ms: 0 }, tcpConnected: false });
    let tcpConnected = false;
    let secured = false;
    let chain: X509Certificate[] | undefined;
    let protocol: TlsVersion | undefined;
    let cipher: string | undefined;
    let response = "";
    let done = false;
    let tcp: net.Socket | undefined;
    let tlsSock: tls.TLSSocket | undefined;

    const finish = (partial: Omit<ProbeAttempt, "ms" | "protocol" | "cipher">) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      detach();
      tlsSock?.destroy();
      tcp?.destroy();
      const attempt: ProbeAttempt = { ...partial, ms: Math.round(performance.now() - started) };
      if (protocol) attempt.protocol = protocol;
      if (cipher) attempt.cipher = cipher;
      resolve({ attempt, chain, tcpConnected });
    };
    const fail = (e: Error) =>
      statusOf(response) !== undefined
        ? finish(answered(response)) // a reset after the answer is the server's way of closing
        : finish({ outcome: classify(e as NodeJS.ErrnoException, tcpConnected, secured), error: errorText(e) });

    const timer = setTimeout(() => {
      if (statusOf(response) !== undefined) return finish(answered(response)); // a slow body does not unsay the status
      const stage = !tcpConnected ? "TCP connect" : !secured ? "TLS handshake" : "HTTP response";
      finish({ outcome: "timeout", error: `no ${stage} within ${o.timeoutMs} ms` });
    }, o.timeoutMs);
    const detach = cancelWith(o.signal, finish);

    try {
      tcp = connectTcp(o.host, o.port, fail);
      tcp.once("connect", () => {
        tcpConnected = true;
        try {
          tlsSock = tls.connect({
            socket: tcp,
            servername: net.isIP(o.host) ? undefined : o.host,
            rejectUnauthorized: false, // we validate against the configured CA ourselves (trust.ts)
            secureContext: o.secureContext,
          });
        } catch (e) {
          return finish({ outcome: "error", error: `cannot start TLS: ${errorText(e)}` });
        }
        tlsSock.on("error", fail);
        tlsSock.once("secureConnect", () => {
          secured = true;
          protocol = (tlsSock!.getProtocol() ?? undefined) as TlsVersion | undefined;
          cipher = tlsSock!.getCipher()?.name;
          if (o.wantChain !== false) {
            try {
              chain = peerChain(tlsSock!);
            } catch (e) {
              return finish({ outcome: "error", error: `unreadable peer certificate: ${errorText(e)}` });
            }
          }
          if (!o.httpRequest) return finish({ outcome: "ok" });
          tlsSock!.write(request(o.host));
        });
        tlsSock.on("data", (d: Buffer) => {
          response = (response + d.toString("latin1")).slice(0, MAX_ANSWER);
          if (statusOf(response) === undefined) {
            if (response.includes("\n") || response.length > 512) {
              finish({ outcome: "error", error: `not an HTTP response: "${printable(response, 40)}"` });
            }
          } else if (answerComplete(response, response.length >= MAX_ANSWER)) {
            finish(answered(response));
          }
        });
        tlsSock.once("close", () => {
          if (statusOf(response) !== undefined) return finish(answered(response));
          finish(
            secured
              ? { outcome: "refused", error: "server closed the connection without an HTTP response" }
              : { outcome: "handshake-failed", error: "server closed the connection during the handshake" },
          );
        });
      });
    } catch (e) {
      finish({ outcome: "error", error: errorText(e) });
    }
  });
}

/**
 * Plain HTTP on the TLS port. A status line back is not yet a verdict: terminators answer
 * cleartext with an error page ("The plain HTTP request was sent to HTTPS port"); the
 * check compares what came back with what TLS serves.
 */
export function plainHttpAttempt(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<ProbeAttempt> {
  const started = performance.now();
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve({ ...cancelledBy(signal), ms: 0 });
    let got = "";
    let done = false;
    let tcpConnected = false;
    const finish = (a: Omit<ProbeAttempt, "ms">) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      detach();
      sock.destroy();
      resolve({ ...a, ms: Math.round(performance.now() - started) });
    };
    const timer = setTimeout(() => {
      if (statusOf(got) !== undefined) return finish(answered(got));
      finish({ outcome: "timeout", error: `no HTTP response within ${timeoutMs} ms` });
    }, timeoutMs);
    const sock = connectTcp(host, port, (e) => {
      if (statusOf(got) !== undefined) return finish(answered(got));
      finish({ outcome: classify(e as NodeJS.ErrnoException, tcpConnected, false), error: errorText(e) });
    });
    const detach = cancelWith(signal, finish);
    sock.once("connect", () => {
      tcpConnected = true;
      sock.write(request(host));
    });
    sock.on("data", (d: Buffer) => {
      got = (got + d.toString("latin1")).slice(0, MAX_ANSWER);
      if (statusOf(got) !== undefined) {
        if (answerComplete(got, got.length >= MAX_ANSWER)) finish(answered(got));
      } else if (got.length >= 16) {
        finish({
          outcome: "refused",
          error: `answered, but not with HTTP (${got.length} bytes, first 0x${got.charCodeAt(0).toString(16)})`,
        });
      }
    });
    sock.once("close", () => {
      if (statusOf(got) !== undefined) return finish(answered(got));
      finish({ outcome: "refused", error: "closed without an HTTP response" });
    });
  });
}
