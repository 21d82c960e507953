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
}
