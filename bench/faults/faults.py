#!/usr/bin/env python3
"""Load drivers and checks of bench/faults/run.sh (standard library only).

  faults.py pg-outage ...   load during a PostgreSQL stop/start, with a readiness poller; checks every answer
  faults.py sigterm ...     load while run.sh sends SIGTERM; checks in-flight and late requests
  faults.py bad-bodies DIR  writes the malformed requests of the abuse scenario and their manifest
  faults.py bad-probe ...   sends each malformed request once and checks its exact status, code and limit

Each check prints PASS/FAIL lines and the figures; the exit status is 1 when any check failed.
"""
import argparse
import collections
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time

# ErrorCode.java: the only values a client may see in extensions.code.
KNOWN_CODES = {
    "BAD_REQUEST", "PERSISTED_QUERY_NOT_FOUND", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED",
    "BAD_USER_INPUT", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "RATE_LIMITED", "TIMEOUT",
    "SLOW_SUBSCRIBER", "SERVICE_UNAVAILABLE", "INTERNAL_SERVER_ERROR",
}
# What must never reach a client: exception class names, stack frames, driver or SQL details.
LEAK = re.compile(r"Exception|\tat |\bat [a-z]+\.[a-z_]+\.|Caused by|org\.postgresql|org\.hibernate|"
                  r"io\.agroal|java\.|SQLState|PSQL|jdbc", re.IGNORECASE)

failures = []


def check(ok, name, figures=""):
    print(("PASS" if ok else "FAIL") + ": " + name + (" (" + figures + ")" if figures else ""), flush=True)
    if not ok:
        failures.append(name)


class Client:
    """One keep-alive connection per worker, reopened after any transport error, as an HTTP client pool would."""

    def __init__(self, port, timeout):
        self.port, self.timeout, self.conn = port, timeout, None

    def request(self, method, path, body=None, headers=None):
        """(status, body bytes, transport-error name or None). Never raises."""
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            self.conn.request(method, path, body=body, headers=headers or {})
            response = self.conn.getresponse()
            data = response.read()
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, data, None
        except socket.timeout:
            self.close()
            return None, b"", "timeout"
        except http.client.IncompleteRead:
            self.close()
            return None, b"", "incomplete-body"
        except http.client.RemoteDisconnected:
            self.close()
            return None, b"", "closed-before-response"
        except ConnectionRefusedError:
            self.close()
            return None, b"", "connection-refused"
        except (ConnectionResetError, BrokenPipeError):
            self.close()
            return None, b"", "connection-reset"
        except (http.client.HTTPException, OSError) as e:
            self.close()
            return None, b"", "transport:" + type(e).__name__

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except OSError:
                pass
        self.conn = None


def gql_body(query, variables=None):
    return json.dumps({"query": query, "variables": variables or {}}).encode()


def headers(token=None):
    h = {"Content-Type": "application/json"}
    if token:
        h["Authorization"] = "Bearer " + token
    return h


def error_codes(status, data):
    """The error codes of a GraphQL error response, or a reason why it is not an acceptable error response."""
    try:
        doc = json.loads(data)
    except ValueError:
        return None, "HTTP %s, body not JSON: %r" % (status, data[:120])
    errors = doc.get("errors") if isinstance(doc, dict) else None
    if not errors:
        return None, "HTTP %s without errors: %r" % (status, data[:160])
    codes = []
    for error in errors:
        code = (error.get("extensions") or {}).get("code")
        if code not in KNOWN_CODES:
            return None, "error without a known extensions.code: %r" % data[:200]
        if LEAK.search(str(error.get("message", ""))):
            return None, "internal detail in message: %r" % error.get("message")[:200]
        codes.append(code)
    if LEAK.search(data.decode("utf-8", "replace")):
        return None, "internal detail in body: %r" % data[:200]
    return codes, None


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.rows = []

    def add(self, **row):
        with self.lock:
            self.rows.append(row)


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


# ===================================================================================================================
# PostgreSQL outage
# ===================================================================================================================

USERS_QUERY = "{ users(first: 5) { nodes { id name } } }"
CREATE_POST = "mutation($input: CreatePostInput!) { createPost(input: $input) { post { title } } }"


