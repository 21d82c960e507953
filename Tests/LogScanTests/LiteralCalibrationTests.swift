import Foundation
@testable import Engine
@testable import Input
@testable import LogScan
@testable import PatternSets
import Testing

/// A large set picks the factor Vectorscan searches by its occurrences in a sample of the inputs
/// (`LiteralCalibration`); the choice must change speed only, never what is counted.
@Suite struct LiteralCalibrationTests {
    /// Enough filler patterns to make the set large, each with a literal of its own.
    static func largeSet(_ regexes: [String]) -> [String] {
        regexes + (0..<RoutePlanner.largeSetSize).map { #"\bfiller\#($0)word\b"# }
    }

    @Test func rarestFactorBecomesThePrimaryAndCountsStay() throws {
        let regexes = Self.largeSet([
            #"\bcontroller\b.*\bmismatch\b"#,  // 'controller' is longer, but common in the sample
            #"(?i)\bcontroller\b.*\bstalled\b"#,  // caseless: counted caselessly
            #"\bsingleton\b.*\bneedle\b"#,  // neither in the sample: the longer stays primary
            #"\bqueue\b.*\b(?:status|code)=50[34]\b"#,  // 'status=503' or … 'code=504', counted as one factor
        ])
        var sampleLines = [String]()
        for number in 0..<2_000 {
            sampleLines.append("I0102 controller \(number) synced, status=503 code=504")
            sampleLines.append("CONTROLLER restarted")
        }
        let sample = CalibrationSample(text: Array((sampleLines.joined(separator: "\n") + "\n").utf8))
        let definitions = regexes.enumerated().map { index, regex in
            PatternDefinition(id: "p\(index)", regex: regex, location: SourceLocation(file: "test", line: index + 1))
        }
        let calibrated = try PatternSet(definitions: definitions, sources: ["test"], sample: { sample })
        let plain = try PatternSet(definitions: definitions, sources: ["test"])
        #expect(plain.patterns[0].route.reason?.hasPrefix("Vectorscan looks only for 'controller'") == true, "\(plain.patterns[0].strategy)")
        #expect(calibrated.patterns[0].route.reason?.hasPrefix("Vectorscan looks only for 'mismatch', on a line that also holds 'controller'") == true,
                "\(calibrated.patterns[0].strategy)")
        #expect(calibrated.patterns[0].route.reason?.contains("the rarest of its factors") == true)
        #expect(calibrated.patterns[1].route.reason?.hasPrefix("Vectorscan looks only for 'stalled'") == true, "\(calibrated.patterns[1].strategy)")
        #expect(calibrated.patterns[2].route.reason == plain.patterns[2].route.reason, "no information: the lengths decide")
        #expect(plain.patterns[3].route.reason?.hasPrefix("Vectorscan looks only for 'status=503' or 'status=504' or 'code=503' or 'code=504'") == true,
                "\(plain.patterns[3].strategy)")
        #expect(calibrated.patterns[3].route.reason?.hasPrefix("Vectorscan looks only for 'queue'") == true, "\(calibrated.patterns[3].strategy)")
        // A rare primary: its secondary factors are tested on its few lines, not searched.
        let table = try #require(calibrated.prefilter?.literals)
        #expect(!table.factorTracked.contains(true))
        // Too small a sample says nothing: the set is built as without one.
        let tiny = CalibrationSample(text: Array(sample.text.prefix(LiteralCalibration.minimumSampleBytes / 2)))
        let uninformed = try PatternSet(definitions: definitions, sources: ["test"], sample: { tiny })
        #expect(uninformed.patterns.map(\.route.reason) == plain.patterns.map(\.route.reason))

