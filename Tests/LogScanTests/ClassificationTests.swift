import Foundation
@testable import Engine
@testable import Input
@testable import LogScan
@testable import PatternSets
import Testing

/// `--classify`: the highest-precedence pattern with a match wins, at its last matching line, with
/// PyTorch's capture convention; the same under both engines and whatever the chunking.
@Suite struct ClassificationTests {
    static func classify(_ text: String, _ regexes: [String], ranks: [Int]? = nil, engine: MatchEngine = .auto,
                         bufferCapacity: Int = 256 * 1024, stripTimestamps: Bool = false, skip: [String] = []) throws -> Classification? {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try Fixture.write(text, to: directory.appendingPathComponent("job.log"))
        let patterns = try Fixture.patternSet(regexes, engine: engine)
        let rules = try ClassificationRules(ranks: ranks ?? Array(regexes.indices), skipLines: skip)
        let options = ScanOptions(bufferCapacity: bufferCapacity, classification: rules,
                                  stripTimestamps: stripTimestamps)
        return DocumentScanner(patterns: patterns, options: options).scan(InputItem(location: .file(url.path))).tally.classification
    }

    @Test(arguments: [MatchEngine.auto, .pcre2])
    func highestPrecedenceWinsAtItsLastLine(_ engine: MatchEngine) throws {
        let log = "ok\nerror: first (1)\nFAILED test_a\nerror: second (2)\nFAILED test_b\ndone\n"
        let result = try #require(try Self.classify(log, [#"error: (\w+) \((\d)\)"#, #"FAILED (\w+)"#], engine: engine))
        #expect(result.pattern == 0 && result.line == 4)
        #expect(result.text == Array("error: second (2)".utf8))
        #expect(result.captures == [Array("second".utf8), Array("2".utf8)])
        // Precedence reversed: the FAILED rule wins, at its own last line.
        let reversed = try #require(try Self.classify(log, [#"error: (\w+) \((\d)\)"#, #"FAILED (\w+)"#], ranks: [1, 0], engine: engine))
        #expect(reversed.pattern == 1 && reversed.line == 5 && reversed.captures == [Array("test_b".utf8)])
        #expect(try Self.classify("nothing here\n", ["FAILED"], engine: engine) == nil)
    }

    @Test func skippedLinesNeverWin() throws {
        let log = "##[error]received SIGINT\n##[error]Process completed with exit code 1.\nnoise\n"
        let plain = try #require(try Self.classify(log, [#"^##\[error\](.*)"#]))
        #expect(plain.line == 2)
        let skipped = try #require(try Self.classify(log, [#"^##\[error\](.*)"#], skip: [#"Process completed with exit code \d+"#]))
        #expect(skipped.line == 1 && skipped.captures == [Array("received SIGINT".utf8)])
        #expect(throws: PatternSetError.self) { try ClassificationRules(ranks: [0], skipLines: ["(unclosed"]) }
    }

    @Test func capturesFollowPyTorchsConvention() throws {
        // No groups: the whole match. Groups that did not take part: left out.
        let whole = try #require(try Self.classify("xx FAILED: abc yy\n", [#"FAILED: \w+"#]))
        #expect(whole.captures == [Array("FAILED: abc".utf8)])
        let partial = try #require(try Self.classify("code 7\n", [#"(?:name (\w+)|code (\d+))"#]))
        #expect(partial.captures == [Array("7".utf8)])
    }

