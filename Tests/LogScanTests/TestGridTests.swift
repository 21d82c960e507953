import Foundation
@testable import Engine
@testable import Input
@testable import LogScan
@testable import PatternSets
import Testing

/// TestGrid documents against an independent oracle: `Tests/Oracles/testgrid_oracle.py` loads the
/// JSON with Python's `json`, builds each tab's lines (names, then non-empty messages) and counts
/// them with `grep -P`; logscan's streaming parser and matcher must give the same numbers.
@Suite(.serialized) struct TestGridTests {
    static let oracle = Fixture.projectRoot.appendingPathComponent("Tests/Oracles/testgrid_oracle.py")
    static let generator = Fixture.projectRoot.appendingPathComponent("Benchmarks/Scripts/generate_testgrid.py")
    static let realTable = Fixture.realdata.appendingPathComponent("testgrid/openshift-sippy-sample-data-2020-03/e2e-gcp-rt-4.4.json.gz")
    static let realSummary = Fixture.realdata.appendingPathComponent("testgrid/openshift-sippy-sample-data-2020-03/summary.json")

    /// Test-name patterns beside the CI failure set: TestGrid users search names as much as messages.
    static let namePatterns = [#"\[sig-network\]"#, #"\[Conformance\]"#, #"^operator\."#, "Monitor cluster",
                               #"\[Serial\]"#, #"(?i)upgrade"#, #"\[Suite:k8s\]$"#]

    static func definitions() throws -> [PatternDefinition] {
        let curated = try PatternFileParser.parse(path: Fixture.ciFailures.path)
        let names = namePatterns.enumerated().map { index, regex in
            PatternDefinition(id: "name-\(index)", regex: regex, location: SourceLocation(file: "test", line: index + 1))
        }
        return curated + names
    }

    /// The oracle's JSONL, one object per document.
    static func oracleDocuments(_ input: URL, _ definitions: [PatternDefinition]) throws -> [[String: Any]] {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let list = definitions.map { ["id": $0.id, "regex": $0.regex] }
        let patternsURL = directory.appendingPathComponent("patterns.json")
        try JSONSerialization.data(withJSONObject: list).write(to: patternsURL)
        let result = try Fixture.run("/usr/bin/env", ["python3", oracle.path, input.path, patternsURL.path])
        #expect(result.status == 0, "oracle failed: \(result.stderr)")
        return result.text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Compares every record with the oracle's document, field by field.
    static func expectAgreement(_ input: URL, engine: MatchEngine, file: String = #filePath, line: Int = #line) throws {
        let definitions = try definitions()
        let expected = try oracleDocuments(input, definitions)
        let patterns = try PatternSet(definitions: definitions, sources: ["test"], engine: engine)
        let results = DocumentScanner(patterns: patterns, options: ScanOptions()).scanDocuments(InputItem(location: .file(input.path)))
        #expect(results.count == expected.count, "documents in \(input.lastPathComponent)")
        for (result, oracle) in zip(results, expected) {
            let doc = oracle["doc"] as? String
            #expect(result.document == doc)
            #expect(result.error == nil, "\(doc ?? input.lastPathComponent): \(String(describing: result.error))")
            guard let grid = result.testGrid else { Issue.record("no testgrid summary for \(doc ?? "")"); continue }
            #expect(result.tally.lines == oracle["lines"] as? Int, "lines of \(doc ?? "")")
            #expect(grid.tests == oracle["tests"] as? Int)
            #expect(grid.columns == oracle["columns"] as? Int)
            #expect(grid.firstTimestamp == oracle["first_ts"] as? Int)
            #expect(grid.lastTimestamp == oracle["last_ts"] as? Int)
            let cells = oracle["cells"] as? [String: Int] ?? [:]
            #expect([grid.cells.pass, grid.cells.fail, grid.cells.flaky, grid.cells.other, grid.cells.noResult]
                    == [cells["pass"], cells["fail"], cells["flaky"], cells["other"], cells["no_result"]].map { $0 ?? -1 })
            let perPattern = oracle["patterns"] as? [String: [String: Any]] ?? [:]
            for (index, definition) in definitions.enumerated() {
                let want = perPattern[definition.id]
                let count = result.tally.counts[index]
                #expect(count == (want?["lines"] as? Int ?? 0), "\(doc ?? ""): \(definition.id) /\(definition.regex)/")
                let matches = grid.patterns[index]
                #expect(matches?.cells ?? 0 == want?["cells"] as? Int ?? 0, "cells of \(definition.id)")
                #expect(matches?.tests ?? 0 == want?["tests"] as? Int ?? 0, "tests of \(definition.id)")
                let top = (want?["top_tests"] as? [[String: Any]] ?? []).map { "\($0["name"] as? String ?? "?")#\($0["cells"] as? Int ?? -1)" }
                #expect((matches?.topTests ?? []).map { "\($0.name)#\($0.cells)" } == top, "top tests of \(definition.id)")
            }
        }
    }

    @Test(arguments: [MatchEngine.auto, .pcre2])
    func realTableMatchesTheOracle(_ engine: MatchEngine) throws {
        guard FileManager.default.fileExists(atPath: Self.realTable.path) else {
            print("skipped: \(Self.realTable.path) is absent (shared realdata not on this machine)")
            return
        }
        try Self.expectAgreement(Self.realTable, engine: engine)
    }

    /// A generated dump: several dashboards, `grid` tabs, multi-line, escaped and non-ASCII messages.
    @Test(arguments: [MatchEngine.auto, .pcre2])
    func generatedDumpMatchesTheOracle(_ engine: MatchEngine) throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["dump.json.gz", "table.json"] {
            let url = directory.appendingPathComponent(name)
            let shape = name.hasPrefix("dump") ? "dump" : "table"
            let generated = try Fixture.run("/usr/bin/env", ["python3", Self.generator.path, "--out", url.path,
                                                            "--size", "3MB", "--seed", "7", "--shape", shape])
            #expect(generated.status == 0, "generator: \(generated.stderr)")
            try Self.expectAgreement(url, engine: engine)
        }
    }