def pg_outage(args):
    client = Client(args.port, args.max_time)
    status, reference, _ = client.request("POST", "/graphql", gql_body(USERS_QUERY), headers(args.token))
    if status != 200 or b'"errors"' in reference or reference.count(b'"name"') != 5:
        check(False, "reference users(first: 5) answered before the outage", "%s %r" % (status, reference[:200]))
        return
    client.close()
    stop = threading.Event()
    record = Recorder()
    ready = Recorder()

    def worker(kind, n):
        c = Client(args.port, args.max_time)
        i = 0
        while not stop.is_set():
            i += 1
            title = "pg-%d-%d" % (n, i)
            body = gql_body(USERS_QUERY) if kind == "query" else gql_body(
                CREATE_POST, {"input": {"title": title, "body": "written while PostgreSQL restarts"}})
            t0 = time.time()
            status, data, err = c.request("POST", "/graphql", body, headers(args.token))
            t1 = time.time()
            outcome, detail, codes = "bad", None, ()
            if err:
                detail = err
            elif status == 200 and b'"errors"' not in data:
                if kind == "query":
                    outcome = "ok" if data == reference else "bad"
                    detail = None if outcome == "ok" else "wrong answer %r" % data[:200]
                else:
                    try:
                        got = json.loads(data)["data"]["createPost"]["post"]["title"]
                    except (ValueError, KeyError, TypeError):
                        got = None
                    outcome = "ok" if got == title else "bad"
                    detail = None if outcome == "ok" else "wrong answer %r" % data[:200]
            elif status in (200, 503):
                codes, reason = error_codes(status, data)
                outcome, detail = ("error", None) if codes else ("bad", reason)
            else:
                detail = "HTTP %s: %r" % (status, data[:200])
            record.add(kind=kind, t0=t0, t1=t1, status=status, outcome=outcome, detail=detail,
                       codes=tuple(codes or ()), title=title if kind == "mutation" else None)
            time.sleep(0.02)

    def poll_ready():
        c = Client(args.port, args.max_time)
        while not stop.is_set():
            t0 = time.time()
            status, data, err = c.request("GET", "/q/health/ready")
            down = []
            if status in (200, 503):
                try:
                    down = [chk["name"] for chk in json.loads(data).get("checks", []) if chk.get("status") != "UP"]
                except ValueError:
                    down = ["unparseable"]
            ready.add(t0=t0, t1=time.time(), status=status or err, down=down)
            time.sleep(0.2)

    threads = [threading.Thread(target=worker, args=("query", n)) for n in range(args.query_clients)]
    threads += [threading.Thread(target=worker, args=("mutation", n)) for n in range(args.mutation_clients)]
    threads.append(threading.Thread(target=poll_ready))
    for t in threads:
        t.start()

    def readiness_since(since, status):
        return next((r for r in list(ready.rows) if r["t0"] >= since and r["status"] == status), None)

    # Two faults one after the other: PostgreSQL stopped for a while then started (an outage), and a quick
    # `pg_ctl restart` (the pool's connections all die, the database is back within a second).
    plan = [("stop, %.0f s down, start" % args.outage, args.stop_cmd, args.start_cmd, args.outage),
            ("pg_ctl restart", args.restart_cmd, None, 0)]
    phases = []
    try:
        time.sleep(args.warm)
        for name, first_cmd, then_cmd, outage in plan:
            phase = {"name": name, "fault": time.time()}
            subprocess.run(first_cmd, shell=True, check=True, stdout=subprocess.DEVNULL)
            if then_cmd:
                stopped = time.time()
                while time.time() < stopped + 20 and readiness_since(stopped, 503) is None:
                    time.sleep(0.1)
                while time.time() < phase["fault"] + outage:
                    time.sleep(0.1)
                subprocess.run(then_cmd, shell=True, check=True, stdout=subprocess.DEVNULL)
            phase["up"] = time.time()
            phases.append(phase)
            # Until readiness is UP again and the last 3 s of answers were all correct (bounded).
            deadline = phase["up"] + args.recovery_bound + 5
            while time.time() < deadline:
                recent = [r for r in list(record.rows) if r["t0"] >= time.time() - 3]
                if (readiness_since(phase["up"], 200) and time.time() - phase["up"] > 3 and recent
                        and all(r["outcome"] == "ok" for r in recent)):
                    break
                time.sleep(0.2)
            time.sleep(1)
    finally:
        stop.set()
        for t in threads:
            t.join(args.max_time + 5)
    end = time.time()

    rows = sorted(record.rows, key=lambda r: r["t0"])
    print("%d answers checked (%d queries, %d mutations), %d readiness probes" % (
        len(rows), sum(r["kind"] == "query" for r in rows), sum(r["kind"] == "mutation" for r in rows),
        len(ready.rows)))
    first = phases[0]["fault"] if phases else end
    before = [r for r in rows if r["t1"] < first]
    check(before and all(r["outcome"] == "ok" for r in before), "before the first fault every answer is correct",
          "%d answers" % len(before))
    bad = [r for r in rows if r["outcome"] == "bad"]
    check(not bad, "every answer is correct data, a GraphQL error with a known code and no internal detail, or 503",
          "%d bad%s" % (len(bad), "; first: %s %s at +%.1f s" % (bad[0]["kind"], bad[0]["detail"], bad[0]["t0"] - first)
                        if bad else ""))
    # A lost database is the client's signal to retry, not a server bug: SERVICE_UNAVAILABLE (or TIMEOUT), never
    # INTERNAL_SERVER_ERROR.
    internal = [r for r in rows if "INTERNAL_SERVER_ERROR" in r["codes"]]
    check(not internal, "outage errors are SERVICE_UNAVAILABLE or TIMEOUT, none INTERNAL_SERVER_ERROR",
          "%d INTERNAL_SERVER_ERROR" % len(internal))
    slowest = max((r["t1"] - r["t0"] for r in rows), default=0)
    check(slowest <= args.max_time and not any(r["detail"] == "timeout" for r in rows),
          "no request hangs (bound %.0f s: execution timeout 10 s + 2 s)" % args.max_time,
          "slowest %.2f s" % slowest)
    for i, phase in enumerate(phases):
        until = phases[i + 1]["fault"] if i + 1 < len(phases) else end
        t_fault, t_up = phase["fault"], phase["up"]
        mine = [r for r in rows if t_fault <= r["t1"] < until]
        print("-- %s: PostgreSQL unavailable for %.1f s" % (phase["name"], t_up - t_fault))
        by_code = collections.Counter("HTTP %s %s" % (r["status"], "/".join(sorted(set(r["codes"]))))
                                      for r in mine if r["outcome"] == "error")
        print("   errors by code: " + (", ".join("%s x%d" % kv for kv in sorted(by_code.items())) or "none")
              + "; p99 latency %.2f s" % percentile([r["t1"] - r["t0"] for r in mine], 99))
        down = readiness_since(t_fault, 503)
        down = down if down and down["t0"] < until else None
        if i == 0:
            check(down is not None and down["t0"] < t_up, "/q/health/ready goes DOWN (503) during the outage",
                  "after %.1f s, checks down: %s" % (down["t0"] - t_fault, ",".join(down["down"])) if down else "never")
        up = readiness_since(max(t_up, down["t1"] if down else t_up), 200)
        later_down = [r for r in ready.rows if up and up["t1"] < r["t0"] and r["t1"] < until and r["status"] != 200]
        check(up is not None and up["t0"] < until and not later_down,
              "/q/health/ready is UP (200) again after PostgreSQL is back, and stays UP",
              "%.1f s after PostgreSQL accepted connections%s" % (
                  up["t1"] - t_up, "" if i == 0 else "; DOWN seen: %s" % ("yes" if down else "no")) if up else "never")
        failed_after = [r for r in mine if r["t1"] >= t_up and r["outcome"] != "ok"]
        recovered_at = max([r["t1"] for r in failed_after], default=t_up)
        after = [r for r in mine if r["t0"] > recovered_at]
        check(recovered_at - t_up <= args.recovery_bound and len(after) >= 20
              and all(r["outcome"] == "ok" for r in after),
              "the service answers correctly within %.0f s after PostgreSQL is back, without a restart"
              % args.recovery_bound,
              "recovered %.1f s after PostgreSQL was up; %d failed answers after it was up; %d correct since"
              % (recovered_at - t_up, len(failed_after), len(after)))
    acknowledged = {r["title"] for r in rows if r["kind"] == "mutation" and r["outcome"] == "ok"}
    failed_titles = {r["title"] for r in rows if r["kind"] == "mutation" and r["outcome"] != "ok"}
    stored = set(subprocess.run(args.psql + " -At -c \"SELECT title FROM posts WHERE title LIKE 'pg-%'\"",
                                shell=True, check=True, capture_output=True, text=True).stdout.split())
    lost = acknowledged - stored
    check(not lost, "every acknowledged createPost is stored",
          "%d acknowledged, %d lost; %d failed ones, of which %d were stored anyway"
          % (len(acknowledged), len(lost), len(failed_titles), len(failed_titles & stored)))