    /// The winner is found across chunks: a 4 KiB buffer cuts this log into many.
    @Test(arguments: [MatchEngine.auto, .pcre2])
    func winnerSurvivesChunking(_ engine: MatchEngine) throws {
        var log = ""
        for index in 0..<3000 {
            log += "line \(index) padding padding padding\n"
            if index == 100 { log += "fatal: early (100)\n" }
            if index == 1500 { log += "warning: middle\n" }
            if index == 2900 { log += "warning: late\n" }
        }
        let regexes = [#"fatal: (\w+)"#, #"warning: (\w+)"#]
        let small = try #require(try Self.classify(log, regexes, engine: engine, bufferCapacity: 4096))
        let large = try #require(try Self.classify(log, regexes, engine: engine))
        #expect(small == large)
        #expect(small.pattern == 0 && small.line == 102 && small.captures == [Array("early".utf8)])
        let warnings = try #require(try Self.classify(log, regexes, ranks: [1, 0], engine: engine, bufferCapacity: 4096))
        #expect(warnings.captures == [Array("late".utf8)] && warnings.line == 2904)
    }

    @Test func timestampsAreStrippedBeforeMatching() throws {
        let log = "2024-07-08T16:59:08.1747875Z ##[group]Run tests\n2024-07-08T16:59:09.0000000Z FAILED test_x\n2024-07-08T16:59:09Z Error: y\nno stamp\n"
        #expect(try Self.classify(log, ["^FAILED (\\w+)"]) == nil)
        let stripped = try #require(try Self.classify(log, ["^FAILED (\\w+)", "^Error: (\\w)"], stripTimestamps: true))
        #expect(stripped.pattern == 0 && stripped.line == 2 && stripped.text == Array("FAILED test_x".utf8))

        for (line, expected) in [("2024-07-08T16:59:08.1747875Z x", "x"), ("2024-07-08T16:59:08Z x", "x"),
                                 ("2024-07-08T16:59:08.Z x", "2024-07-08T16:59:08.Z x"), ("2024-07-08 16:59:08Z x", "2024-07-08 16:59:08Z x"),
                                 ("2024-07-08T16:59:08.1Zx", "2024-07-08T16:59:08.1Zx"), ("x 2024-07-08T16:59:08Z y", "x 2024-07-08T16:59:08Z y")] {
            var bytes = Array((line + "\n" + line).utf8)
            let length = bytes.withUnsafeMutableBufferPointer { TimestampPrefix.strip($0.baseAddress!, count: $0.count) }
            #expect(Array(bytes[0..<length]) == Array((expected + "\n" + expected).utf8), "\(line)")
        }
    }

    /// PyTorch's classifier drops these CI-wrapper lines before matching (its `IGNORE_LINE_REGEXES`,
    /// code rather than ruleset); `--classify-skip` takes them.
    static let pytorchSkipLines = [
        #"^##\[error\]Process completed with exit code \d+\.?$"#, #"\[OSDC\] Step script exited"#,
        #"^##\[error\]Executing the custom container implementation failed"#,
        #"^##\[error\]TypeError: Cannot read properties of null \(reading 'jobPod'\)"#,
        #"\[OSDC\] Step cancelled by GitHub Actions"#,
    ]

    /// The upstream fixtures mark captures on the raw line, so colour codes inside a capture's
    /// span show in `expected_matches.tsv`; logscan captures from the cleaned line.
    static func withoutANSI(_ text: String) -> String {
        var bytes = Array(text.utf8)
        let length = bytes.withUnsafeMutableBufferPointer { TextCleaner.clean($0.baseAddress!, count: $0.count, stripANSI: true) }
        return String(decoding: bytes[0..<length], as: UTF8.self)
    }

    /// The PyTorch ruleset classifies PyTorch's own test logs as `expected_matches.tsv` says: the
    /// same line and captures for 41 of 41 with its skip lines, 40 of 41 without (the miss is a
    /// skipped boilerplate line that wins otherwise).
    @Test(arguments: [MatchEngine.auto, .pcre2])
    func pytorchRulesetAgreesWithItsFixtures(_ engine: MatchEngine) throws {
        let directory = Fixture.realdata.appendingPathComponent("logs/pytorch-test-infra/classify-clean")
        let ruleset = Fixture.realdata.appendingPathComponent("patterns/pytorch-log-classifier.ruleset.toml")
        let expectedURL = directory.appendingPathComponent("expected_matches.tsv")
        guard FileManager.default.fileExists(atPath: expectedURL.path), FileManager.default.fileExists(atPath: ruleset.path) else {
            print("skipped: \(directory.path) or the ruleset is absent (shared realdata not on this machine)")
            return
        }
        let patterns = try PatternSet.load(paths: [ruleset.path], engine: engine)
        #expect(patterns.linePreparation.stripTimestamps == true, "a PyTorch ruleset strips timestamps, as PyTorch does")
        let rows = try String(contentsOf: expectedURL, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 41)
        var misses: [String: [String]] = [:]
        for skip in [true, false] {
            let rules = try ClassificationRules(ranks: patterns.classificationRanks(fileOrderOnly: false),
                                                skipLines: skip ? Self.pytorchSkipLines : [])
            let scanner = DocumentScanner(patterns: patterns, options: ScanOptions(classification: rules,
                                                                                       stripTimestamps: patterns.linePreparation.stripTimestamps!))
            for row in rows {
                let file = directory.appendingPathComponent(row[0])
                let result = scanner.scan(InputItem(location: .file(file.path))).tally.classification
                let captures = result.map { $0.captures.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " || ") }
                if result?.line != Int(row[2]) || captures != Self.withoutANSI(row[3]) {
                    misses[skip ? "skip" : "plain", default: []].append(row[0])
                }
            }
        }
        #expect(misses["skip"] == nil, "with the skip lines: \(misses["skip"] ?? [])")
        #expect(misses["plain"] == ["gha_catchall_sigint.txt"], "without: \(misses["plain"] ?? [])")
        print("PyTorch ruleset (\(engine)): 41/41 with skip lines, \(41 - (misses["plain"]?.count ?? 0))/41 without")
    }
}
