#!/usr/bin/env python3
"""Endpoint on a hostile host: wrk against /actuator/ports of one sample app, on a quiet host and with 50 hostile
listeners present (50 processes on their own ports, each with a command line of about 390 KB that carries secrets;
sample-app/src/test/resources/hostile_listeners.py), alternated, in the same run. Reports requests/s, p99 latency,
response size, and the throughput ratio hostile/quiet (goal >= 0.5).

Usage (from the repository root, after ./mvnw -DskipTests package; needs wrk):

    python3 bench/endpoint_hostile.py [--seconds 5] [--rounds 3]
"""
import argparse
import glob
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

from endpoint_load import free_port, start_app, wrk

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LISTENERS = os.path.join(ROOT, "sample-app", "src", "test", "resources", "hostile_listeners.py")


def free_block(count):
    for _ in range(200):
        base = free_port()
        if base + count > 65000:
            continue
        ok = True
        for port in range(base, base + count):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", port))
                except OSError:
                    ok = False
                    break
        if ok:
            return base
    raise SystemExit("no block of %d free ports" % count)


def start_hostile(count):
    base = free_block(count)
    process = subprocess.Popen([sys.executable, LISTENERS, str(base), str(count)], stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if not line.startswith("LISTENING"):
        raise SystemExit("the hostile listeners did not start: %r" % line)
    return process


def stop(process):
    process.terminate()
    process.wait(10)
    time.sleep(1.0)  # the forked listeners notice within 0.5 s that their parent is gone


def size(url):
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    return len(urllib.request.urlopen(request).read())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--listeners", type=int, default=50)
    options = parser.parse_args()
    jar = glob.glob(os.path.join(ROOT, "sample-app/target/portguard-sample-app-*.jar"))[0]
    app, port = start_app(jar, "--server.port=%d" % free_port(), "--sample.echo.port=%d" % free_port())
    try:
        url = "http://127.0.0.1:%d/actuator/ports" % port
        for _ in range(200):
            urllib.request.urlopen(url).read()
        wrk(url, 2)
        results = {"quiet": [], "hostile": []}
        sizes = {"quiet": [], "hostile": []}
        for round_number in range(options.rounds):
            order = ["quiet", "hostile"] if round_number % 2 == 0 else ["hostile", "quiet"]
            for name in order:
                hostile = start_hostile(options.listeners) if name == "hostile" else None
                try:
                    time.sleep(1.5)  # one time-to-live of the live view: the next request sees the listeners
                    sizes[name].append(size(url))
                    results[name].append(wrk(url, options.seconds))
                finally:
                    if hostile:
                        stop(hostile)
        print("Endpoint on a hostile host: wrk -t2 -c16 -d%ds against /actuator/ports (process details shown), %d "
              "rounds alternated, same app; hostile = %d listeners of ~390 KB command lines present"
              % (options.seconds, options.rounds, options.listeners))
        print("| host | requests/s min | median | max | p99 ms median | response bytes |")
        print("|---|---|---|---|---|---|")
        for name in ("quiet", "hostile"):
            rps = [r for r, _ in results[name]]
            p99 = [p for _, p in results[name]]
            print("| %s | %.0f | %.0f | %.0f | %.2f | %d |" % (name, min(rps), statistics.median(rps), max(rps),
                                                             statistics.median(p99), max(sizes[name])))
        ratio = statistics.median([r for r, _ in results["hostile"]]) / statistics.median(
            [r for r, _ in results["quiet"]])
        print("throughput ratio hostile/quiet (median): %.2f (goal >= 0.5: %s)" % (ratio, "met" if ratio >= 0.5
                                                                                   else "NOT met"))
    finally:
        app.terminate()
        app.wait(20)


if __name__ == "__main__":
    sys.exit(main())