# ===================================================================================================================
# SIGTERM
# ===================================================================================================================

PAGE_QUERY = "{ users(first: 100) { nodes { id name posts(first: 5) { nodes { title } } } } }"
LOGIN = "mutation($input: LoginInput!) { login(input: $input) { token } }"
Q1 = "query($id: ID!) { user(id: $id) { id name email } }"


def sigterm(args):
    setup = Client(args.port, args.max_time)
    _, page_reference, _ = setup.request("POST", "/graphql", gql_body(PAGE_QUERY), headers(args.token))
    _, q1_reference, _ = setup.request("POST", "/graphql", gql_body(Q1, {"id": args.q1_id}), headers(args.token))
    setup.close()
    if page_reference.count(b'"posts"') != 100 or b'"errors"' in page_reference or b'"errors"' in q1_reference:
        check(False, "reference answers before SIGTERM", "%r %r" % (page_reference[:200], q1_reference[:200]))
        return
    stop = threading.Event()
    record = Recorder()

    def request_of(kind):
        if kind == "q1":
            return gql_body(Q1, {"id": args.q1_id}), headers(args.token)
        if kind == "page":
            return gql_body(PAGE_QUERY), headers(args.token)
        return gql_body(LOGIN, {"input": {"email": args.email, "password": args.password}}), headers()

    def correct(kind, data):
        if kind == "q1":
            return data == q1_reference
        if kind == "page":
            return data == page_reference
        try:
            return len(json.loads(data)["data"]["login"]["token"]) > 100 and b'"errors"' not in data
        except (ValueError, KeyError, TypeError):
            return False

    def worker(kind):
        c = Client(args.port, args.max_time)
        while not stop.is_set():
            body, h = request_of(kind)
            t0 = time.time()
            status, data, err = c.request("POST", "/graphql", body, h)
            t1 = time.time()
            if err:
                outcome = err
            elif status == 200:
                outcome = "ok" if correct(kind, data) else "wrong"
            elif status == 503:
                outcome = "503"
            else:
                outcome = "HTTP %s" % status
            record.add(kind=kind, t0=t0, t1=t1, outcome=outcome, sample=data[:200])
            if outcome != "ok":
                time.sleep(0.05)

    kinds = ["q1"] * args.q1_clients + ["page"] * args.page_clients + ["login"] * args.login_clients
    threads = [threading.Thread(target=worker, args=(k,)) for k in kinds]
    for t in threads:
        t.start()
    started = time.time()
    time.sleep(args.warm)
    open(args.ready_file, "w").close()
    while not os.path.exists(args.stop_file) and time.time() < started + args.max_seconds:
        time.sleep(0.1)
    stop.set()
    for t in threads:
        t.join(args.max_time + 5)
    with open(args.term_file) as f:
        term, exited = (float(x) for x in f.read().split()[:2])

    rows = sorted(record.rows, key=lambda r: r["t0"])
    refusals = {"503", "connection-refused", "closed-before-response", "connection-reset"}
    margin = args.margin
    in_flight = [r for r in rows if r["t0"] < term - margin and r["t1"] > term]
    before = [r for r in rows if r["t0"] < term - margin]
    window = [r for r in rows if term - margin <= r["t0"] <= term + args.window]
    late = [r for r in rows if r["t0"] > term + args.window]
    print("SIGTERM at +%.1f s of load; process gone %.2f s later; %d requests checked (%d before: %s; %d in the "
          "+-window, %d after)" % (term - started, exited - term, len(rows), len(before), ", ".join(
              "%s %d" % kv for kv in sorted(collections.Counter(r["kind"] for r in before).items())), len(window),
              len(late)))
    kinds_in_flight = collections.Counter(r["kind"] for r in in_flight)
    check(in_flight and all(r["outcome"] == "ok" for r in in_flight),
          "requests in flight at SIGTERM complete with correct 200 answers",
          "%d in flight (%s), outcomes %s, longest finished %.2f s after SIGTERM" % (
              len(in_flight), ", ".join("%s %d" % kv for kv in sorted(kinds_in_flight.items())),
              dict(collections.Counter(r["outcome"] for r in in_flight)),
              max([r["t1"] - term for r in in_flight], default=0)))
    bad_before = [r for r in before if r["outcome"] != "ok"]
    check(not bad_before, "every request sent before SIGTERM is answered correctly",
          "%d of %d not%s" % (len(bad_before), len(before), "; first: %s %s %r" % (
              bad_before[0]["kind"], bad_before[0]["outcome"], bad_before[0]["sample"]) if bad_before else ""))
    bad_window = [r for r in window if r["outcome"] != "ok" and r["outcome"] not in refusals]
    check(not bad_window, "requests sent within %.1f s of SIGTERM are answered correctly or refused" % args.window,
          "outcomes %s" % dict(collections.Counter(r["outcome"] for r in window)))
    accepted_late = [r for r in late if r["outcome"] not in refusals]
    check(late and not accepted_late,
          "requests arriving after shutdown began are refused (503 or connection refused/closed, no hang, no half "
          "response)",
          "%d late requests: %s" % (len(late), dict(collections.Counter(r["outcome"] for r in late))))
    worst = max((r["t1"] - r["t0"] for r in rows), default=0)
    check(worst < args.max_time and not any(r["outcome"] in ("timeout", "incomplete-body") for r in rows),
          "no request hangs or gets half a response", "slowest %.2f s" % worst)


