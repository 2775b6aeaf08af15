/**
 * One simulated person's HTTP client: their own keep-alive connections from their own loopback address
 * (127.0.0.N, as fifty people arrive from fifty machines: the sign-in throttle keys on the source address and stays
 * as it is), their own cookie jar, and a signed-in session obtained through NextAuth's real credentials flow (CSRF
 * token first, then the form POST). node:http rather than fetch: fetch cannot choose its source address without
 * undici, which is not a dependency of Vigil.
 */
import http from "node:http";

export interface Answer {
  status: number;
  ms: number;
  /** Set when the request never got an answer (refused, reset, timed out). */
  error?: string;
  /** The Location header of a redirect. */
  location?: string;
  body: string;
}

const REQUEST_TIMEOUT_MS = 30_000;

export class Person {
  private readonly agent: http.Agent;
  private readonly jar = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly email: string,
    readonly sourceAddress: string,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 2, localAddress: sourceAddress });
  }

  /** One request, timed from before the connection is asked for to the last byte of the body. */
  async request(method: "GET" | "POST", pathname: string, opts: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
    const started = performance.now();
    const first = await this.attempt(method, pathname, opts, started);
    // A kept-alive connection the server closed as it was reused: a browser retries the request on a new one, and so
    // does this client, once (the time of both attempts counts).
    return first.stale ? (await this.attempt(method, pathname, opts, started)).answer : first.answer;
  }

  private attempt(
    method: "GET" | "POST",
    pathname: string,
    opts: { headers?: Record<string, string>; body?: string },
    started: number,
  ): Promise<{ answer: Answer; stale?: boolean }> {
    const url = new URL(pathname, this.baseUrl);
    const headers: Record<string, string> = { "user-agent": "vigil-bench-load", ...opts.headers };
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    if (opts.body !== undefined) headers["content-length"] = String(Buffer.byteLength(opts.body));
    return new Promise((resolve) => {
      const req = http.request(url, { method, agent: this.agent, headers, timeout: REQUEST_TIMEOUT_MS }, (res) => {
        this.keepCookies(res.headers["set-cookie"] ?? []);
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            answer: {
              status: res.statusCode ?? 0,
              ms: performance.now() - started,
              ...(res.headers.location ? { location: res.headers.location } : {}),
              body: Buffer.concat(chunks).toString("utf8"),
            },
          }),
        );
        res.on("error", (err) => resolve({ answer: { status: 0, ms: performance.now() - started, error: err.message, body: "" } }));
      });
      req.on("timeout", () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      req.on("error", (err: NodeJS.ErrnoException) =>
        resolve({
          answer: { status: 0, ms: performance.now() - started, error: err.message, body: "" },
          stale: req.reusedSocket && (err.code === "ECONNRESET" || err.code === "EPIPE"),
        }),
      );
      req.end(opts.body);
    });
  }

  /** NextAuth's credentials sign-in, as the sign-in form does it; throws with the answer when no session results. */
  async signIn(password: string): Promise<void> {
    const csrf = await this.request("GET", "/api/auth/csrf");
    const token = (JSON.parse(csrf.body || "{}") as { csrfToken?: unknown }).csrfToken;
    if (typeof token !== "string") throw new Error(`${this.email}: no CSRF token (HTTP ${csrf.status})`);
    const form = new URLSearchParams({ csrfToken: token, email: this.email, password, json: "true" }).toString();
    const res = await this.request("POST", "/api/auth/callback/credentials", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
    if (!this.jar.has("vigil.session"))
      throw new Error(`${this.email}: sign-in gave no session (HTTP ${res.status}: ${res.body.slice(0, 200)})`);
  }

  close(): void {
    this.agent.destroy();
  }

  private keepCookies(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const [name, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
      // An emptied cookie (Max-Age=0) is the server dropping it.
      if (value === "" || /max-age=0(;|$)/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
}
