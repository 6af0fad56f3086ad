#!/usr/bin/env python3
"""Endpoint under load: wrk against /actuator/ports and /actuator/health of the same sample app, alternated, in the
same run. Reports requests/s and p99 latency, and the throughput ratio ports/health (goal >= 0.5).

Usage (from the repository root, after ./mvnw -DskipTests package; needs wrk):

    python3 bench/endpoint_load.py [--seconds 5] [--rounds 3]
"""
import argparse
import glob
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrk(url, seconds):
    output = subprocess.run(["wrk", "-t2", "-c16", "-d%ds" % seconds, "--latency", "-H", "Accept: application/json",
                             url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    match = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    p99 = float(match.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[match.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit("%s answered errors:\n%s" % (url, output))
    return rps, p99


def start_app(jar, *args):
    """Start the sample app and return it with the port its server bound, once it has started."""
    app = subprocess.Popen(["java", "-Xmx256m", "-jar", jar] + list(args), stdout=subprocess.PIPE, text=True)
    port = None
    for line in app.stdout:
        match = re.search(r"Tomcat started on port (\d+)", line)
        if match:
            port = int(match.group(1))
        if "Started SampleApplication" in line:
            break
    return app, port


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    jar = glob.glob("sample-app/target/portguard-sample-app-*.jar")[0]
    preferred = free_port()
    holder = subprocess.Popen([sys.executable, "-m", "http.server", str(preferred), "--bind", "127.0.0.1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    app, port = start_app(jar, "--server.port=%d" % preferred, "--sample.echo.port=%d" % free_port())
    try:
        base = "http://127.0.0.1:%d/actuator/" % port
        for _ in range(200):
            urllib.request.urlopen(base + "ports").read()
            urllib.request.urlopen(base + "health").read()
        wrk(base + "ports", 2)
        wrk(base + "health", 2)
        results = {"ports": [], "health": []}
        for round_number in range(options.rounds):
            order = ["ports", "health"] if round_number % 2 == 0 else ["health", "ports"]
            for name in order:
                results[name].append(wrk(base + name, options.seconds))
        print("Endpoint load: wrk -t2 -c16 -d%ds, %d rounds alternated, same app (preferred port held, so the live "
              "view has a holder to report)" % (options.seconds, options.rounds))
        print("| endpoint | requests/s min | median | max | p99 ms median |")
        print("|---|---|---|---|---|")
        for name in ("ports", "health"):
            rps = [r for r, _ in results[name]]
            p99 = [p for _, p in results[name]]
            print("| /actuator/%s | %.0f | %.0f | %.0f | %.2f |" % (name, min(rps), statistics.median(rps), max(rps),
                                                                   statistics.median(p99)))
        ratio = statistics.median([r for r, _ in results["ports"]]) / statistics.median(
            [r for r, _ in results["health"]])
        print("throughput ratio ports/health (median): %.2f (goal >= 0.5: %s)" % (ratio, "met" if ratio >= 0.5
                                                                                   else "NOT met"))
    finally:
        app.terminate()
        holder.terminate()
        app.wait(20)


if __name__ == "__main__":
    sys.exit(main())
