#!/usr/bin/env python3
"""Prints one summary of a test run from the Surefire and Failsafe XML reports.

Usage: scripts/test-summary.py [--since FILE] [--seconds N]
  --since FILE   count only reports written after FILE was (./run-tests touches one at its start)
  --seconds N    the run's wall-clock time, printed in the last lines

Prints tests, failures, errors and skips per module; each failing test with the file that holds
its output; each skipped test with its reason; the LEAK reports found in the tests' captured
output (those of LeakDetectionTest are provoked on purpose and labelled so); and a last line
"total: N passed, N failed, N skipped". Exits 1 when a test failed, else 0.
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

# Tests whose captured output holds LEAK reports on purpose: they prove the detector works.
EXPECTED_LEAKS = {"dev.spindle.amp.testing.LeakDetectionTest": "proves the leak detector reports a dropped buffer"}


def skip_reason(skip):
    """The reason JUnit gave: the message attribute, else the first line of the aborted assumption."""
    reason = (skip.get("message") or "").strip()
    if not reason and skip.text:
        first = skip.text.strip().splitlines()[0] if skip.text.strip() else ""
        reason = re.sub(r"^[\w.$]+(Exception|Error): ", "", first)
        reason = re.sub(r"^Assumption failed: ", "", reason)
    return reason or "no reason given"


def main(argv):
    since = 0.0
    seconds = None
    i = 0
    while i < len(argv):
        if argv[i] == "--since":
            since = os.path.getmtime(argv[i + 1])
            i += 2
        elif argv[i] == "--seconds":
            seconds = int(argv[i + 1])
            i += 2
        else:
            print("usage: test-summary.py [--since FILE] [--seconds N]", file=sys.stderr)
            return 2
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    modules = {}
    failed, skipped, leaks = [], [], []
    # surefire-reports-fuzz and the like: extra executions with their own report directories.
    for kind in ("surefire-reports*", "failsafe-reports*"):
        for path in sorted(glob.glob(os.path.join(root, "*", "target", kind, "TEST-*.xml"))):
            if os.path.getmtime(path) < since:
                continue
            module = os.path.relpath(path, root).split(os.sep)[0]
            try:
                suite = ET.parse(path).getroot()
            except ET.ParseError as e:
                failed.append((module, os.path.basename(path), "unreadable report: %s" % e, path))
                continue
            m = modules.setdefault(module, {"tests": 0, "failed": 0, "skipped": 0, "time": 0.0})
            m["time"] += float(suite.get("time", "0") or 0)
            for case in suite.iter("testcase"):
                m["tests"] += 1
                name = "%s.%s" % (case.get("classname", "?").rsplit(".", 1)[-1], case.get("name", "?"))
                problem = case.find("failure")
                if problem is None:
                    problem = case.find("error")
                if problem is not None:
                    m["failed"] += 1
                    message = (problem.get("message") or problem.get("type") or "").strip().splitlines()
                    output = path.replace("TEST-", "").replace(".xml", "-output.txt")
                    failed.append((module, name, message[0][:200] if message else "", output))
                skip = case.find("skipped")
                if skip is not None:
                    m["skipped"] += 1
                    skipped.append((module, name, skip_reason(skip)))
        for path in sorted(glob.glob(os.path.join(root, "*", "target", kind, "*-output.txt"))):
            if os.path.getmtime(path) < since:
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                count = sum(1 for line in f if "LEAK:" in line)
            if count:
                cls = os.path.basename(path)[: -len("-output.txt")]
                leaks.append((cls, count, os.path.relpath(path, root)))

    total = sum(m["tests"] for m in modules.values())
    nfailed = sum(m["failed"] for m in modules.values())
    nskipped = sum(m["skipped"] for m in modules.values())
    print()
    print("== test summary " + "=" * 60)
    print("%-16s %7s %7s %7s %9s" % ("module", "tests", "failed", "skipped", "time (s)"))
    for name in sorted(modules):
        m = modules[name]
        print("%-16s %7d %7d %7d %9.1f" % (name, m["tests"], m["failed"], m["skipped"], m["time"]))
    if skipped:
        # One line per test method and reason: a parameterized test's cases are counted together.
        groups = {}
        for module, name, reason in skipped:
            key = (module, re.sub(r"\[\d+\]$", "", name), reason)
            groups[key] = groups.get(key, 0) + 1
        print("\nskipped:")
        for (module, name, reason), count in groups.items():
            print("  %s %s%s: %s" % (module, name, " (%d cases)" % count if count > 1 else "", reason))
    for cls, count, path in leaks:
        if cls in EXPECTED_LEAKS:
            print("\nexpected LEAK reports: %d line(s) from %s, on purpose (%s); see %s"
                  % (count, cls.rsplit(".", 1)[-1], EXPECTED_LEAKS[cls], path))
        else:
            print("\nLEAK reports NOT expected: %d line(s) from %s; see %s" % (count, cls, path))
    if failed:
        print("\nfailed:")
        for module, name, message, output in failed:
            print("  %s %s: %s" % (module, name, message))
            if os.path.exists(output):
                print("    output: %s" % os.path.relpath(output, root))
    print("\nTests' own output (logs, stack traces provoked on purpose) is in each module's "
          "target/surefire-reports/ and failsafe-reports/, *-output.txt.")
    if seconds is not None:
        print("time: %dm%02ds" % (seconds // 60, seconds % 60))
    print("total: %d passed, %d failed, %d skipped" % (total - nfailed - nskipped, nfailed, nskipped))
    return 1 if nfailed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
