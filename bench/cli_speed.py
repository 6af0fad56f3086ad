#!/usr/bin/env python3
"""The portguard command's speed as people feel it: whole-process wall time (JVM start included) of
`portguard who <port>` and `portguard url <app>`, against `lsof -nP -iTCP:P -sTCP:LISTEN` and `ss -ltnp 'sport = :P'`
on the same held port, alternated, in the same run. The command runs twice: as `java -jar cli/target/portguard.jar`,
and through the launcher `cli/portguard` (class-data-sharing archive built at package time, C1 only, Serial GC).
Goal (issue 16): `portguard who` within 1.5x of lsof.

Usage (from the repository root, after ./mvnw -DskipTests package; needs lsof and ss):

    python3 bench/cli_speed.py [--runs 20]
"""
import argparse
import glob
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "cli", "target", "portguard.jar")
LAUNCHER = os.path.join(ROOT, "cli", "portguard")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(command, expect_output=None):
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    if expect_output is not None and expect_output not in result.stdout:
        raise SystemExit("%s did not print %r:\n%s" % (" ".join(command), expect_output, result.stdout))
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()
    for tool in ("lsof", "ss"):
        if subprocess.run(["which", tool], capture_output=True).returncode != 0:
            raise SystemExit("%s is missing: apt-get install lsof iproute2" % tool)
    if not os.path.exists(JAR):
        raise SystemExit("%s is missing: ./mvnw -DskipTests package" % JAR)
    has_archive = os.path.exists(os.path.join(ROOT, "cli", "target", "portguard.jsa"))
    port = free_port()
    holder = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    registry = tempfile.mkdtemp(prefix="portguard-bench-registry")
    os.chmod(registry, 0o700)
    sample = glob.glob(os.path.join(ROOT, "sample-app", "target", "portguard-sample-app-*.jar"))[0]
    app_port = free_port()
    app = subprocess.Popen(["java", "-Xmx160m", "-jar", sample, "--server.port=%d" % app_port,
                            "--sample.echo.port=%d" % free_port(), "--portguard.registry.directory=" + registry],
                           stdout=subprocess.PIPE, text=True)
    try:
        for line in app.stdout:
            if "Started SampleApplication" in line:
                break
        time.sleep(1)
        pid = str(holder.pid)
        commands = {
            "portguard who (java -jar)": (["java", "-jar", JAR, "who", str(port)], pid),
            "portguard who (launcher)": ([LAUNCHER, "who", str(port)], pid),
            "portguard url (java -jar)": (["java", "-jar", JAR, "--registry", registry, "url",
                                           "portguard-sample-app"], str(app_port)),
            "portguard url (launcher)": ([LAUNCHER, "--registry", registry, "url", "portguard-sample-app"],
                                         str(app_port)),
            "lsof -nP -iTCP:P -sTCP:LISTEN": (["lsof", "-nP", "-iTCP:%d" % port, "-sTCP:LISTEN"], pid),
            "ss -ltnp 'sport = :P'": (["ss", "-ltnp", "sport = :%d" % port], pid),
        }
        for command, expected in commands.values():
            timed(command, expected)
        times = {name: [] for name in commands}
        names = list(commands)
        for run in range(options.runs):
            order = names if run % 2 == 0 else list(reversed(names))
            for name in order:
                command, expected = commands[name]
                times[name].append(timed(command, expected))
        lsof = statistics.median(times["lsof -nP -iTCP:P -sTCP:LISTEN"])
        ss = statistics.median(times["ss -ltnp 'sport = :P'"])
        print("The portguard command, whole process (JVM start included), %d alternated runs each, port held by "
              "python3; class-data-sharing archive %s" % (options.runs, "present" if has_archive else "MISSING"))
        print("| command | median ms | min | max | vs lsof | vs ss |")
        print("|---|---|---|---|---|---|")
        for name in names:
            values = times[name]
            median = statistics.median(values)
            print("| %s | %.1f | %.1f | %.1f | %.2fx | %.2fx |" % (name, median, min(values), max(values),
                                                                  median / lsof, median / ss))
        for variant in ("java -jar", "launcher"):
            ratio = statistics.median(times["portguard who (%s)" % variant]) / lsof
            print("portguard who (%s) / lsof: %.2fx (goal <= 1.5: %s)" % (variant, ratio,
                                                                         "met" if ratio <= 1.5 else "NOT met"))
        print(json.dumps({"lsof_ms": lsof, "ss_ms": ss}))
    finally:
        app.terminate()
        holder.terminate()
        app.wait(20)


if __name__ == "__main__":
    sys.exit(main())
