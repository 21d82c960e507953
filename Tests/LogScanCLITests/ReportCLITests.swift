import Foundation
import Glibc
import Testing

/// `scan --label-path/--time-from/--format influx` and `logscan report`, as users run them, and
/// against the real things people put next to them: pandas, InfluxDB, promtool and Chromium.
@Suite struct ReportCLITests {
    typealias Output = CLITests.Output

    /// A tool the real-component tests need. `make test` installs them all (.ci/install-deps); a
    /// bare `swift test` without them skips with the reason, and under CI a missing one fails.
    static func require(_ what: String, available: Bool) -> Bool {
        if available { return true }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            Issue.record("\(what) is missing: .ci/install-deps installs it")
        } else {
            print("skipped: \(what) is not installed (make deps installs it)")
        }
        return false
    }

    static func has(_ command: String) -> Bool {
        (try? CLITests.runCaptured("/bin/sh", ["-c", "command -v \(command)"]).status) == 0
    }

    /// The committed corpus as a Prow archive over 14 days, scanned with labels and Prow times
    /// (docs/report-demo.sh, which the README's screenshot comes from too).
    static func demo() throws -> URL {
        let directory = try CLITests.temporaryDirectory()
        let run = try CLITests.runCaptured("/bin/bash", ["docs/report-demo.sh", CLITests.binary, directory.path])
        #expect(run.status == 0, "\(run.stderr)")
        return directory
    }

    static func jsonLines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    static func records(_ url: URL) throws -> [[String: Any]] {
        jsonLines(try String(contentsOf: url, encoding: .utf8)).filter { $0["type"] as? String == "file" }
    }

    // MARK: labels and times

    @Test func labelsFromProwAndGitHubActionsLayouts() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("logs/pull-kubernetes-e2e/1700/build-log.txt", "OOMKilled\n")
        try write("logs/pull-kubernetes-e2e/1700/finished.json", #"{"timestamp": 1733443200, "passed": false}"#)
        try write("logs/ci-unit/12/build-log.txt", "fine\n")
        try write("logs/ci-unit/12/finished.json", #"{"timestamp": "#)  // malformed
        try write("logs/ci-lint/13/build-log.txt", "fine\n")  // no finished.json, no started.json
        try write("logs/ci-lint/14/build-log.txt", "fine\n")
        try write("logs/ci-lint/14/started.json", #"{"timestamp": 1733443100}"#)
        try write("gha/octo/app/runs/9876/2/3_test.txt", "##[error]Process completed with exit code 1.\n")
        try write("elsewhere/x.log", "fine\n")
        // A directory name that is not UTF-8 (Latin-1 "café").
        let latin1 = try CLITests.runCaptured("/bin/sh", ["-c", "cd '\(root.path)' && mkdir -p \"$(printf 'logs/caf\\351/5')\" && printf 'OOMKilled\\n' > \"$(printf 'logs/caf\\351/5/build-log.txt')\""])
        #expect(latin1.status == 0, "\(latin1.stderr)")
        let mtime = 1_700_000_000
        #expect(try CLITests.runCaptured("/bin/sh", ["-c", "find '\(root.path)' -type f -exec touch -d @\(mtime) {} +"]).status == 0)

        let output = root.appendingPathComponent("out.jsonl")
        let scan = try CLITests.logscan(["scan", "--include", "*.txt", "--time-from", "prow",
                                         "--label-path", "/logs/(?<job>[^/]+)/(?<build>\\d+)/",
                                         "--label-path", "/gha/(?<repo>[^/]+/[^/]+)/runs/(?<run>\\d+)/(?<attempt>\\d+)/\\d+_(?<job>[^/]+)\\.txt$",
                                         "-o", output.path, root.path])
        #expect(scan.status == 0, "\(scan.stderr)")
        var byPath: [String: [String: Any]] = [:]
        for record in try Self.records(output) {
            let path = (record["path"] as! String).replacingOccurrences(of: root.path + "/", with: "")
            byPath[path] = record
        }
        func labels(_ path: String) -> [String: String]? { byPath[path]?["labels"] as? [String: String] }
        func time(_ path: String) -> Int? { byPath[path]?["time"] as? Int }
        #expect(labels("logs/pull-kubernetes-e2e/1700/build-log.txt") == ["job": "pull-kubernetes-e2e", "build": "1700"])
        #expect(time("logs/pull-kubernetes-e2e/1700/build-log.txt") == 1_733_443_200)
        #expect(labels("gha/octo/app/runs/9876/2/3_test.txt") == ["repo": "octo/app", "run": "9876", "attempt": "2", "job": "test"])
        #expect(byPath["elsewhere/x.log"] == nil)  // not *.txt: --include
        // started.json when there is no finished.json; mtime (with a note) when neither is usable.
        #expect(time("logs/ci-lint/14/build-log.txt") == 1_733_443_100)
        #expect(time("logs/ci-lint/13/build-log.txt") == mtime)
        #expect(time("logs/ci-unit/12/build-log.txt") == mtime)
        #expect(scan.stderr.contains("logs/ci-unit/12/build-log.txt: no Prow time (finished.json: malformed JSON"))
        #expect(scan.stderr.contains("logs/ci-lint/13/build-log.txt: no Prow time (finished.json: missing; started.json: missing); time from the file's modification time"))
        // The non-UTF-8 directory: its path and its label say U+FFFD for the byte that is not UTF-8.
        #expect(labels("logs/caf\u{FFFD}/5/build-log.txt") == ["job": "caf\u{FFFD}", "build": "5"])

        // A path no regex matches has no labels; a label:NAME time reads the label.
        try write("other/1733443300/run.txt", "x\n")
        let labelled = try CLITests.logscan(["scan", "-q", "--time-from", "label:t", "--label-path", "other/(?<t>\\d+)/",
                                             root.appendingPathComponent("other").path, root.appendingPathComponent("elsewhere").path])
        let records = Self.jsonLines(labelled.stdout).filter { $0["type"] as? String == "file" }
        #expect(records.count == 2)
        #expect(records.first { ($0["path"] as! String).hasSuffix("run.txt") }?["time"] as? Int == 1_733_443_300)
        #expect(records.first { ($0["path"] as! String).hasSuffix("x.log") }?["labels"] == nil)
        // Bad options are status 2 with a reason.
        let bad = try CLITests.logscan(["scan", "-q", "--label-path", "logs/([^/]+)/", root.path])
        #expect(bad.status == 2 && bad.stderr.contains("no named group"))
        let noGroup = try CLITests.logscan(["scan", "-q", "--time-from", "label:when", root.path])
        #expect(noGroup.status == 2 && noGroup.stderr.contains("needs a --label-path regex with a group named when"))
    }

    /// TestGrid tabs are labelled with their dashboard and tab (over any path label of that name),
    /// so `report top --by dashboard` works on a dump.
    @Test func testGridTabsGetDashboardAndTabLabels() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let dump = root.appendingPathComponent("dashboard-x/dump.json")
        try FileManager.default.createDirectory(at: dump.deletingLastPathComponent(), withIntermediateDirectories: true)
        let table = #"{"tests":[{"name":"TestA","statuses":[{"count":1,"value":12}],"messages":["OOMKilled"]}]}"#
        try Data("{\"sig-node\":{\"e2e/gce\":\(table),\"unit\":\(table)},\"sig-apps\":{\"e2e\":\(table)}}".utf8).write(to: dump)
        let output = root.appendingPathComponent("out.jsonl")
        let scan = try CLITests.logscan(["scan", "-q", "--label-path", "(?<dashboard>dashboard-[a-z])/(?<file>[^/]+)$", "-o", output.path, dump.path])
        #expect(scan.status == 0, "\(scan.stderr)")
        let labels = try Self.records(output).map { $0["labels"] as? [String: String] }
        #expect(labels == [["file": "dump.json", "dashboard": "sig-node", "tab": "e2e/gce"],
                           ["file": "dump.json", "dashboard": "sig-node", "tab": "unit"],
                           ["file": "dump.json", "dashboard": "sig-apps", "tab": "e2e"]])
        let top = try CLITests.logscan(["report", "top", "--by", "dashboard", "--format", "csv", output.path])
        #expect(top.stdout == "dashboard,pattern,files,lines,share\r\nsig-node,oom-killed,2,2,1.0000\r\nsig-apps,oom-killed,1,1,1.0000\r\n")
    }

    // MARK: report

    @Test func badInputsAreStatus2NamingTheFileAndLine() throws {
        let directory = try Self.demo()
        defer { try? FileManager.default.removeItem(at: directory) }
        let counts = directory.appendingPathComponent("counts.jsonl")
        let lines = try String(contentsOf: counts, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        func report(_ text: String, _ arguments: [String] = []) throws -> Output {
            let file = directory.appendingPathComponent("bad.jsonl")
            try Data(text.utf8).write(to: file)
            return try CLITests.logscan(["report", "top", file.path] + arguments)
        }
        let truncated = try report(lines.prefix(5).joined(separator: "\n") + "\n" + lines[5].prefix(40))
        #expect(truncated.status == 2)
        #expect(truncated.stderr.contains("bad.jsonl:6: "), "\(truncated.stderr)")
        let cut = try report(lines.prefix(5).joined(separator: "\n") + "\n")
        #expect(cut.status == 2 && cut.stderr.contains("bad.jsonl:5: no summary line"), "\(cut.stderr)")
        let schema = try report(lines.joined(separator: "\n").replacingOccurrences(of: "\"schema\":1,", with: "\"schema\":7,"))
        #expect(schema.status == 2 && schema.stderr.contains("bad.jsonl:1: schema 7, expected 1"), "\(schema.stderr)")
        // Another pattern set, in a second input: named with its line, and no report is written.
        let other = directory.appendingPathComponent("other.jsonl")
        let scan = try CLITests.logscan(["scan", "-q", "-p", "patterns/ci-failures.yaml", "--pattern-format", "yaml", "--engine", "pcre2",
                                         "corpus/gha", "-o", other.path])
        #expect(scan.status == 0)
        try Data(try String(contentsOf: other, encoding: .utf8).replacingOccurrences(of: "\"pattern_set\":\"sha256:", with: "\"pattern_set\":\"sha256:0").utf8).write(to: other)
        let mixed = try CLITests.logscan(["report", "top", counts.path, other.path])
        #expect(mixed.status == 2 && mixed.stdout.isEmpty)
        #expect(mixed.stderr.contains("other.jsonl:1: pattern set sha256:0"), "\(mixed.stderr)")
        #expect(mixed.stderr.contains("a report covers one set"))
        // Formats that cannot hold a view are refused up front.
        let prometheusTrend = try CLITests.logscan(["report", "trend", "--format", "prometheus", counts.path])
        #expect(prometheusTrend.status == 2 && prometheusTrend.stderr.contains("use --format influx"))
    }

    @Test func csvTsvMarkdownAndJSONHoldTheSameTable() throws {
        let directory = try Self.demo()
        defer { try? FileManager.default.removeItem(at: directory) }
        let counts = directory.appendingPathComponent("counts.jsonl").path
        let json = try CLITests.logscan(["report", "top", "--by", "job", "--format", "json", counts])
        #expect(json.status == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        #expect(rows.count > 10)
        let check = """
            import csv, io, json, sys
            rows = json.loads(sys.argv[1])
            norm = lambda v: "" if v is None else (f"{v:.4f}" if isinstance(v, float) else str(v))
            expected = [[norm(r[k]) for k in ("job", "pattern", "files", "lines", "share")] for r in rows]
            got = list(csv.reader(io.StringIO(sys.argv[2], newline="")))
            assert got[0] == ["job", "pattern", "files", "lines", "share"], got[0]
            assert got[1:] == expected, (got[1:3], expected[:2])
            tsv = [line.split(chr(9)) for line in sys.argv[3].rstrip(chr(10)).split(chr(10))]
            assert tsv == got, "tsv"
            md = [l for l in sys.argv[4].splitlines() if l.startswith("| ")]
            assert len(md) == len(rows) + 2, len(md)  # header, separator, rows
            print("ok", len(rows))
            """
        let csv = try CLITests.logscan(["report", "top", "--by", "job", "--format", "csv", counts])
        let tsv = try CLITests.logscan(["report", "top", "--by", "job", "--format", "tsv", counts])
        let markdown = try CLITests.logscan(["report", "top", "--by", "job", "--format", "markdown", counts])
        let verdict = try CLITests.runPython(check, [json.stdout, csv.stdout, tsv.stdout, markdown.stdout])
        #expect(verdict.status == 0 && verdict.stdout.hasPrefix("ok"), "\(verdict.stderr)")
        // The terminal table: no colour when NO_COLOR is set or stdout is not a terminal.
        let table = try CLITests.logscan(["report", "top", counts], environment: ["NO_COLOR": "1"])
        #expect(table.status == 0 && !table.stdout.contains("\u{1B}["))
        #expect(table.stdout.hasPrefix("Top patterns\npattern "))
    }

    /// Every number of `top` (overall and --by job) and `trend` equals what pandas computes from the JSONL.
    @Test func pandasComputesTheSameTopAndTrend() throws {
        guard Self.require("python3 with pandas", available: (try? CLITests.runPython("import pandas", []).status) == 0) else { return }
        let directory = try Self.demo()
        defer { try? FileManager.default.removeItem(at: directory) }
        let counts = directory.appendingPathComponent("counts.jsonl").path
        var outputs: [String] = []
        for arguments in [["top"], ["top", "--by", "job"], ["trend"], ["trend", "--bucket", "week"]] {
            let run = try CLITests.logscan(["report"] + arguments + ["--format", "json", counts])
            #expect(run.status == 0, "\(run.stderr)")
            outputs.append(run.stdout)
        }
        let script = """
            import json, sys
            import pandas as pd
            records = [json.loads(l) for l in open(sys.argv[1])]
            docs = pd.DataFrame([r for r in records if r["type"] == "file"])
            long = docs[["path", "labels", "time", "counts"]].copy()
            long["job"] = long["labels"].apply(lambda l: (l or {}).get("job"))
            long["failing"] = long["counts"].apply(lambda c: len(c) > 0)
            long = long.assign(pair=long["counts"].apply(lambda c: list(c.items()))).explode("pair").dropna(subset=["pair"])
            long["pattern"] = long["pair"].str[0]
            long["lines"] = long["pair"].str[1].astype(int)
            docs["job"] = docs["labels"].apply(lambda l: (l or {}).get("job"))
            docs["failing"] = docs["counts"].apply(lambda c: len(c) > 0)

            def top(by):
                keys = ([by] if by else []) + ["pattern"]
                g = long.groupby(keys, dropna=False).agg(files=("path", "nunique"), lines=("lines", "sum"),
                                                          failing_files=("failing", "sum")).reset_index()
                failing = docs.groupby(by, dropna=False)["failing"].sum() if by else None
                total = docs["failing"].sum()
                g["share"] = g.apply(lambda r: r["failing_files"] / (failing[r[by]] if by else total), axis=1).round(4)
                return {tuple(r[k] for k in keys): (int(r["files"]), int(r["lines"]), float(r["share"])) for _, r in g.iterrows()}

            def ours_top(text, by):
                keys = ([by] if by else []) + ["pattern"]
                return {tuple(r[k] for k in keys): (r["files"], r["lines"], r["share"]) for r in json.loads(text)}

            def trend(freq):
                t = long.copy()
                t["ts"] = pd.to_datetime(t["time"], unit="s", utc=True)
                start = t["ts"].dt.floor("D") if freq == "day" else (t["ts"].dt.floor("D") - pd.to_timedelta(t["ts"].dt.weekday, unit="D"))
                t["bucket"] = start.dt.strftime("%Y-%m-%d")
                g = t.groupby(["pattern", "bucket"]).agg(files=("path", "nunique"), lines=("lines", "sum"))
                return {k: (int(v["files"]), int(v["lines"])) for k, v in g.iterrows()}

            def ours_trend(text, freq):
                return {(r["pattern"], r[freq]): (r["files"], r["lines"]) for r in json.loads(text) if r["files"] > 0}

            checks = [(ours_top(sys.argv[2], None), top(None)), (ours_top(sys.argv[3], "job"), top("job")),
                      (ours_trend(sys.argv[4], "day"), trend("day")), (ours_trend(sys.argv[5], "week"), trend("week"))]
            for index, (ours, theirs) in enumerate(checks):
                if ours != theirs:
                    diff = sorted(set(ours.items()) ^ set(theirs.items()), key=str)[:6]
                    sys.exit(f"check {index}: {len(ours)} rows vs pandas {len(theirs)}: {diff}")
            print("ok", [len(o) for o, _ in checks])
            """
        let verdict = try CLITests.runPython(script, [counts] + outputs)
        #expect(verdict.status == 0 && verdict.stdout.hasPrefix("ok"), "\(verdict.stdout)\(verdict.stderr)")
    }

    // MARK: real components

    /// A TCP port on 127.0.0.1 that nothing listens on right now (the kernel's pick for port 0).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A directory whose job names need every line-protocol and exposition escape.
    static func awkwardArchive() throws -> URL {
        let root = try CLITests.temporaryDirectory()
        let jobs = ["plain-job", "comma,space job=1 \"quoted\"", "back\\slash", "new\nline"]
        for (index, job) in jobs.enumerated() {
            for build in 0..<3 {
                let directory = root.appendingPathComponent("logs").appendingPathComponent(job).appendingPathComponent("\(100 + build)")
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                let text = String(repeating: "OOMKilled\n", count: index + build) + String(repeating: "connection reset by peer\n", count: build) + "done\n"
                try Data(text.utf8).write(to: directory.appendingPathComponent("build-log.txt"))
                try Data("{\"timestamp\": \(1_733_443_200 + build * 86_400 + index)}".utf8).write(to: directory.appendingPathComponent("finished.json"))
            }
        }
        return root
    }

    /// The line protocol that `scan --format influx` and `report trend --format influx` write goes
    /// into a real InfluxDB 1.x over HTTP, and InfluxQL gives back the JSONL's numbers.
    @Test(.timeLimit(.minutes(3))) func influxDBStoresWhatTheJSONLSays() throws {
        guard Self.require("influxd (Debian package influxdb)", available: Self.has("influxd")) else { return }
        let archive = try Self.awkwardArchive()
        defer { try? FileManager.default.removeItem(at: archive) }
        let label = ["--include", "build-log.txt", "--time-from", "prow", "--label-path", "logs/(?<job>[^/]+)/(?<build>\\d+)/"]
        let jsonl = archive.appendingPathComponent("counts.jsonl"), lineProtocol = archive.appendingPathComponent("points.lp")
        #expect(try CLITests.logscan(["scan", "-q", "-o", jsonl.path] + label + [archive.appendingPathComponent("logs").path]).status == 0)
        #expect(try CLITests.logscan(["scan", "-q", "--format", "influx", "-o", lineProtocol.path] + label + [archive.appendingPathComponent("logs").path]).status == 0)
        let trendPoints = try CLITests.logscan(["report", "trend", "--format", "influx", jsonl.path])
        #expect(trendPoints.status == 0)
        try Data(trendPoints.stdout.utf8).write(to: archive.appendingPathComponent("trend.lp"))

        // Expected: per pattern and job, documents and lines, from the JSONL.
        var expected: [String: [Int]] = [:]
        for record in try Self.records(jsonl) {
            let job = (record["labels"] as! [String: String])["job"]!
            for (pattern, lines) in record["counts"] as! [String: Int] {
                let key = "\(pattern) \(job)"
                expected[key] = [(expected[key]?[0] ?? 0) + 1, (expected[key]?[1] ?? 0) + lines]
            }
        }

        let port = Self.freePort(), rpc = Self.freePort()
        let data = archive.appendingPathComponent("influxdb")
        let config = """
            reporting-disabled = true
            bind-address = "127.0.0.1:\(rpc)"
            [meta]
              dir = "\(data.path)/meta"
            [data]
              dir = "\(data.path)/data"
              wal-dir = "\(data.path)/wal"
              query-log-enabled = false
            [http]
              bind-address = "127.0.0.1:\(port)"
              log-enabled = false
            [monitor]
              store-enabled = false
            """
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data(config.utf8).write(to: data.appendingPathComponent("influxdb.conf"))
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/bin/sh")
        server.arguments = ["-c", "exec influxd run -config '\(data.path)/influxdb.conf' > '\(data.path)/influxd.log' 2>&1"]
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(port)"
        var up = false
        for _ in 0..<100 where !up {
            up = (try? CLITests.runCaptured("/usr/bin/curl", ["-sf", "\(base)/ping"]).status) == 0
            if !up { usleep(100_000) }
        }
        #expect(up, "influxd did not answer on \(base)")
        guard up else { return }
        let query = """
            import json, sys, urllib.parse, urllib.request
            base = sys.argv[1]
            def q(text, db=None, post=False):
                params = {"q": text} | ({"db": db} if db else {})
                data = urllib.parse.urlencode(params).encode()
                url = base + "/query" + ("" if post else "?" + data.decode())
                return json.load(urllib.request.urlopen(urllib.request.Request(url, data=data if post else None)))
            def write(db, path):
                request = urllib.request.Request(base + "/write?db=" + db, data=open(path, "rb").read(), method="POST")
                assert urllib.request.urlopen(request).status == 204
            q("CREATE DATABASE scan", post=True); q("CREATE DATABASE trend", post=True)
            write("scan", sys.argv[2]); write("trend", sys.argv[3])
            result = {}
            for series in q("SELECT sum(files), sum(lines) FROM logscan GROUP BY pattern, job", "scan")["results"][0]["series"]:
                result[series["tags"]["pattern"] + " " + series["tags"]["job"]] = series["values"][0][1:]
            trend = {}
            for series in q("SELECT files, lines FROM logscan GROUP BY pattern", "trend")["results"][0]["series"]:
                trend[series["tags"]["pattern"]] = [[v[0][:10], v[1], v[2]] for v in series["values"]]
            print(json.dumps({"scan": result, "trend": trend}))
            """
        let answer = try CLITests.runPython(query, [base, lineProtocol.path, archive.appendingPathComponent("trend.lp").path])
        #expect(answer.status == 0, "\(answer.stderr)")
        guard answer.status == 0, let stored = try JSONSerialization.jsonObject(with: Data(answer.stdout.utf8)) as? [String: Any] else { return }
        // A newline cannot be in a tag value: the line protocol carries it as the two characters \n.
        let scan = (stored["scan"] as! [String: [Int]]).reduce(into: [String: [Int]]()) { result, entry in
            result[entry.key.replacingOccurrences(of: "\\n", with: "\n")] = entry.value
        }
        #expect(scan == expected)
        #expect(scan["oom-killed comma,space job=1 \"quoted\""] != nil && scan["oom-killed back\\slash"] != nil)
        // The trend, per pattern and day, as `report trend --format json` has it.
        let json = try CLITests.logscan(["report", "trend", "--format", "json", jsonl.path])
        var trend: [String: [[AnyHashable]]] = [:]
        for row in try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]] {
            trend[row["pattern"] as! String, default: []].append([row["day"] as! String, row["files"] as! Int, row["lines"] as! Int])
        }
        let storedTrend = (stored["trend"] as! [String: [[Any]]]).mapValues { $0.map { [$0[0] as! String, $0[1] as! Int, $0[2] as! Int] as [AnyHashable] } }
        #expect(storedTrend == trend)
    }

    /// `promtool check metrics` accepts the exposition, with quotes, backslashes and newlines in label values.
    @Test func promtoolAcceptsTheExposition() throws {
        guard Self.require("promtool (Debian package prometheus)", available: Self.has("promtool")) else { return }
        let archive = try Self.awkwardArchive()
        defer { try? FileManager.default.removeItem(at: archive) }
        let jsonl = archive.appendingPathComponent("counts.jsonl")
        #expect(try CLITests.logscan(["scan", "-q", "--include", "build-log.txt", "--label-path", "logs/(?<job>[^/]+)/", "-o", jsonl.path,
                                      archive.appendingPathComponent("logs").path]).status == 0)
        let exposition = try CLITests.logscan(["report", "top", "--by", "job", "--format", "prometheus", "-o",
                                               archive.appendingPathComponent("logscan.prom").path, jsonl.path])
        #expect(exposition.status == 0)
        let text = try String(contentsOf: archive.appendingPathComponent("logscan.prom"), encoding: .utf8)
        #expect(text.contains(#"logscan_pattern_files{pattern="oom-killed",job="comma,space job=1 \"quoted\""} 3"#))
        #expect(text.contains(#"job="back\\slash"} "#) && text.contains(#"job="new\nline"} "#))
        let check = try CLITests.runCaptured("/bin/sh", ["-c", "promtool check metrics < '\(archive.appendingPathComponent("logscan.prom").path)'"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // The checker is not lenient: a broken escape fails it.
        let broken = archive.appendingPathComponent("broken.prom")
        try Data(text.replacingOccurrences(of: #"back\\slash"#, with: #"back\slash"#).utf8).write(to: broken)
        #expect(try CLITests.runCaptured("/bin/sh", ["-c", "promtool check metrics < '\(broken.path)'"]).status != 0)
    }

    /// The HTML report loads in headless Chromium with no console message and no network request, at
    /// a desktop and a phone width; a page with both proves the check sees them.
    @Test(.timeLimit(.minutes(3))) func htmlReportOpensInChromiumWithoutErrorsOrRequests() throws {
        guard Self.require("chromium (Debian package chromium)", available: Self.has("chromium")) else { return }
        let directory = try Self.demo()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        // Nothing to fetch: no script, stylesheet link, image, frame, font or CSS url() (log lines quoted in it may hold URLs as text).
        #expect(html.contains("<svg"))
        for reference in ["<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import"] { #expect(!html.contains(reference), "\(reference)") }
        let control = directory.appendingPathComponent("control.html")
        try Data(#"<html><body><script>console.error("boom")</script><img src="https://example.invalid/x.png"></body></html>"#.utf8).write(to: control)
        let screenshots = ProcessInfo.processInfo.environment["LOGSCAN_SCREENSHOT_DIR"].map(URL.init(fileURLWithPath:)) ?? directory

        func open(_ url: URL, width: Int, height: Int, name: String) throws -> (console: [String], requests: [String], png: URL) {
            let png = screenshots.appendingPathComponent("\(name).png"), netlog = directory.appendingPathComponent("\(name).netlog.json")
            let run = try CLITests.runCaptured("/usr/bin/chromium", [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=\(directory.appendingPathComponent("profile-\(name)").path)", "--enable-logging=stderr", "--v=0",
                "--log-net-log=\(netlog.path)", "--window-size=\(width),\(height)", "--screenshot=\(png.path)", url.absoluteString])
            #expect(run.status == 0, "\(run.stderr.suffix(2000))")
            let console = run.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
            // Requests the page made: the browser's own background fetches belong to no file:// page.
            let find = """
                import json, sys
                events = json.load(open(sys.argv[1]))["events"]
                urls = {e["params"]["url"] for e in events if "url" in e.get("params", {})
                        and "file://" in str(e["params"].get("network_isolation_key", "")) and not e["params"]["url"].startswith("file:")}
                print("\\n".join(sorted(urls)))
                """
            let requests = try CLITests.runPython(find, [netlog.path])
            #expect(requests.status == 0, "\(requests.stderr)")
            return (console, requests.stdout.split(separator: "\n").map(String.init), png)
        }
        let caught = try open(control, width: 800, height: 600, name: "control")
        #expect(caught.console.contains { $0.contains("boom") } && caught.requests == ["https://example.invalid/x.png"])
        for (width, height, name) in [(1280, 2600, "report-1280"), (390, 3200, "report-390")] {
            let opened = try open(page, width: width, height: height, name: name)
            #expect(opened.console.isEmpty, "\(opened.console)")
            #expect(opened.requests.isEmpty, "\(opened.requests)")
            let size = (try? FileManager.default.attributesOfItem(atPath: opened.png.path)[.size] as? Int) ?? 0
            #expect(size > 20_000, "screenshot \(opened.png.path) is \(size) bytes")
        }
    }
}
