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
import json
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
    return process, base


def listed(url):
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    report = json.loads(urllib.request.urlopen(request).read())
    return {listener["port"] for listener in report["systemPorts"]}


def await_view(url, ports, present):
    """Wait until the endpoint's view of the host shows (or no longer shows) the hostile listeners."""
    deadline = time.time() + 30
    while time.time() < deadline:
        shown = listed(url) & ports
        if (len(shown) == len(ports)) if present else not shown:
            return
        time.sleep(0.2)
    raise SystemExit("the endpoint's view did not %s the hostile listeners within 30 s" % ("show" if present
                                                                                        else "drop"))


def stop(process):
    process.terminate()
    process.wait(10)


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
    # A one-second time-to-live, so that the view of the host changes soon after the listeners come and go; the
    # requests of a run are served from a view that is seen to include them (or not).
    app, port = start_app(jar, "--server.port=%d" % free_port(), "--sample.echo.port=%d" % free_port(),
                          "--management.endpoint.ports.live-view.time-to-live=1s")
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
                hostile, base = start_hostile(options.listeners) if name == "hostile" else (None, None)
                try:
                    if hostile:
                        ports = set(range(base, base + options.listeners))
                        await_view(url, ports, True)
                    sizes[name].append(size(url))
                    results[name].append(wrk(url, options.seconds))
                finally:
                    if hostile:
                        stop(hostile)
                        await_view(url, ports, False)
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
