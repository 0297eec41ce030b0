#!/usr/bin/env python3
"""A loopback HTTP proxy in front of moto_server for the CloudFormation benchmarks (stdlib only).

It forwards every request unchanged, and can do two things on the way:

* hold: after an ExecuteChangeSet, answer DescribeStacks with the stack still *_IN_PROGRESS
  until a chosen instant T (the execute time plus the hold), then pass the truth through. T is
  the moment the stack "reaches its final state"; a tool that waits notices it some time after.
* throttle: answer CloudFormation requests beyond a token-bucket rate with AWS's own
  `Throttling` error (HTTP 400), as the real API does under load, and count them.

Control (GET, on the proxy itself):
  /_proxy/hold?seconds=S   hold every later ExecuteChangeSet's stack for S seconds (0: off)
  /_proxy/release          JSON {"t_ns": ...}: wall-clock ns of the last hold's T (null if none)
  /_proxy/stats            JSON counts: requests, throttled, by action

    bench/cfn_proxy.py --upstream http://127.0.0.1:5000 --port-file FILE [--rate 10 --burst 10]

Listens on 127.0.0.1 only and refuses an upstream that is not loopback.
"""
import argparse
import http.client
import http.server
import json
import os
import re
import sys
import threading
import time
import urllib.parse

THROTTLED = (b'<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">'
             b'<Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>'
             b'<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>')
FINAL_TO_RUNNING = {b"CREATE_COMPLETE": b"CREATE_IN_PROGRESS", b"UPDATE_COMPLETE": b"UPDATE_IN_PROGRESS"}
STATUS = re.compile(rb"<StackStatus>(CREATE_COMPLETE|UPDATE_COMPLETE)</StackStatus>")


class State:
    def __init__(self, rate, burst):
        self.lock = threading.Lock()
        self.hold_seconds = 0.0
        self.release_ns = None
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.refilled = time.monotonic()
        self.requests = 0
        self.throttled = 0
        self.actions = {}

    def take_token(self):
        """True when the request may pass the rate limit (always, without one)."""
        if self.rate <= 0:
            return True
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.refilled) * self.rate)
            self.refilled = now
            if self.tokens >= 1:
                self.tokens -= 1
                return True
            self.throttled += 1
            return False

    def holding(self):
        with self.lock:
            return self.release_ns is not None and time.time_ns() < self.release_ns


def action_of(body, headers):
    """The AWS query-protocol action of a request, or the JSON-protocol target's operation."""
    target = headers.get("X-Amz-Target")
    if target:
        return target.rsplit(".", 1)[-1]
    if body and b"Action=" in body:
        fields = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        return fields.get("Action", [""])[0]
    return ""


def make_handler(state, upstream):
    host, port = upstream

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def reply(self, code, body, content_type="application/json"):
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def control(self):
            url = urllib.parse.urlparse(self.path)
            if url.path == "/_proxy/hold":
                seconds = float(urllib.parse.parse_qs(url.query)["seconds"][0])
                with state.lock:
                    state.hold_seconds = seconds
                    state.release_ns = None
                self.reply(200, b"{}")
            elif url.path == "/_proxy/release":
                with state.lock:
                    self.reply(200, json.dumps({"t_ns": state.release_ns}).encode())
            elif url.path == "/_proxy/stats":
                with state.lock:
                    stats = {"requests": state.requests, "throttled": state.throttled, "actions": state.actions}
                self.reply(200, json.dumps(stats).encode())
            else:
                self.reply(404, b"{}")

        def forward(self):
            if self.path.startswith("/_proxy/"):
                self.control()
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            action = action_of(body, self.headers)
            is_cfn = b"Version=2010-05-15" in body
            with state.lock:
                state.requests += 1
                state.actions[action] = state.actions.get(action, 0) + 1
            if is_cfn and not state.take_token():
                self.reply(400, THROTTLED, "text/xml")
                return
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
            conn = http.client.HTTPConnection(host, port, timeout=120)
            try:
                conn.request(self.command, self.path, body=body or None, headers=headers)
                answer = conn.getresponse()
                data = answer.read()
                status = answer.status
                answer_headers = [(k, v) for k, v in answer.getheaders()
                                  if k.lower() not in ("content-length", "transfer-encoding", "connection")]
            finally:
                conn.close()
            if is_cfn and action == "ExecuteChangeSet" and status == 200:
                with state.lock:
                    if state.hold_seconds > 0:
                        state.release_ns = time.time_ns() + int(state.hold_seconds * 1e9)
            elif is_cfn and action == "DescribeStacks" and state.holding():
                data = STATUS.sub(lambda m: b"<StackStatus>" + FINAL_TO_RUNNING[m.group(1)] + b"</StackStatus>", data)
            self.send_response(status)
            for k, v in answer_headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = forward

    return Handler


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--upstream", required=True, help="moto_server endpoint, http://127.0.0.1:PORT")
    ap.add_argument("--port-file", required=True, help="the proxy writes its port here once it listens")
    ap.add_argument("--rate", type=float, default=0, help="CloudFormation requests per second allowed (0: no limit)")
    ap.add_argument("--burst", type=float, default=10, help="token-bucket size for --rate")
    opts = ap.parse_args()
    up = urllib.parse.urlparse(opts.upstream)
    if up.scheme != "http" or up.hostname not in ("127.0.0.1", "localhost") or not up.port:
        sys.exit("cfn_proxy: the upstream must be http://127.0.0.1:PORT (loopback only)")
    state = State(opts.rate, opts.burst)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state, ("127.0.0.1", up.port)))
    server.daemon_threads = True
    tmp = opts.port_file + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(str(server.server_address[1]))
    os.replace(tmp, opts.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