    @Test func examplesNameTheTestAndTheCell() throws {
        let json = #"""
        {"changelists":["30","29","28","27"],"column_ids":["c30","c29","c28","c27"],"timestamps":[4000,3000,2000,1000],
         "tests":[{"name":"first","messages":["ok"],"statuses":[{"count":3,"value":0},{"count":1,"value":1}]},
                  {"name":"[sig-node] pods",
                   "messages":["","pod OOMKilled\nwhile waiting","", "OOMKilled again"],
                   "statuses":[{"count":1,"value":1},{"count":1,"value":12},{"count":1,"value":0},{"count":1,"value":13},{"count":1,"value":12}]}]}
        """#
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try Fixture.write(json, to: directory.appendingPathComponent("table.json"))
        let patterns = try Fixture.patternSet([#"OOMKilled"#, #"^\[sig-node\]"#, #"^while"#])
        let result = DocumentScanner(patterns: patterns, options: ScanOptions(exampleLimit: 5)).scan(InputItem(location: .file(url.path)))
        #expect(result.tally.counts == [2, 1, 0], "a cell is one line: its \\n is a space, so ^while does not match")
        #expect(result.tally.lines == 5)
        let cells = result.tally.examples[0].map(\.cell)
        #expect(cells == [
            TestGridCell(test: "[sig-node] pods", column: 1, changelist: "29", columnID: "c29", status: 12),
            TestGridCell(test: "[sig-node] pods", column: 4, changelist: nil, columnID: nil, status: 12),
        ])
        #expect(result.tally.examples[0].first?.text == Array("pod OOMKilled while waiting".utf8))
        #expect(result.tally.examples[1].first?.cell == TestGridCell(test: "[sig-node] pods"))
        let grid = try #require(result.testGrid)
        #expect(grid.columns == 4 && grid.tests == 2)
        #expect(grid.cells.pass == 2 && grid.cells.fail == 2 && grid.cells.flaky == 1 && grid.cells.noResult == 4)
        #expect(grid.patterns[0] == TestGridSummary.PatternMatches(cells: 2, tests: 1, topTests: [.init(name: "[sig-node] pods", cells: 2)]))
        #expect(grid.patterns[1] == TestGridSummary.PatternMatches(cells: 0, tests: 1, topTests: [.init(name: "[sig-node] pods", cells: 0)]))
    }

    @Test func recordsAddUpToTheFile() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("dump.json.gz")
        let generated = try Fixture.run("/usr/bin/env", ["python3", Self.generator.path, "--out", url.path, "--size", "1MB", "--seed", "3"])
        #expect(generated.status == 0, "generator: \(generated.stderr)")
        let results = DocumentScanner(patterns: try PatternSet.load(paths: []), options: ScanOptions()).scanDocuments(InputItem(location: .file(url.path)))
        #expect(results.count > 2)
        #expect(Set(results.compactMap(\.document)).count == results.count, "one record per tab")
        let plain = try Fixture.run("/usr/bin/env", ["gzip", "-dc", url.path])
        #expect(results.map(\.tally.bytes).reduce(0, +) == plain.stdout.count)
        let stored = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int
        #expect(results.map(\.tally.storedBytes).reduce(0, +) == stored)
    }

    @Test func onlyTestGridIsDetected() throws {
        #expect(TestGridDetector.detect(Array(#"{"test-group-name":"x","tests":[]}"#.utf8)) == .table)
        #expect(TestGridDetector.detect(Array(#" {"query":"gs://b","status":"ok","tests":[]}"#.utf8)) == .table)
        #expect(TestGridDetector.detect(Array(#"{"dash":{"tab":{"grid":[]}}}"#.utf8)) == .dump)
        #expect(TestGridDetector.detect(Array(#"{"empty":{},"dash":{"tab":{"timestamps":[1]}}}"#.utf8)) == .dump)
        // pytest-json-report, a dashboard summary, JSON logs, arrays: not TestGrid.
        #expect(TestGridDetector.detect(Array(#"{"created":1.5,"tests":[]}"#.utf8)) == nil)
        #expect(TestGridDetector.detect(Array(#"{"job":{"alert":"","tests":[]}}"#.utf8)) == nil)
        #expect(TestGridDetector.detect(Array(#"{"level":"error","msg":"OOMKilled"}"#.utf8)) == nil)
        #expect(TestGridDetector.detect(Array(#"[{"tests":[]}]"#.utf8)) == nil)
        #expect(TestGridDetector.detect(Array("plain log line".utf8)) == nil)
        if FileManager.default.fileExists(atPath: Self.realSummary.path) {
            let summary = try Data(contentsOf: Self.realSummary)
            #expect(TestGridDetector.detect(Array(summary.prefix(TestGridDetector.prefixBytes))) == nil,
                    "a dashboard summary is not a table")
        }
    }

    @Test func offReadsTestGridAsText() throws {
        let json = "{\"tests\":[{\"name\":\"t\",\"messages\":[\"OOMKilled\"],\"statuses\":[{\"count\":1,\"value\":12}]}]}\n"
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try Fixture.write(json, to: directory.appendingPathComponent("t.json"))
        let patterns = try Fixture.patternSet(["OOMKilled", #"^\{"#])
        let off = DocumentScanner(patterns: patterns, options: ScanOptions(testGrid: false)).scanDocuments(InputItem(location: .file(url.path)))
        #expect(off.count == 1 && off[0].testGrid == nil && off[0].tally.counts == [1, 1] && off[0].tally.lines == 1)
        let auto = DocumentScanner(patterns: patterns, options: ScanOptions()).scanDocuments(InputItem(location: .file(url.path)))
        #expect(auto.count == 1 && auto[0].testGrid != nil && auto[0].tally.counts == [1, 0] && auto[0].tally.lines == 2)
    }

    /// Damaged documents give an error record holding what was counted, never a crash: the file cut
    /// at many offsets, wrong types, huge strings, deep nesting, trailing garbage.
    @Test func malformedDocumentsGiveErrorRecords() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("dump.json")
        let generated = try Fixture.run("/usr/bin/env", ["python3", Self.generator.path, "--out", source.path, "--size", "200KB", "--seed", "5"])
        #expect(generated.status == 0, "generator: \(generated.stderr)")
        let whole = Array(try Data(contentsOf: source))
        let patterns = try PatternSet.load(paths: [])
        let scanner = DocumentScanner(patterns: patterns, options: ScanOptions(exampleLimit: 2))
        let full = scanner.scanDocuments(InputItem(location: .file(source.path)))
        let fullCounts = full.map(\.tally.counts).reduce(into: Array(repeating: 0, count: patterns.count)) { sum, counts in
            for index in counts.indices { sum[index] += counts[index] }
        }
        #expect(full.allSatisfy { $0.error == nil })

        for cut in stride(from: 1, to: whole.count, by: max(1, whole.count / 97)) {
            let url = try Fixture.write(Array(whole[0..<cut]), to: directory.appendingPathComponent("cut.json"))
            let results = scanner.scanDocuments(InputItem(location: .file(url.path)))
            let errors = results.compactMap(\.error)
            if TestGridDetector.detect(Array(whole[0..<min(cut, TestGridDetector.prefixBytes)])) == nil {
                #expect(results.count == 1 && results[0].testGrid == nil, "too short to recognise: plain text")
                continue
            }
            #expect(errors.count == 1 && errors.first?.kind == .malformedJSON, "cut at \(cut): \(errors)")
            #expect(results.last?.error != nil, "the error is on the last record")
            for index in 0..<patterns.count {
                #expect(results.map { $0.tally.counts[index] }.reduce(0, +) <= fullCounts[index])
            }
        }

        let cases: [(String, InputError.Kind)] = [
            (#"{"tests":[{"name":"a","statuses":[{"count":"1","value":12}]}]}"#, .invalidTestGrid),
            (#"{"tests":{"name":"a"}}"#, .invalidTestGrid),
            (#"{"tests":[{"name":5}]}"#, .invalidTestGrid),
            (#"{"tests":[{"name":"a","messages":[1]}]}"#, .invalidTestGrid),
            (#"{"timestamps":["x"],"tests":[]}"#, .invalidTestGrid),
            (#"{"d":{"t":{"tests":[{"name":"OOMKilled"}]}},"e":{"t":{"tests":[{"name":"x",}]}}}"#, .malformedJSON),
            (#"{"tests":[]} trailing"#, .malformedJSON),
            ("{\"tests\":[{\"name\":\"a\",\"x\":" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}]}", .malformedJSON),
            ("{\"tests\":[{\"name\":\"" + String(repeating: "n", count: 17 << 20) + "\"}]}", .malformedJSON),
        ]
        for (json, kind) in cases {
            let url = try Fixture.write(json, to: directory.appendingPathComponent("bad.json"))
            let results = scanner.scanDocuments(InputItem(location: .file(url.path)))
            #expect(results.last?.error?.kind == kind, "\(json.prefix(80)): \(results.map(\.error))")
        }
        // The tab before the broken one is complete and counted.
        let url = try Fixture.write(cases[5].0, to: directory.appendingPathComponent("bad.json"))
        let results = scanner.scanDocuments(InputItem(location: .file(url.path)))
        #expect(results.map(\.document) == ["d/t", "e/t"])
        #expect(results[0].error == nil && results[0].tally.counts.reduce(0, +) == 1)

        // A huge string in a field logscan skips costs nothing and is no error.
        let skipped = "{\"tests\":[{\"name\":\"a\",\"alert\":\"" + String(repeating: "z", count: 20 << 20) + "\"}]}"
        let skippedURL = try Fixture.write(skipped, to: directory.appendingPathComponent("skip.json"))
        let skippedResult = scanner.scanDocuments(InputItem(location: .file(skippedURL.path)))
        #expect(skippedResult.count == 1 && skippedResult[0].error == nil && skippedResult[0].testGrid?.tests == 1)
    }

    /// A truncated gzip'd dump keeps the inflater's error kind on the tab it cut.
    @Test func truncatedGzipDumpKeepsItsKind() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("dump.json.gz")
        let generated = try Fixture.run("/usr/bin/env", ["python3", Self.generator.path, "--out", url.path, "--size", "1MB", "--seed", "9"])
        #expect(generated.status == 0, "generator: \(generated.stderr)")
        let bytes = Array(try Data(contentsOf: url))
        let cut = try Fixture.write(Array(bytes[0..<(bytes.count * 2 / 3)]), to: directory.appendingPathComponent("cut.json.gz"))
        for inflater in [Inflater.isal, .zlib] {
            let results = DocumentScanner(patterns: try PatternSet.load(paths: []), options: ScanOptions(inflater: inflater))
                .scanDocuments(InputItem(location: .file(cut.path)))
            #expect(results.count > 1)
            #expect(results.last?.error?.kind == .truncatedGzip)
            #expect(results.dropLast().allSatisfy { $0.error == nil })
        }
    }
}
