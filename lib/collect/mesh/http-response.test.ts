import { describe, expect, it } from "vitest";
import { answerComplete, parseHttpAnswer, printable, statusOf } from "./http-response";

describe("parseHttpAnswer", () => {
  it("takes the page title when there is one (nginx's refusals say why there)", () => {
    const raw =
      "HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\n\r\n" +
      "<html>\r\n<head><title>400 No required SSL certificate was sent</title></head>\r\n<body>";
    expect(parseHttpAnswer(raw)).toEqual({ status: 400, summary: "400 No required SSL certificate was sent" });
  });

  it("takes the first body line of a plain-text answer (Go's and Caddy's refusal)", () => {
    const raw = "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n";
    expect(parseHttpAnswer(raw)?.summary).toBe("400 Bad Request: Client sent an HTTP request to an HTTPS server.");
  });

  it("keeps a redirect's location and a bare status line", () => {
    expect(parseHttpAnswer("HTTP/1.1 301 Moved\r\nLocation: https://a.example/\r\n\r\n")).toEqual({
      status: 301,
      summary: "301 Moved",
      location: "https://a.example/",
    });
    expect(parseHttpAnswer("HTTP/1.1 204\r\n\r\n")).toEqual({ status: 204, summary: "204" });
  });

  it("refuses what is not HTTP, and neutralises hostile bytes", () => {
    expect(parseHttpAnswer("SSH-2.0-OpenSSH\r\n")).toBeUndefined();
    expect(parseHttpAnswer("\x15\x03\x03\x00\x02\x02\x46")).toBeUndefined();
    const hostile = `HTTP/1.1 200 OK\r\n\r\n<title>\x1b[31m<script>${"x".repeat(400)}</title>`;
    const s = parseHttpAnswer(hostile)?.summary ?? "";
    expect(s).not.toMatch(/\x1b/);
    expect(s.length).toBeLessThanOrEqual(160);
  });
});

describe("answer framing", () => {
  it("knows the status before the body and waits for the body up to its length", () => {
    expect(statusOf("HTTP/1.1 200 OK\r\n")).toBe(200);
    expect(statusOf("HTTP/1.1 2")).toBeUndefined();
    expect(answerComplete("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab", false)).toBe(false);
    expect(answerComplete("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde", false)).toBe(true);
    expect(answerComplete("HTTP/1.1 200 OK\r\n\r\nab", true)).toBe(true);
  });
  it("printable collapses control characters", () => {
    expect(printable("a\x00\x01b\r\nc")).toBe("a b c");
  });
});
