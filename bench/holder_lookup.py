#!/usr/bin/env python3
"""Holder lookup: time to name the process that listens on one port, on a machine with many processes and many
listening sockets, for portguard (inside a running JVM) and for ss, lsof and fuser (as a user runs them), in the
same run. Also how portguard's time grows from 100 to 1,000 extra processes.

Usage (from the repository root, after ./mvnw -DskipTests package; needs ss, lsof and fuser):

    python3 bench/holder_lookup.py [--processes 500] [--sockets 5000] [--repeats 30]
"""
import argparse
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLASSES = os.path.join(ROOT, "core", "target", "classes")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sleepers(count):
    # Their output goes nowhere: a sleeper left behind must not hold the pipe of whoever runs this script.
    return [subprocess.Popen(["sleep", "3600"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True) for _ in range(count)]


def start_socket_holder(count):
    script = (
        "import resource,socket,sys,time\n"
        "n=int(sys.argv[1])\n"
        "hard=resource.getrlimit(resource.RLIMIT_NOFILE)[1]\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE,(hard,hard))\n"
        "socks=[]\n"
        "for i in range(n):\n"
        "  s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(1); socks.append(s)\n"
        "print('ready',flush=True)\n"
        "time.sleep(3600)\n")
    process = subprocess.Popen([sys.executable, "-c", script, str(count)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    return process


def time_command(command, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
        if result.returncode not in (0,):
            raise SystemExit("%s failed with %d" % (command, result.returncode))
    return times


def time_portguard(port, repeats, pid):
    output = subprocess.run(["java", "-cp", CLASSES, os.path.join(ROOT, "bench", "HolderLookupTiming.java"),
                             str(port), str(repeats), str(pid)], capture_output=True, text=True, check=True).stdout
    cold, low, median, high = (int(v) / 1000 for v in output.split())
    return cold, low, median, high


def row(name, times):
    return "| %s | %.2f | %.2f | %.2f |" % (name, min(times), statistics.median(times), max(times))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=500)
    parser.add_argument("--sockets", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--cold-runs", type=int, default=10)
    options = parser.parse_args()
    if not os.path.isdir(CLASSES):
        raise SystemExit("build first: ./mvnw -DskipTests package")
    port = free_port()
    target = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    extra = []
    try:
        time.sleep(1)
        scaling = []
        for count in (100, 1000):
            batch = start_sleepers(count)
            try:
                time.sleep(0.5)
                scaling.append((count, time_portguard(port, options.repeats, target.pid)))
            finally:
                for p in batch:
                    p.kill()
                for p in batch:
                    p.wait()
        extra = start_sleepers(options.processes)
        holder = start_socket_holder(options.sockets)
        extra.append(holder)
        time.sleep(0.5)
        cold, low, median, high = time_portguard(port, options.repeats, target.pid)
        colds = [cold] + [time_portguard(port, 0, target.pid)[0] for _ in range(options.cold_runs - 1)]
        ss = time_command(["ss", "-ltnp", "sport = :%d" % port], options.repeats)
        lsof = time_command(["lsof", "-nP", "-iTCP:%d" % port, "-sTCP:LISTEN"], options.repeats)
        fuser = time_command(["fuser", "%d/tcp" % port], options.repeats)
        processes = len([d for d in os.listdir("/proc") if d.isdigit()])
        print("Holder lookup, %d processes on the machine (%d extra), %d extra listening sockets, %d repeats; %s, "
              "%d cores" % (processes, options.processes, options.sockets, options.repeats, platform.platform(),
                            os.cpu_count()))
        print("| lookup (ms) | min | median | max |")
        print("|---|---|---|---|")
        print("| portguard, in a running JVM | %.2f | %.2f | %.2f |" % (low, median, high))
        print(row("portguard, first call in a new JVM (%d JVMs)" % len(colds), colds))
        print(row("ss -ltnp 'sport = :P'", ss))
        print(row("lsof -nP -iTCP:P -sTCP:LISTEN", lsof))
        print(row("fuser P/tcp", fuser))
        print()
        print("ratio portguard/ss (median): %.3f (goal < 1)" % (median / statistics.median(ss)))
        print("ratio portguard first call in a new JVM/ss (median): %.3f (goal < 1)"
              % (statistics.median(colds) / statistics.median(ss)))
        print("ratio portguard first call in a new JVM/lsof (median): %.3f"
              % (statistics.median(colds) / statistics.median(lsof)))
        print("ratio lsof/portguard (median): %.1f (goal >= 10)" % (statistics.median(lsof) / median))
        print("ratio portguard/fuser (median): %.3f" % (median / statistics.median(fuser)))
        for count, (c, l, m, h) in scaling:
            print("portguard with %d extra processes: median %.2f ms (min %.2f, max %.2f)" % (count, m, l, h))
    finally:
        for p in extra:
            p.kill()
        target.kill()


if __name__ == "__main__":
    sys.exit(main())
