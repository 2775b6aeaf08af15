"""
A signed-request agent for Vigil's conformance test bed (issue #18), standard library only, served over mTLS.

--middleware reference : reference 004's ZeroTrustMiddleware, copied verbatim below (one shared secret, no nonce,
                         a symmetric +/-30 s window): it accepts a replay, a future timestamp and any sender id.
--middleware corrected : the same signature, plus a registry of senders (one secret each), a past-only window with a
                         small clock skew, and a cache of signatures seen inside the window (the nonce cache).
--capabilities honour|ignore|off : capability tokens (reference 002's pattern: an explicit scope list, signed by the
                         auth service); "ignore" checks the token's signature and expiry but never its scopes.

POST /canary needs scope read:canary (when tokens are on); POST /reports/dry-run needs write:reports and does nothing.
Every answer is 200 {"ok": true} or 401/403 {"ok": false, "why": ...}; nothing else happens.
"""
import argparse
import base64
import hashlib
import hmac
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


# ---- reference 004, verbatim --------------------------------------------------------------------------------------
class ZeroTrustMiddleware:
    """Validates agent identity and request authenticity."""

    def __init__(self, signing_secret: str, max_age_seconds: int = 30):
        self.signing_secret = signing_secret.encode()
        self.max_age = max_age_seconds

    def sign_request(self, agent_id: str, payload: bytes) -> dict:
        """Create signed headers for an outgoing agent request."""
        timestamp = str(int(time.time()))
        message = f"{agent_id}:{timestamp}:".encode() + payload
        signature = hmac.new(self.signing_secret, message, hashlib.sha256).hexdigest()

        return {
            "X-Agent-ID": agent_id,
            "X-Timestamp": timestamp,
            "X-Signature": signature,
        }

    def verify_request(self, headers: dict, payload: bytes) -> bool:
        """Verify incoming request authenticity."""
        agent_id = headers.get("X-Agent-ID", "")
        timestamp = headers.get("X-Timestamp", "0")
        signature = headers.get("X-Signature", "")

        # Check timestamp freshness to prevent replay attacks
        age = abs(int(time.time()) - int(timestamp))
        if age > self.max_age:
            return False

        expected_message = f"{agent_id}:{timestamp}:".encode() + payload
        expected_sig = hmac.new(
            self.signing_secret, expected_message, hashlib.sha256
        ).hexdigest()

        return hmac.compare_digest(signature, expected_sig)
# ---- end of reference 004 -----------------------------------------------------------------------------------------


class CorrectedMiddleware:
    """Reference 004's signature with what it lacks: known senders, a past-only window, and a replay cache."""

    def __init__(self, secrets: dict, max_age_seconds: int = 30, future_skew_seconds: int = 2):
        self.secrets = {k: v.encode() for k, v in secrets.items()}
        self.max_age = max_age_seconds
        self.skew = future_skew_seconds
        self.seen = {}  # signature -> timestamp, pruned past the window
        self.lock = threading.Lock()

    def verify_request(self, headers, payload: bytes) -> bool:
        agent_id = headers.get("X-Agent-ID", "")
        secret = self.secrets.get(agent_id)
        if secret is None:
            return False
        try:
            timestamp = int(headers.get("X-Timestamp", ""))
        except ValueError:
            return False
        now = int(time.time())
        if timestamp > now + self.skew or now - timestamp > self.max_age:
            return False
        expected = hmac.new(secret, f"{agent_id}:{timestamp}:".encode() + payload, hashlib.sha256).hexdigest()
        signature = headers.get("X-Signature", "")
        if not hmac.compare_digest(signature, expected):
            return False
        with self.lock:
            for sig, ts in list(self.seen.items()):
                if now - ts > self.max_age + self.skew:
                    del self.seen[sig]
            if signature in self.seen:
                return False
            self.seen[signature] = timestamp
        return True


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def token_scopes(token: str, auth_secret: bytes, agent_id: str):
    """The token's scopes when its signature, expiry and holder check out; None otherwise."""
    try:
        body, mac = token.split(".", 1)
        expected = base64.urlsafe_b64encode(hmac.new(auth_secret, body.encode(), hashlib.sha256).digest()).rstrip(b"=").decode()
        if not hmac.compare_digest(mac, expected):
            return None
        claims = json.loads(b64url_decode(body))
        if claims.get("agentId") != agent_id or claims.get("expires", 0) < time.time() * 1000:
            return None
        return list(claims.get("capabilities", []))
    except (ValueError, json.JSONDecodeError):
        return None


ROUTES = {"/canary": "read:canary", "/reports/dry-run": "write:reports"}


def make_handler(middleware, capabilities: str, auth_secret: bytes):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def answer(self, status: int, body: dict):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)
            self.close_connection = True

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0") or "0")
            payload = self.rfile.read(min(length, 65536))
            scope = ROUTES.get(self.path)
            if scope is None or (capabilities == "off" and self.path != "/canary"):
                return self.answer(404, {"ok": False, "why": "no such route"})
            if not middleware.verify_request(self.headers, payload):
                return self.answer(401, {"ok": False, "why": "request not authentic"})
            if capabilities != "off":
                scopes = token_scopes(self.headers.get("X-Capability-Token", ""), auth_secret, self.headers.get("X-Agent-ID", ""))
                if scopes is None:
                    return self.answer(401, {"ok": False, "why": "no valid capability token"})
                if capabilities == "honour" and scope not in scopes:
                    return self.answer(403, {"ok": False, "why": f"token lacks {scope}"})
            self.answer(200, {"ok": True, "route": self.path})

        def log_message(self, fmt, *args):
            print(f"{self.address_string()} {fmt % args}", flush=True)

    return Handler


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--ca", required=True)
    p.add_argument("--secret-file", required=True)
    p.add_argument("--sender", default="vigil-prober")
    p.add_argument("--middleware", choices=["reference", "corrected"], required=True)
    p.add_argument("--capabilities", choices=["off", "honour", "ignore"], default="off")
    p.add_argument("--auth-secret-file")
    a = p.parse_args()
    secret = open(a.secret_file).read().strip()
    auth_secret = open(a.auth_secret_file).read().strip().encode() if a.auth_secret_file else b""
    middleware = ZeroTrustMiddleware(secret) if a.middleware == "reference" else CorrectedMiddleware({a.sender: secret})
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3  # the mesh policy's floor: these agents are healthy endpoints
    ctx.load_cert_chain(a.cert, a.key)
    ctx.load_verify_locations(cafile=a.ca)
    ctx.verify_mode = ssl.CERT_REQUIRED
    server = ThreadingHTTPServer((a.host, a.port), make_handler(middleware, a.capabilities, auth_secret))
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    print(f"listening on {a.host}:{a.port} middleware={a.middleware} capabilities={a.capabilities}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
