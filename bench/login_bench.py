#!/usr/bin/env python3
"""Login latency at argon2id 64 MiB, and /healthz latency during a burst of 50
parallel logins. Talks to 127.0.0.1 only; bounded in count.
Usage: login_bench.py PORT USERNAME PASSWORD"""
import http.client
import json
import statistics
import sys
import threading
import time

port, username, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
body = json.dumps({"username": username, "password": password})


def login():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    t0 = time.perf_counter()
    c.request("POST", "/api/v1/session", body, {"Content-Type": "application/json"})
    r = c.getresponse()
    r.read()
    c.close()
    assert r.status == 200, r.status
    return (time.perf_counter() - t0) * 1000


def healthz(conn):
    t0 = time.perf_counter()
    conn.request("GET", "/healthz")
    r = conn.getresponse()
    r.read()
    assert r.status == 200, r.status
    return (time.perf_counter() - t0) * 1000


# 1. Sequential logins.
login()  # warm-up
sequential = [login() for _ in range(30)]

# 2. Idle /healthz on a keep-alive connection (the reference).
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
idle = [healthz(conn) for _ in range(200)]

# 3. /healthz on another connection during 50 parallel logins.
during, burst = [], []
done = threading.Event()


def probe():
    while not done.is_set():
        during.append(healthz(conn))
        time.sleep(0.005)


def one():
    burst.append(login())


probe_thread = threading.Thread(target=probe)
probe_thread.start()
t0 = time.perf_counter()
workers = [threading.Thread(target=one) for _ in range(50)]
for w in workers:
    w.start()
for w in workers:
    w.join()
burst_seconds = time.perf_counter() - t0
done.set()
probe_thread.join()

print(json.dumps({
    "login_p50_ms": statistics.median(sequential),
    "login_max_ms": max(sequential),
    "healthz_idle_p50_ms": statistics.median(idle),
    "healthz_during_burst_p50_ms": statistics.median(during),
    "healthz_during_burst_max_ms": max(during),
    "healthz_probes_during_burst": len(during),
    "burst_logins": len(burst),
    "burst_seconds": burst_seconds,
    "burst_login_p50_ms": statistics.median(burst),
}))
