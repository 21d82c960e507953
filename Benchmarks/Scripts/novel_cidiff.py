#!/usr/bin/env python3
"""How well `logscan novel` finds the error lines of real broken builds.

For each of the 30 cases in ../shared/realdata/logs/cidiff (a failing log, a passing log of the same
job, and human ground truth: the error line ranges), three ways of picking the lines to read:
  novel  - logscan novel --baseline pass.log fail.log (every reported block, all its lines)
  naive  - a set difference of exact lines: fail lines that do not occur in the passing log
  diff   - GNU diff (LCS): the lines diff marks as added
and per case: recall (ground-truth error lines reported), lines to inspect, precision (reported
lines that are ground-truth error lines). The ground truth numbers lines as Java's readLine does
(a lone CR also ends a line), so its numbers are mapped to newline-terminated lines first.

  novel_cidiff.py LOGSCAN [--cases DIR] [--json OUT] [--tsv OUT]
Exit status 0; with --check, 1 when novel's median recall is under 0.9 or its median precision under 0.7.
"""
import argparse, gzip, json, os, statistics, subprocess, sys, tempfile

def read(path):
    if not os.path.exists(path):
        path += ".gz"
    with open(path, "rb") as f:
        data = f.read()
    return gzip.decompress(data) if path.endswith(".gz") else data, path

def java_to_newline_lines(data):
    """Java readLine line number (1-based) -> newline-terminated line number (1-based)."""
    mapping = {1: 1}
    java, line, i, n = 1, 1, 0, len(data)
    while i < n:
        c = data[i]
        if c == 10:
            java += 1; line += 1; mapping[java] = line
        elif c == 13:
            if i + 1 < n and data[i + 1] == 10:
                i += 1; java += 1; line += 1; mapping[java] = line
            else:
                java += 1; mapping[java] = line
        i += 1
    return mapping

def ground_truth(case_dir, data):
    mapping = java_to_newline_lines(data)
    lines = set()
    with open(os.path.join(case_dir, "groundtruth")) as f:
        for row in f:
            row = row.strip()
            if not row.startswith("E "):
                continue
            span = row[2:].split("-")
            first, last = int(span[0]), int(span[-1])
            lines.update(mapping[j] for j in range(first, last + 1) if j in mapping)
    return lines

def newline_lines(data):
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines

def novel(logscan, fail_path, pass_path):
    run = subprocess.run([logscan, "novel", "-q", "--format", "jsonl", "--baseline", pass_path, fail_path],
                         capture_output=True, check=True)
    reported = set()
    for line in run.stdout.splitlines():
        record = json.loads(line)
        if record["type"] == "novel":
            reported.update(range(record["line"], record.get("end_line", record["line"]) + 1))
    return reported

def naive(fail, passing):
    known = set(l.rstrip(b"\r") for l in newline_lines(passing))
    return {i + 1 for i, l in enumerate(newline_lines(fail)) if l.rstrip(b"\r") not in known and l.strip()}

def lcs_diff(fail, passing):
    with tempfile.TemporaryDirectory() as tmp:
        a, b = os.path.join(tmp, "pass"), os.path.join(tmp, "fail")
        open(a, "wb").write(passing); open(b, "wb").write(fail)
        run = subprocess.run(["diff", "-a", "--unchanged-line-format=", "--old-line-format=", "--new-line-format=%dn\n", a, b],
                             capture_output=True)
        return {int(x) for x in run.stdout.split()}

def score(reported, truth):
    hit = len(reported & truth)
    return {"recall": hit / len(truth) if truth else 1.0, "lines": len(reported),
            "precision": hit / len(reported) if reported else 0.0}

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("logscan")
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--cases", default=os.path.join(here, "..", "..", "..", "shared", "realdata", "logs", "cidiff"))
    parser.add_argument("--json")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not os.path.isdir(args.cases):
        print(f"skipped: {args.cases} is not here (../shared/realdata)", file=sys.stderr)
        return 0
    methods = ["novel", "naive", "diff"]
    results = []
    for case in sorted(os.listdir(args.cases)):
        case_dir = os.path.join(args.cases, case)
        if not os.path.isfile(os.path.join(case_dir, "groundtruth")):
            continue
        fail, fail_path = read(os.path.join(case_dir, "fail.log"))
        passing, pass_path = read(os.path.join(case_dir, "pass.log"))
        truth = ground_truth(case_dir, fail)
        row = {"case": case, "truth": len(truth),
               "novel": score(novel(args.logscan, fail_path, pass_path), truth),
               "naive": score(naive(fail, passing), truth),
               "diff": score(lcs_diff(fail, passing), truth)}
        results.append(row)
    print("| case | error lines | " + " | ".join(f"{m} recall | {m} lines | {m} precision" for m in methods) + " |")
    print("|---|---:|" + "---:|" * (3 * len(methods)))
    for row in results:
        cells = [f"{row[m]['recall']:.2f} | {row[m]['lines']} | {row[m]['precision']:.2f}" for m in methods]
        print(f"| {row['case']} | {row['truth']} | " + " | ".join(cells) + " |")
    medians = {m: {k: statistics.median(r[m][k] for r in results) for k in ("recall", "lines", "precision")} for m in methods}
    totals = {m: {"recall": sum(len_hit for len_hit in [r[m]["recall"] * r["truth"] for r in results]) / sum(r["truth"] for r in results),
                  "lines": sum(r[m]["lines"] for r in results),
                  "precision": sum(r[m]["precision"] * r[m]["lines"] for r in results) / max(1, sum(r[m]["lines"] for r in results))}
              for m in methods}
    print("| **median** | | " + " | ".join(f"{medians[m]['recall']:.2f} | {medians[m]['lines']:.0f} | {medians[m]['precision']:.2f}" for m in methods) + " |")
    print("| **all lines** | " + str(sum(r["truth"] for r in results)) + " | "
          + " | ".join(f"{totals[m]['recall']:.2f} | {totals[m]['lines']} | {totals[m]['precision']:.2f}" for m in methods) + " |")
    if args.json:
        json.dump({"cases": results, "median": medians, "total": totals}, open(args.json, "w"), indent=1)
    if args.check and (medians["novel"]["recall"] < 0.9 or medians["novel"]["precision"] < 0.7):
        print(f"novel: median recall {medians['novel']['recall']:.2f} (goal 0.9), precision {medians['novel']['precision']:.2f} (goal 0.7)", file=sys.stderr)
        return 1
    return 0

if __name__ == "__main__":
    sys.exit(main())