# ===================================================================================================================
# Malformed and abusive requests
# ===================================================================================================================

def bad_bodies(args):
    """Writes DIR/<name>.body and DIR/manifest: name|content type|token (yes/bad/no)|status|code|limit."""
    os.makedirs(args.dir, exist_ok=True)
    nest = "{ me { " + "posts { nodes { author { " * 6 + "id" + " } } }" * 6 + " } }"
    cases = [
        ("malformed-json", '{"query": "{ me { id } }"', "application/json", "yes", 400, "BAD_REQUEST", None),
        ("not-an-object", '"{ me { id } }"', "application/json", "yes", 400, "BAD_REQUEST", None),
        ("batch", json.dumps([{"query": "{ me { id } }"}] * 50), "application/json", "yes", 400, "BAD_REQUEST",
         "batching"),
        ("no-query", '{"variables": {}}', "application/json", "yes", 400, "BAD_REQUEST", None),
        ("syntax-error", json.dumps({"query": "{ users(first: 5) { nodes { id name "}), "application/json", "yes",
         200, "GRAPHQL_PARSE_FAILED", None),
        ("unknown-field", json.dumps({"query": "{ users { nodes { password } } }"}), "application/json", "yes", 200,
         "GRAPHQL_VALIDATION_FAILED", None),
        ("fragment-cycle", json.dumps({"query": "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"}),
         "application/json", "yes", 200, "GRAPHQL_VALIDATION_FAILED", None),
        ("over-depth", json.dumps({"query": nest}), "application/json", "yes", 200, "BAD_USER_INPUT", "maxDepth"),
        ("over-cost", json.dumps({"query": "{ users(first: 100) { nodes { posts(first: 100) { nodes { id title } } "
                                            "} } }"}), "application/json", "yes", 200, "BAD_USER_INPUT",
         "maxComplexity"),
        ("aliases-40", json.dumps({"query": "{ " + " ".join("a%d: user(id: \"VXNlcjox\") { id }" % i
                                                            for i in range(40)) + " }"}),
         "application/json", "yes", 200, "BAD_USER_INPUT", "maxAliases"),
        ("aliases-1000", json.dumps({"query": "{ me { " + " ".join("a%d: id" % i for i in range(1000)) + " } }"}),
         "application/json", "yes", 200, "BAD_USER_INPUT", "maxAliases"),
        ("tokens-6000", json.dumps({"query": "{ me { " + " ".join("a%d: id" % i for i in range(2000)) + " } }"}),
         "application/json", "yes", 200, "BAD_USER_INPUT", "maxTokens"),
        ("root-fields", json.dumps({"query": "{ " + " ".join(["me { id }"] * 25) + " }"}), "application/json", "yes",
         200, "BAD_USER_INPUT", "maxRootFields"),
        ("braces-5000", json.dumps({"query": "{" * 5000 + "}" * 5000}), "application/json", "yes", 200,
         "GRAPHQL_PARSE_FAILED", None),
        ("long-document", json.dumps({"query": "{ me { id } }" + " " * 30000}), "application/json", "yes", 200,
         "BAD_USER_INPUT", "maxQueryLength"),
        ("big-variables", json.dumps({"query": "query($x: String) { me { id } }", "variables": {"x": "v" * 70000}}),
         "application/json", "yes", 200, "BAD_USER_INPUT", "maxVariablesSize"),
        ("over-size-body", json.dumps({"query": "{ me { id } }", "variables": {"x": "b" * (1024 * 1024 + 100)}}),
         "application/json", "yes", 413, "BAD_REQUEST", "maxBodySize"),
        ("text-plain", json.dumps({"query": "{ me { id } }"}), "text/plain", "yes", 415, "BAD_REQUEST", None),
        ("bad-token", json.dumps({"query": "{ users { nodes { id } } }"}), "application/json", "bad", 401,
         "UNAUTHENTICATED", None),
        ("bad-variable-type", json.dumps({"query": "query($n: Int) { users(first: $n) { nodes { id } } }",
                                          "variables": {"n": "many"}}), "application/json", "yes", 200,
         "BAD_USER_INPUT", None),
    ]
    with open(os.path.join(args.dir, "manifest"), "w") as manifest:
        for name, body, content_type, token, status, code, limit in cases:
            with open(os.path.join(args.dir, name + ".body"), "w") as f:
                f.write(body)
            manifest.write("|".join([name, content_type, token, str(status), code, limit or ""]) + "\n")


