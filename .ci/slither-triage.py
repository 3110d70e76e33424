"""Reads Slither's JSON report, prints every finding on one line, and fails on a new one at the gate.

    python .ci/slither-triage.py <slither report.json> <.ci/slither-triage.json> <contracts analyzed> <minimum>

A finding is triaged when an entry of the triage file names its detector, its subject function (the start of
Slither's description, "Contract.function(") and, if the entry has `match`, one of those strings occurs in the
description. New findings whose impact is in the gate (High, Medium) fail; the rest are printed only.
"""

import json
import sys

IMPACTS = ["High", "Medium", "Low", "Informational", "Optimization"]


def subject(finding, width=300):
    """The description on one line (it names the function, its file and lines, then what was found), cut at
    `width` characters."""
    text = " ".join(line.strip() for line in finding["description"].strip().splitlines())
    return text if len(text) <= width else text[: width - 1] + "…"


def entry_for(finding, entries):
    """The index of the triage entry that covers `finding`, or None."""
    text = finding["description"]
    for i, entry in enumerate(entries):
        if entry["detector"] != finding["check"]:
            continue
        if not any(text.startswith(f + "(") for f in entry["in"]):
            continue
        if "match" in entry and not any(m in text for m in entry["match"]):
            continue
        return i
    return None


def main():
    report_path, triage_path, analyzed, minimum = sys.argv[1:5]
    with open(report_path, encoding="utf8") as f:
        report = json.load(f)
    with open(triage_path, encoding="utf8") as f:
        triage = json.load(f)
    if not report.get("success"):
        print(f"slither failed: {report.get('error')}")
        return 1
    if int(analyzed) < int(minimum):
        print(f"slither analyzed {analyzed} contracts, fewer than the {minimum} contracts/src declares")
        return 1
    gate = set(triage["gate"])
    entries = triage["triaged"]
    findings = report.get("results", {}).get("detectors", [])
    findings.sort(key=lambda r: (IMPACTS.index(r["impact"]), r["check"], subject(r)))
    used = [0] * len(entries)
    new = []
    for r in findings:
        i = entry_for(r, entries)
        if i is not None:
            used[i] += 1
            mark = "triaged"
        elif r["impact"] in gate:
            new.append(r)
            mark = "NEW"
        else:
            mark = "info"
        print(f"  {mark:7} {r['impact']:13} {r['check']:24} {subject(r)}")
    gated = sum(1 for r in findings if r["impact"] in gate)
    print(
        f"slither: {analyzed} contracts, {len(findings)} findings; {gated} at {'/'.join(triage['gate'])} impact: "
        f"{gated - len(new)} triaged in {triage_path}, {len(new)} new"
    )
    for i, n in enumerate(used):
        if n == 0:
            e = entries[i]
            print(f"warning: stale triage entry {i} ({e['detector']} in {', '.join(e['in'])}) matches nothing: remove it")
    if new:
        print("\nNew findings at the gate (fix them, or triage each in " + triage_path + " with the reason):")
        for r in new:
            print(f"\n[{r['impact']}/{r['confidence']}] {r['check']}\n{r['description'].rstrip()}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
