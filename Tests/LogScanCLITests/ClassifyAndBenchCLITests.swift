import Foundation
import Testing

/// `scan --classify` and `logscan bench` through the real executable.
@Suite(.serialized) struct ClassifyAndBenchCLITests {
    @Test func classifyAddsTheWinnerToRecordsAndTheSummary() throws {
        let root = try CLITests.temporaryDirectory()
        let setDirectory = try CLITests.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: setDirectory)
        }
        let set = setDirectory.appendingPathComponent("set.yaml")
        try Data("""
            patterns:
              - id: generic-error
                regex: '^##\\[error\\](.*)'
                priority: 2
              - id: oom
                regex: 'CUDA out of memory\\. Tried to allocate (\\S+)'
                priority: 1
            """.utf8).write(to: set)
        try Data("2024-07-08T16:59:08.1747875Z ##[error]boom\n2024-07-08T16:59:09.0000000Z CUDA out of memory. Tried to allocate 2.00 GiB\n2024-07-08T16:59:10.0000000Z ##[error]Process completed with exit code 1.\n".utf8)
            .write(to: root.appendingPathComponent("a.log"))
        try Data("2024-07-08T16:59:08.1747875Z ##[error]only this\n".utf8).write(to: root.appendingPathComponent("b.log"))
        try Data("all good\n".utf8).write(to: root.appendingPathComponent("c.log"))

        let result = try CLITests.logscan(["scan", "-q", "--classify", "--strip-timestamps", "-p", set.path, root.path])
        #expect(result.status == 0, "\(result.stderr)")
        let files = result.lines.filter { $0["type"] as? String == "file" && ($0["path"] as? String)?.hasSuffix(".log") == true }
        #expect(files.count == 3)
        let a = files[0]["classification"] as? [String: Any]
        #expect(a?["id"] as? String == "oom" && a?["line"] as? Int == 2 && a?["captures"] as? [String] == ["2.00"])
        let b = files[1]["classification"] as? [String: Any]
        #expect(b?["id"] as? String == "generic-error" && b?["captures"] as? [String] == ["only this"])
        #expect(files[2]["classification"] is NSNull, "an unclassified log says null")
        let summary = result.lines.last
        #expect(summary?["classified"] as? [String: Int] == ["generic-error": 1, "oom": 1])
        #expect(summary?["unclassified"] as? Int == 1)

        // File order instead of the priority fields: the generic rule comes first.
        let order = try CLITests.logscan(["scan", "-q", "--classify", "--priority", "order", "--strip-timestamps", "-p", set.path,
                                          root.appendingPathComponent("a.log").path])
        let winner = order.lines.first { $0["type"] as? String == "file" }?["classification"] as? [String: Any]
        #expect(winner?["id"] as? String == "generic-error" && winner?["line"] as? Int == 3)
        let skipped = try CLITests.logscan(["scan", "-q", "--classify", "--priority", "order", "--strip-timestamps", "-p", set.path,
                                            "--classify-skip", "Process completed with exit code", root.appendingPathComponent("a.log").path])
        let skippedWinner = skipped.lines.first { $0["type"] as? String == "file" }?["classification"] as? [String: Any]
        #expect(skippedWinner?["line"] as? Int == 1)

        let misuse = try CLITests.logscan(["scan", "--classify-skip", "x", root.path])
        #expect(misuse.status == 2 && misuse.stderr.contains("--classify-skip needs --classify"))
        let badSkip = try CLITests.logscan(["scan", "--classify", "--classify-skip", "(", root.path])
        #expect(badSkip.status == 2 && badSkip.stderr.contains("--classify-skip"))
    }

    /// A PyTorch ruleset carries its line preparation: `-p ruleset.toml --classify` with no flag
    /// classifies PyTorch's fixtures as its `expected_matches.tsv` says (all but the one whose
    /// winner is wrapper boilerplate), the header says so, and `--no-strip-timestamps` overrides it.
    @Test func pytorchRulesetStripsTimestampsWithoutAFlag() throws {
        let realdata = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/realdata")
        let fixtures = realdata.appendingPathComponent("logs/pytorch-test-infra/classify-clean")
        let ruleset = realdata.appendingPathComponent("patterns/pytorch-log-classifier.ruleset.toml")
        let expectedURL = fixtures.appendingPathComponent("expected_matches.tsv")
        guard FileManager.default.fileExists(atPath: expectedURL.path), FileManager.default.fileExists(atPath: ruleset.path) else {
            print("skipped: \(fixtures.path) or the ruleset is absent (shared realdata not on this machine)")
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let files = expected.map { fixtures.appendingPathComponent($0[0]).path }
        func agreeing(_ flags: [String]) throws -> (Int, [String: Any]?) {
            let result = try CLITests.logscan(["scan", "-q", "--classify"] + flags + ["-p", ruleset.path] + files)
            #expect(result.status == 0, "\(result.stderr)")
            let records = result.lines.filter { $0["type"] as? String == "file" }
            let agree = zip(records, expected).filter { record, row in
                (record["classification"] as? [String: Any])?["line"] as? Int == Int(row[2])
            }.count
            return (agree, result.lines.first)
        }
        let (bySet, header) = try agreeing([])
        #expect(bySet == expected.count - 1, "\(bySet) of \(expected.count)")
        #expect(header?["strip_timestamps"] as? Bool == true)
        let (byFlag, _) = try agreeing(["--strip-timestamps"])
        #expect(byFlag == bySet)
        let (kept, keptHeader) = try agreeing(["--no-strip-timestamps"])
        #expect(kept < bySet / 2, "timestamps kept: \(kept) agree")
        #expect(keptHeader?["strip_timestamps"] == nil)
    }

    /// bench on the committed corpus plus a log with three lines that make a nested repetition hit
    /// PCRE2's match limit: one line per pattern plus the set; a backreference (whose prefilter
    /// approximation has no literal, so PCRE2 confirms most lines) ranks first, flagged no-literal;
    /// the nested repetition is flagged limit-hits; "slow" follows its rule; counts equal scan's,
    /// and the set's pass costs what a scan of the same bytes does.
    @Test func benchRanksPatternsAndAgreesWithScan() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let set = root.appendingPathComponent("set.txt")
        try Data("""
            \\bOOMKill(?:ed|ing)\\b
            (?i)(?:[a-z]+\\s*){2,}failed
            (\\w+) \\1
            --- FAIL: Test\\w+
            no such pattern in this corpus xyzzy
            """.utf8).write(to: set)
        // Each of these lines holds a match ("image pull failed"), so Vectorscan reports it and
        // PCRE2 confirms it; from the line's start PCRE2 first tries every split of the 40 letters
        // into words before the digit stops it, and runs out of its match limit. (A line without a
        // match would never reach PCRE2 under `--engine auto`: Vectorscan proves it cannot match.)
        let limitLog = root.appendingPathComponent("limit.log")
        try Data(("build step one ok\n" + String(repeating: String(repeating: "a", count: 40) + "1 image pull failed\n", count: 3)
                  + "done\n").utf8).write(to: limitLog)
        let inputs = ["corpus", limitLog.path]
        let json = root.appendingPathComponent("bench.jsonl")
        let bench = try CLITests.logscan(["bench", "-p", set.path, "--runs", "3", "--json", json.path] + inputs)
        #expect(bench.status == 0, "\(bench.stderr)")
        #expect(bench.stdout.contains("whole set, one pass"))
        let records = try String(contentsOf: json, encoding: .utf8).split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(records.first?["type"] as? String == "set")
        let patterns = records.filter { $0["type"] as? String == "pattern" }
        #expect(patterns.count == 5)
        let ranking = patterns.compactMap { $0["id"] as? String }
        // Ranked by time alone, most expensive first: the backreference by far (its every candidate
        // goes to PCRE2); the order of the cheap ones is noise, more so under a sanitizer.
        #expect(ranking.first == "set:3", "the backreference first: \(ranking)")
        let times = patterns.map { $0["alone_s"] as? Double ?? 0 }
        #expect(times == times.sorted(by: >), "ranked by time alone: \(times)")
        let byID = Dictionary(uniqueKeysWithValues: patterns.map { ($0["id"] as? String ?? "", $0) })
        // "slow": alone, over 10x the median pattern. Checked as a rule on the record's own times
        // (printed rounded, so only where they are clearly on one side): how far the backreference
        // is from the median depends on the build (a debug build's fixed cost per byte is higher).
        let alone = patterns.compactMap { $0["alone_s"] as? Double }.sorted()
        try #require(alone.count == 5)
        let median = alone[2]
        for pattern in patterns {
            let seconds = pattern["alone_s"] as? Double ?? 0
            let slow = (pattern["flags"] as? [String])?.contains("slow") == true
            if seconds > median * 11 { #expect(slow, "\(pattern["id"] ?? "") at \(seconds) s, median \(median) s") }
            if seconds < median * 9 { #expect(!slow, "\(pattern["id"] ?? "") at \(seconds) s, median \(median) s") }
        }
        #expect((byID["set:3"]?["candidates"] as? Int ?? 0) > (byID["set:3"]?["lines"] as? Int ?? 0) * 5,
                "its prefilter approximation names many more lines than PCRE2 confirms")
        #expect((byID["set:2"]?["flags"] as? [String])?.contains("limit-hits") == true)
        #expect(byID["set:2"]?["limit_hits"] as? Int == 3, "one hit per crafted line: \(byID["set:2"] ?? [:])")
        #expect((byID["set:3"]?["flags"] as? [String])?.contains("no-literal") == true)
        #expect((byID["set:5"]?["flags"] as? [String])?.contains("never-matched") == true)
        #expect((byID["set:1"]?["flags"] as? [String]) == [])

        // Counts equal scan's totals over the same bytes.
        let scan = try CLITests.logscan(["scan", "-q", "-j1", "-p", set.path] + inputs)
        let totals = scan.lines.last?["totals"] as? [String: [String: Int]] ?? [:]
        for (id, record) in byID {
            #expect(record["lines"] as? Int == totals[id]?["lines"] ?? 0, "lines of \(id)")
        }
        #expect(records.first?["bytes"] as? Int == scan.lines.last?["bytes"] as? Int)

        // The set's one pass costs what a scan of the same bytes costs, within the noise of a
        // shared machine (scan also inflates and reads files, so a wide band): medians of 3.
        var elapsed: [Double] = []
        for _ in 0..<3 {
            let run = try CLITests.logscan(["scan", "-q", "-j1", "-p", set.path] + inputs)
            elapsed.append(run.lines.last?["elapsed_s"] as? Double ?? 0)
        }
        let scanSeconds = elapsed.sorted()[1]
        let setSeconds = records.first?["set_s"] as? Double ?? 0
        #expect(setSeconds > scanSeconds / 4 && setSeconds < scanSeconds * 2 + 0.05,
                "bench's whole-set pass \(setSeconds) s vs scan \(scanSeconds) s")
    }
}
