#!/usr/bin/env python3
"""Writes the exact answers to requests/q1.json, q2.json and q3.json, computed from the formulas of
shared/bench/dataset.md (not read back from the database, so a wrong seed or a wrong server both show up).

Usage: expected.py OUTDIR  ->  OUTDIR/q1.json, q2.json, q3.json (compact JSON, as the server writes it).

"First N users by id" is the server's default order (createdAt, then id): the dataset's created_at grows with the
id, and the bench client and the users M1 creates are created now, after all of them. Likewise a user's posts by
createdAt are their posts by id.
"""
import base64
import json
import os
import sys


def gid(kind, n):
    return base64.urlsafe_b64encode(f"{kind}:{n}".encode()).decode().rstrip("=")


def user(g, *fields):
    values = {"id": gid("User", g), "name": f"User {g}", "email": f"user{g}@example.com"}
    return {f: values[f] for f in fields}


def posts(u, first):
    return [{"id": gid("Post", 10 * (u - 1) + p), "title": f"Post {p} of user {u}"} for p in range(1, first + 1)]


def main():
    out = sys.argv[1]
    answers = {
        "q1": {"data": {"user": user(42, "id", "name", "email")}},
        "q2": {"data": {"users": {"nodes": [dict(user(g, "id", "name"), posts={"nodes": posts(g, 5)})
                                            for g in range(1, 21)]}}},
        "q3": {"data": {"users": {"nodes": [user(g, "id", "name", "email") for g in range(1, 101)]}}},
    }
    os.makedirs(out, exist_ok=True)
    for name, answer in answers.items():
        with open(os.path.join(out, name + ".json"), "w") as f:
            f.write(json.dumps(answer, separators=(",", ":"), ensure_ascii=False))


if __name__ == "__main__":
    main()
