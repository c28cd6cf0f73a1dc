#!/usr/bin/env python3
"""Per-class and per-test durations from a trx file: python3 trx_durations.py FILE.trx [top-N]."""
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict


def seconds(text):
    h, m, s = text.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def main():
    ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
    root = ET.parse(sys.argv[1]).getroot()
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    classes = {}
    for d in root.iterfind(".//t:UnitTest", ns):
        tm = d.find("t:TestMethod", ns)
        classes[d.get("id")] = tm.get("className").split(".")[-1]
    per_class = defaultdict(lambda: [0.0, 0])
    tests = []
    outcomes = defaultdict(int)
    for r in root.iterfind(".//t:UnitTestResult", ns):
        s = seconds(r.get("duration", "0:0:0"))
        c = classes.get(r.get("testId"), "?")
        per_class[c][0] += s
        per_class[c][1] += 1
        tests.append((s, c, r.get("testName")))
        outcomes[r.get("outcome")] += 1
    times = root.find("t:Times", ns)
    total = sum(v[0] for v in per_class.values())
    print(f"run: {times.get('start')} -> {times.get('finish')}; outcomes {dict(outcomes)}; sum of test durations {total:.1f} s")
    for c, (s, n) in sorted(per_class.items(), key=lambda kv: -kv[1][0]):
        print(f"{s:8.1f} s {100 * s / total:5.1f} % {n:4d} tests  {c}")
    print()
    for s, c, name in sorted(tests, reverse=True)[:top]:
        print(f"{s:7.1f} s  {name[:150]}")


main()
