#!/usr/bin/env python3
"""Reads the statements one database executed from a byte range of PostgreSQL's log (run.sh sets
log_min_duration_statement = 0 for the bench database only, so every statement of the app's sessions is logged
with its parameters; see run.sh for why the log rather than pg_stat_statements).

  sqllog.py count LOG START END DB REQUESTS   statements per request, and each distinct statement's share
  sqllog.py pgbench LOG START END DB OUT       OUT: a pgbench script replaying the data statements of the range

A statement is an `execute <name>: ...` (extended protocol; its parse and bind steps are logged too and skipped)
or a `statement: ...` (simple protocol) line whose prefix names DB. Transaction control and session settings
(BEGIN, COMMIT, SET, an empty validation query, ...) are counted apart from the data statements.
"""
import re
import sys

RECORD = re.compile(r"^(?P<prefix>.*?\[(?P<pid>\d+)\].*?)(?P<level>[A-Z]+):  (?P<msg>.*)$")
EXECUTED = re.compile(r"^duration: [\d.]+ ms  (?:execute [^:]*|statement): (?P<sql>.*)$", re.S)
PARAMETERS = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")
CONTROL = {"", "begin", "commit", "rollback", "start", "end", "set", "show", "reset", "discard", "savepoint",
           "release", "listen", "unlisten", "deallocate"}


def records(path, start, end):
    """(prefix, pid, level, message) of each log record in the byte range; continuation lines start with a tab."""
    with open(path, "rb") as f:
        f.seek(start)
        text = f.read(end - start).decode("utf-8", "replace")
    current = None
    for line in text.split("\n"):
        if line.startswith("\t") and current:
            current[3] += "\n" + line[1:]
            continue
        if current:
            yield current
        m = RECORD.match(line)
        current = [m["prefix"], m["pid"], m["level"], m["msg"]] if m else None
    if current:
        yield current


def statements(path, start, end, db):
    """[(sql, {n: literal})] in log order: each executed statement of DB with the parameters logged after it."""
    found, last_by_pid = [], {}
    for prefix, pid, level, msg in records(path, start, end):
        if f"@{db} " not in prefix + " ":
            continue
        if level == "LOG":
            m = EXECUTED.match(msg)
            last_by_pid[pid] = None
            if m:
                found.append((m["sql"].strip(), {}))
                last_by_pid[pid] = found[-1]
        elif level == "DETAIL" and msg.startswith("parameters: ") and last_by_pid.get(pid):
            last_by_pid[pid][1].update((int(n), v) for n, v in PARAMETERS.findall(msg))
    return found


def is_control(sql):
    return (sql.split(None, 1) or [""])[0].rstrip(";").lower() in CONTROL


def count(path, start, end, db, requests):
    found = statements(path, start, end, db)
    data = [sql for sql, _ in found if not is_control(sql)]
    print(f"{len(data) / requests:.2f} {(len(found) - len(data)) / requests:.2f}")
    shares = {}
    for sql, _ in found:
        key = " ".join(sql.split())
        key = key if len(key) <= 110 else key[:107] + "..."
        shares[key] = shares.get(key, 0) + 1
    for key, n in sorted(shares.items(), key=lambda kv: -kv[1]):
        print(f"{n / requests:6.2f}  {key}")


def pgbench(path, start, end, db, out):
    """Numeric parameters become pgbench variables (sent as parameters under -M prepared, as the app sends them);
    any other value is inlined as a literal, since pgbench variables hold numbers only. The log does not say a
    parameter's type: a literal of an integer array (the ids of `= any(...)` and `unnest(...)`) gets the bigint[]
    the application binds, which PostgreSQL could not otherwise infer inside unnest()."""
    lines = []
    for i, (sql, params) in enumerate(s for s in statements(path, start, end, db) if not is_control(s[0])):
        def bind(m, i=i, params=params):
            value = params.get(int(m[1]))
            if value is None:
                raise SystemExit(f"no logged value for ${m[1]} of: {sql[:200]}")
            if re.fullmatch(r"'-?\d+'", value):
                lines.append(f"\\set s{i}p{m[1]} {value[1:-1]}")
                return f":s{i}p{m[1]}"
            if re.fullmatch(r"'\{-?\d+(,-?\d+)*\}'", value):
                return value + "::bigint[]"
            return value
        lines.append(re.sub(r"\$(\d+)", bind, " ".join(sql.split())) + ";")
        print(" ".join(sql.split()))
    if not any(not l.startswith("\\") for l in lines):
        raise SystemExit("no data statement in the log range")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    cmd, path, start, end, db, arg = sys.argv[1:7]
    if cmd == "count":
        count(path, int(start), int(end), db, int(arg))
    elif cmd == "pgbench":
        pgbench(path, int(start), int(end), db, arg)
    else:
        raise SystemExit(__doc__)
