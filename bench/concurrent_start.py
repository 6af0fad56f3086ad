#!/usr/bin/env python3
"""Concurrent start: N instances of the sample app started at once, asking for the same ports with
portguard.auto=true, against N instances given fixed distinct ports (portguard.auto=false), in the same run.

Reports, per round and overall, the wall time until every instance answers HTTP on the port it logged, the ratio
auto/fixed, and the number of failed starts. Usage (from the repository root, after ./mvnw -DskipTests package):

    python3 bench/concurrent_start.py [--instances 8] [--rounds 5]
"""
import argparse
import glob
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

STARTED = re.compile(r"Tomcat started on port (\d+)")
JVM = ["-Xmx160m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:CICompilerCount=1"]


def free_block(count):
    import random
    for _ in range(500):
        base = random.randint(20000, 30000)
        ok = True
        for port in range(base, base + count):
            with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
                try:
                    s.bind(("::", port))
                except OSError:
                    ok = False
                    break
        if ok:
            return base
    raise SystemExit("no free block of %d ports" % count)


def answers(port):
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d/" % port, timeout=2) as response:
            return response.status == 200 and ('"port":%d' % port) in response.read().decode()
    except OSError:
        return False


FAILURES = os.path.join("bench", "target", "concurrent-failures")


def keep_log(log, kind, index):
    """Keep the output of a start that failed or did not answer in time, so that its cause can be read."""
    os.makedirs(FAILURES, exist_ok=True)
    path = os.path.join(FAILURES, "%s-%d-%d.log" % (kind, int(time.time()), index))
    log.seek(0)
    with open(path, "wb") as f:
        f.write(log.read())
    print("failed start kept in %s" % path, file=sys.stderr, flush=True)


def run_round(jar, instances, auto, timeout=180):
    port = free_block(40)
    echo = free_block(40)
    logs, procs = [], []
    start = time.monotonic()
    for i in range(instances):
        log = tempfile.TemporaryFile()
        if auto:
            args = ["--server.port=%d" % port, "--sample.echo.port=%d" % echo]
        else:
            args = ["--portguard.auto=false", "--server.port=%d" % (port + i), "--sample.echo.port=%d" % (echo + i)]
        procs.append(subprocess.Popen(["java", *JVM, "-jar", jar, *args], stdout=log, stderr=subprocess.STDOUT))
        logs.append(log)
    done = [None] * instances
    failed = 0
    try:
        while time.monotonic() - start < timeout and None in done:
            for i, proc in enumerate(procs):
                if done[i] is not None:
                    continue
                logs[i].seek(0)
                text = logs[i].read().decode(errors="replace")
                if "APPLICATION FAILED TO START" in text or proc.poll() is not None:
                    done[i] = "failed"
                    continue
                match = STARTED.search(text)
                if match and answers(int(match.group(1))):
                    done[i] = time.monotonic() - start
            time.sleep(0.02)
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
    failed = sum(1 for d in done if d is None or d == "failed")
    for i, d in enumerate(done):
        if d is None or d == "failed":
            keep_log(logs[i], "auto" if auto else "fixed", i)
    times = [d for d in done if isinstance(d, float)]
    return (max(times) if times and not failed else float("nan")), failed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--instances", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    jars = glob.glob("sample-app/target/portguard-sample-app-*.jar")
    if not jars:
        raise SystemExit("build the sample app first: ./mvnw -DskipTests package")
    jar = jars[0]
    rows = []
    for round_number in range(1, options.rounds + 1):
        order = [True, False] if round_number % 2 else [False, True]
        result = {}
        for auto in order:
            result[auto] = run_round(jar, options.instances, auto)
        rows.append(result)
        print("round %d: auto %.2f s (%d failed), fixed %.2f s (%d failed)"
              % (round_number, result[True][0], result[True][1], result[False][0], result[False][1]), flush=True)
    auto_times = [r[True][0] for r in rows]
    fixed_times = [r[False][0] for r in rows]
    ratios = [a / f for a, f in zip(auto_times, fixed_times)]
    failed_auto = sum(r[True][1] for r in rows)
    failed_fixed = sum(r[False][1] for r in rows)
    print()
    print("Concurrent start, N=%d, %d rounds, %s, %d cores, %s" % (options.instances, options.rounds,
          platform.platform(), os.cpu_count(), subprocess.run(["java", "-version"], capture_output=True,
          text=True).stderr.splitlines()[0]))
    print("| | min | median | max |")
    print("|---|---|---|---|")
    print("| auto-port, same preferred port (s) | %.2f | %.2f | %.2f |" % (min(auto_times),
          statistics.median(auto_times), max(auto_times)))
    print("| fixed distinct ports (s) | %.2f | %.2f | %.2f |" % (min(fixed_times),
          statistics.median(fixed_times), max(fixed_times)))
    print("| ratio auto/fixed | %.3f | %.3f | %.3f |" % (min(ratios), statistics.median(ratios), max(ratios)))
    print("failed starts: auto %d of %d, fixed %d of %d" % (failed_auto, options.instances * options.rounds,
          failed_fixed, options.instances * options.rounds))
    print("goal: 0 failed starts, median ratio <= 1.10: %s" % ("met" if failed_auto == 0
          and statistics.median(ratios) <= 1.10 else "NOT met"))


if __name__ == "__main__":
    sys.exit(main())
