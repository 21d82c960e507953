import Foundation
@testable import Engine
@testable import Input
@testable import LogScan
@testable import PatternSets
import RegexSyntax
import Testing

/// Literal factors: every factor a regex requires, Vectorscan searching the primary one and the
/// others tested per line. They only spare PCRE2 lines it would reject, so counts must equal the
/// `pcre2` engine's whatever the order of the factors on a line, their case, or Vectorscan's
/// report order.
@Suite struct LiteralFactorTests {
    // Which factors a regex requires is tested with the reader, in RegexSyntaxTests; here, how the
    // scanner uses them.

    /// Patterns that share a primary literal (so their secondary factors are searched by
    /// Vectorscan), one with its own (tested by substring search), caseless ones (folded, and a
    /// `k` that PCRE2 also matches as U+212A), on lines with factors in every order.
    @Test func countsEqualPCRE2() throws {
        let regexes = [
            #"\bcontroller\b.*\bmismatch\b"#, #"\bcontroller\b.*\borphaned\b"#, #"\bcontroller\b.*\bstalled\b"#,
            #"\bcontroller\b.*\b(?:status|code)=50[34]\b"#, #"\bcontroller\b.*\bleaked\b"#,
            #"\bsingleton\b.*\bneedle\b"#, #"(?i)\bdoorman\b.*\bguard\b"#, #"(?i)\bwarden\b.*\bkeeper\b"#,
            #"\bqueue\b.*\b(?:status|code)[=: ]+(?:504|409)\b"#,
        ]
        let patterns = try Fixture.patternSet(regexes)
        for pattern in patterns.patterns {
            #expect(pattern.route.reason?.contains("on a line that also holds") == true, "\(pattern.id): \(pattern.strategy)")
        }
        let table = try #require(patterns.prefilter?.literals)
        #expect(table.factorTracked.contains(true) && table.factorTracked.contains(false), "both kinds of secondary factor")
        let lines = [
            "controller saw a mismatch", "mismatch seen by controller", "controller ok", "mismatch only",
            "controller orphaned stalled leaked mismatch", "the controller: code=503", "controller code=505",
            "controllers mismatch", "singleton found the needle", "needle before singleton", "singleton alone",
            "DOORMAN and Guard", "guard then doorman", "Doorman only", "WARDEN met the KEEPER", "warden met the \u{212A}eeper",
            "queue reported status: 504", "status 409 for queue", "queue status=200", "controller\nmismatch",
            "controller mismatch \u{FF} invalid UTF-8 follows", "",
        ]
        var text = Data(lines.joined(separator: "\n").utf8)
        text.append(contentsOf: [0x0A, 0xFF, 0xFE, 0x20] + Array("controller orphaned\r\n".utf8))
        // Repeat so lines fall at every place in a chunk, across chunk boundaries too.
        var body = Data()
        for copy in 0..<300 {
            body.append(contentsOf: Array(repeating: UInt8(ascii: "x"), count: copy % 17))
            body.append(text)
            body.append(0x0A)
        }
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("factors.log")
        try body.write(to: file)
        let hits = try EngineDifferentialTests.compareEngines([file], definitions: patterns.patterns.map(\.definition), examples: 3)
        #expect(hits == regexes.count, "every pattern matched somewhere")
    }

    /// Vectorscan delivers reports in offset order, but the matcher must not depend on it: reports
    /// given in reverse give the same candidate lines.
    @Test func reportsInAnyOrderGiveTheSameLines() {
        let text = Array("x beta alpha\nalpha alone\nbeta\nalpha and beta\n".utf8)
        func literal(_ string: String) -> [UInt8] { Array(string.utf8) }
        for shared in [1, LiteralFactorTable.sharedPrimary] {
            var requests: [Int: LiteralFactorTable.Request] = [:]
            for pattern in 0..<shared {
                requests[pattern] = .init(primary: [literal("alpha")], secondary: [[literal("beta")]], caseless: false)
            }
            let table = LiteralFactorTable(patternCount: shared, requests: requests)
            #expect(table.factorTracked == [shared >= LiteralFactorTable.sharedPrimary])
            var reports: [(id: Int, end: Int)] = []
            for (index, expression) in table.expressions.enumerated() {
                let word = expression == "alpha" ? literal("alpha") : literal("beta")
                var start = 0
                while start + word.count <= text.count {
                    if Array(text[start..<start + word.count]) == word { reports.append((table.firstID + index, start + word.count)) }
                    start += 1
                }
            }
            for order in [reports.sorted { $0.end < $1.end }, reports.sorted { $0.end > $1.end }] {
                let matcher = LiteralFactorMatcher(table)
                for report in order { matcher.record(id: report.id, end: report.end) }
                var found: [String] = []
                text.withUnsafeBufferPointer { bytes in
                    matcher.resolve(bytes.baseAddress!, segmentStart: 0, length: bytes.count, origin: 0) { pattern, start, end in
                        found.append("\(pattern):" + String(decoding: bytes[start..<end], as: UTF8.self))
                    }
                }
                let expected = (0..<shared).flatMap { ["\($0):x beta alpha"] } + (0..<shared).flatMap { ["\($0):alpha and beta"] }
                #expect(found.sorted() == expected.sorted(), "shared \(shared)")
            }
        }
    }
}
