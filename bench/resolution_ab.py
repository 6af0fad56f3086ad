#!/usr/bin/env python3
"""Compares portguard's resolution time on the main thread between two builds of the sample app, in alternated
runs on this machine, so that a change is judged against the code before it rather than against a figure measured
on another, faster or slower, host.

    python3 bench/resolution_ab.py BASELINE_JAR [CANDIDATE_JAR] [--runs N]

BASELINE_JAR is a sample-app jar built from an earlier revision (for example: git worktree add /tmp/base REV, then
./mvnw -q -DskipTests -Dinvoker.skip=true package -pl autoconfigure,starter,sample-app in it); CANDIDATE_JAR defaults
to this checkout's sample-app/target jar. Each run starts the exploded app with auto-port on and its preferred port
free, and reads the DEBUG line "Resolved 2 managed port(s) in ... ms".
"""
import argparse
import glob
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_all  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("baseline")
    parser.add_argument("candidate", nargs="?")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    candidate = args.candidate or glob.glob(os.path.join(run_all.ROOT, "sample-app", "target",
                                                         "portguard-sample-app-*.jar"))[0]
    directories = {"baseline": run_all.exploded_variants(args.baseline)[0],
                   "candidate": run_all.exploded_variants(candidate)[0]}
    resolution = {"baseline": [], "candidate": []}
    wall = {"baseline": [], "candidate": []}
    for run in range(args.runs):
        for name in (["baseline", "candidate"] if run % 2 == 0 else ["candidate", "baseline"]):
            elapsed, _, resolved = run_all.time_to_first_answer(directories[name], run_all.free_port(),
                                                                run_all.free_port())
            if resolved is None:
                raise SystemExit("a run of the %s did not log its resolution time" % name)
            resolution[name].append(resolved)
            wall[name].append(elapsed)
    print("| resolution on the main thread (ms) | runs | min | median | max |")
    print("|---|---|---|---|---|")
    for name in ("baseline", "candidate"):
        print("| %s | %d | %.2f | %.2f | %.2f |" % ((name, len(resolution[name])) + run_all.stats(resolution[name])))
    print()
    print("- candidate / baseline (medians): **%.2f×**; the reference's time to first answer in this run: %.0f ms "
          "(baseline), %.0f ms (candidate)" % (statistics.median(resolution["candidate"])
                                              / statistics.median(resolution["baseline"]),
                                              statistics.median(wall["baseline"]),
                                              statistics.median(wall["candidate"])))


if __name__ == "__main__":
    main()