        let lines = [
            "controller saw a mismatch", "mismatch seen by controller", "controller ok", "mismatch only", "controllers mismatch",
            "Controller STALLED", "stalled, said the CONTROLLER", "stalled alone", "controller\nstalled",
            "singleton found the needle", "needle before singleton", "singleton alone",
            "queue code=503", "status=504 from queue", "queue status=505", "=503 alone",
            "controller mismatch \u{FF} invalid UTF-8 follows", "",
        ]
        let hits = try Self.compareWithAndWithout(sample, definitions, lines: lines, copies: 200, pad: (UInt8(ascii: "x"), 13), examples: 3)
        #expect(hits == 4, "each of the four patterns matched")
    }

    /// With a sample, a pattern whose literals are too short for a literal route by length takes
    /// one when the sample shows its rarest factor to be rare, and a secondary factor is searched
    /// by Vectorscan only when that costs fewer reports than the tests it spares.
    @Test func shortRareLiteralsAndTrackingFollowTheSample() throws {
        let words = (0..<8).map { "alpha\($0)x" }
        let regexes = Self.largeSet([
            #"\bDEP[-_]\d{4}\b"#,  // 'DEP-' or 'DEP_': short, and absent from the sample
            #"\bsync\b.*\bleak\b"#,  // 9 bytes of factors; 'leak' absent
            #"\bnode\b.*\bsync\b"#,  // both common: stays a full regex
        ] + words.map { #"\b\#($0)\b.*\bsharedword\b"# }  // eight primaries lead to one secondary
          + [#"=== RUN\s+TestCase\w*"#, #"=== RUN\s+TestCase\w+"#, #"=== RUN\s+TestCase\d*"#, #"=== RUN\s+TestCase\S*"#])
        // (Four patterns share the primary 'TestCase': by sharing alone, '=== RUN' would be searched.)
        var sampleLines = [String]()
        for number in 0..<1_500 {
            sampleLines.append("I0102 node \(number) sync done; \(words[number % 8]) seen")
            if number % 5 == 0 { sampleLines.append("sharedword here") }
            sampleLines.append("=== RUN   TestOther\(number)")
            if number % 50 == 0 { sampleLines.append("=== RUN   TestCase\(number % 4)") }
        }
        let sample = CalibrationSample(text: Array((sampleLines.joined(separator: "\n") + "\n").utf8))
        #expect(sample.text.count >= LiteralCalibration.minimumSampleBytes)
        let definitions = regexes.enumerated().map { index, regex in
            PatternDefinition(id: "p\(index)", regex: regex, location: SourceLocation(file: "test", line: index + 1))
        }
        let plain = try PatternSet(definitions: definitions, sources: ["test"])
        let calibrated = try PatternSet(definitions: definitions, sources: ["test"], sample: { sample })
        for index in 0..<3 { #expect(plain.patterns[index].route.reason?.contains("Vectorscan looks only for") != true, "\(plain.patterns[index].strategy)") }
        #expect(calibrated.patterns[0].route.reason?.hasPrefix("Vectorscan looks only for 'DEP-' or 'DEP_'") == true, "\(calibrated.patterns[0].strategy)")
        #expect(calibrated.patterns[0].route.reason?.contains("its literals are short, but the rarest is rare") == true)
        #expect(calibrated.patterns[1].route.reason?.hasPrefix("Vectorscan looks only for 'leak', on a line that also holds 'sync'") == true,
                "\(calibrated.patterns[1].strategy)")
        #expect(calibrated.patterns[2].route.reason?.contains("Vectorscan looks only for") != true, "\(calibrated.patterns[2].strategy)")

        let table = try #require(calibrated.prefilter?.literals)
        func tracked(_ literal: String) -> Bool? {
            for factor in 0..<table.factorCount {
                let first = Int(table.literalByteStart[Int(table.factorLiteralStart[factor])])
                let last = Int(table.literalByteStart[Int(table.factorLiteralStart[factor + 1])])
                if Array(table.literalBytes[first..<last]) == Array(literal.utf8) { return table.factorTracked[factor] }
            }
            return nil
        }
        #expect(tracked("sharedword") == true, "300 reports spare 8 x 190 tests")
        #expect(tracked("=== RUN") == false, "1,530 reports would spare 30 tests")

        let lines = [
            "DEP-1234 failed", "DEP_12345", "xDEP-1234", "DEP-123", "sync leak", "leak sync", "sync: a leak!", "node sync",
            "alpha3x then sharedword", "sharedword alpha3x", "alpha3xx sharedword", "=== RUN   TestCase2", "=== RUN TestCase21",
            "TestCase3 === RUN", "=== RUN\tTestCase0Sub", "",
        ]
        let hits = try Self.compareWithAndWithout(sample, definitions, lines: lines, copies: 100, pad: (UInt8(ascii: " "), 7), examples: 2)
        #expect(hits >= 8, "the short, shared and go-test patterns matched")
    }

    /// Writes `lines` `copies` times, each copy after 0 to `pad.1 - 1` pad bytes (so matches fall at
    /// every alignment), and checks that `auto` with and without `sample` gives pcre2's JSONL;
    /// returns the (file, pattern) pairs that matched.
    static func compareWithAndWithout(_ sample: CalibrationSample, _ definitions: [PatternDefinition], lines: [String], copies: Int,
                                      pad: (UInt8, Int), examples: Int) throws -> Int {
        var body = Data()
        for copy in 0..<copies {
            body.append(contentsOf: Array(repeating: pad.0, count: copy % pad.1))
            body.append(contentsOf: Array(lines.joined(separator: "\n").utf8) + [0x0A])
        }
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("calibration.log")
        try body.write(to: file)
        return try EngineDifferentialTests.compareEngines([file], definitions: definitions, examples: examples, samples: [nil, sample])
    }

    /// The sample takes the heads of inputs spread over the list, whole lines, decompressed; it
    /// never reads a FIFO (whose bytes the scan would then miss) or a file it cannot open.
    @Test func sampleIsSpreadOverRegularFiles() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var items: [InputItem] = []
        for number in 0..<64 {
            let url = directory.appendingPathComponent(String(format: "log-%02d.txt", number))
            try Data(String(repeating: "line of log \(number)\n", count: 20_000).utf8).write(to: url)
            items.append(InputItem(location: .file(url.path)))
        }
        let gzipped = directory.appendingPathComponent("zipped.log")
        try Data("gzip'd line\n".utf8).write(to: gzipped)
        #expect(try Fixture.run("/bin/gzip", [gzipped.path]).status == 0)
        items.insert(InputItem(location: .file(gzipped.path + ".gz")), at: 0)
        let fifo = directory.appendingPathComponent("fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        items.insert(InputItem(location: .file(fifo.path)), at: 1)
        items.insert(InputItem(location: .file(directory.appendingPathComponent("missing").path)), at: 2)
        items.append(InputItem(location: .standardInput))

        let sample = CalibrationSample.read(items: items, totalBytes: 1 << 20)
        let text = String(decoding: sample.text, as: UTF8.self)
        #expect(sample.text.count <= 1 << 20 && sample.text.count > 900_000)
        #expect(sample.documents == CalibrationSample.maximumItems)
        #expect(text.hasPrefix("gzip'd line\n"), "decompressed: \(text.prefix(40))")
        #expect(text.contains("line of log 63\n"), "reaches the end of the list")
        #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("line of log ") || $0 == "gzip'd line" }, "whole lines")
    }
}