def bad_manifest(directory):
    with open(os.path.join(directory, "manifest")) as f:
        for line in f.read().splitlines():
            name, content_type, token, status, code, limit = line.split("|")
            with open(os.path.join(directory, name + ".body"), "rb") as b:
                yield name, content_type, token, int(status), code, limit or None, b.read()


def bad_probe(args):
    c = Client(args.port, args.max_time)
    wrong = []
    for name, content_type, token, status, code, limit, body in bad_manifest(args.dir):
        h = {"Content-Type": content_type}
        if token == "yes":
            h["Authorization"] = "Bearer " + args.token
        elif token == "bad":
            h["Authorization"] = "Bearer not.a.token"
        got_status, data, err = c.request("POST", "/graphql", body, h)
        codes, reason = error_codes(got_status, data) if not err else (None, err)
        try:
            got_limit = (json.loads(data)["errors"][0].get("extensions") or {}).get("limit")
        except (ValueError, KeyError, TypeError, IndexError):
            got_limit = None
        has_data = b'"data":{' in data
        if err or got_status != status or not codes or codes[0] != code or got_limit != limit or has_data:
            wrong.append("%s: expected %s %s %s, got %s %s %s %s" % (name, status, code, limit, got_status, codes,
                                                                     got_limit, reason or data[:160]))
    check(not wrong, "each malformed request alone gets its documented status, code and limit",
          "%d kinds%s" % (sum(1 for _ in bad_manifest(args.dir)), "; " + "; ".join(wrong) if wrong else ""))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pg-outage")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--stop-cmd", required=True)
    p.add_argument("--start-cmd", required=True)
    p.add_argument("--restart-cmd", required=True)
    p.add_argument("--psql", required=True)
    p.add_argument("--warm", type=float, default=4)
    p.add_argument("--outage", type=float, default=8)
    p.add_argument("--recovery-bound", type=float, default=15)
    p.add_argument("--max-time", type=float, default=12)
    p.add_argument("--query-clients", type=int, default=4)
    p.add_argument("--mutation-clients", type=int, default=2)
    s = sub.add_parser("sigterm")
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--token", required=True)
    s.add_argument("--q1-id", required=True)
    s.add_argument("--email", required=True)
    s.add_argument("--password", required=True)
    s.add_argument("--ready-file", required=True)
    s.add_argument("--term-file", required=True)
    s.add_argument("--stop-file", required=True)
    s.add_argument("--warm", type=float, default=4)
    s.add_argument("--max-seconds", type=float, default=45)
    s.add_argument("--max-time", type=float, default=15)
    s.add_argument("--margin", type=float, default=0.05)
    s.add_argument("--window", type=float, default=0.5)
    s.add_argument("--q1-clients", type=int, default=3)
    s.add_argument("--page-clients", type=int, default=2)
    s.add_argument("--login-clients", type=int, default=3)
    b = sub.add_parser("bad-bodies")
    b.add_argument("dir")
    q = sub.add_parser("bad-probe")
    q.add_argument("--port", type=int, required=True)
    q.add_argument("--token", required=True)
    q.add_argument("--dir", required=True)
    q.add_argument("--max-time", type=float, default=12)
    args = parser.parse_args()
    {"pg-outage": pg_outage, "sigterm": sigterm, "bad-bodies": bad_bodies, "bad-probe": bad_probe}[args.command](args)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
