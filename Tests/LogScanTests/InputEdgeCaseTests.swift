import Foundation
import Engine
import Input
import LogScan
import PatternSets
import Testing

/// Real-shaped inputs that break naive line readers, each checked against grep or a hand count.
@Suite struct InputEdgeCaseTests {
    /// Scans `bytes` with logscan and `grep -aPc` (CRs stripped for grep, as logscan strips them).
    func expectAgreesWithGrep(_ bytes: [UInt8], _ regexes: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try Fixture.write(bytes, to: directory.appendingPathComponent("in.log"))
        let oracleFile = try Fixture.write(Fixture.stripLineEndCRs(bytes), to: directory.appendingPathComponent("oracle.log"))
        let patterns = try Fixture.patternSet(regexes)
        let result = Fixture.scan(input, patterns, options: ScanOptions(keepANSI: true))
        #expect(result.error == nil, sourceLocation: sourceLocation)
        for (index, regex) in regexes.enumerated() {
            let expected = try Fixture.grepCount(regex, files: [oracleFile.path])[oracleFile.path] ?? -1
            #expect(result.tally.counts[index] == expected, "pattern \(regex)", sourceLocation: sourceLocation)
        }
    }

    @Test func emptyFileHasNoLinesAndNoError() throws {
        let result = try Fixture.scan([], ["", "x"])
        #expect(result.error == nil)
        #expect(result.tally.lines == 0)
        #expect(result.tally.bytes == 0)
        #expect(result.tally.counts == [0, 0])
    }

    @Test func lastLineWithoutNewlineCounts() throws {
        let result = try Fixture.scan(Array("one\ntwo FAIL\nthree FAIL".utf8), ["FAIL$", "^three"])
        #expect(result.tally.lines == 3)
        #expect(result.tally.counts == [2, 1])
        try expectAgreesWithGrep(Array("one\ntwo FAIL\nthree FAIL".utf8), ["FAIL$", "^three", "e$"])
    }

    @Test func crlfLineEndsAreNotPartOfTheLine() throws {
        let text = Array("alpha FAIL\r\nbeta\r\nFAIL\r\ngamma\rFAIL\r".utf8)
        let result = try Fixture.scan(text, ["FAIL$", "^FAIL$", "\\r"])
        #expect(result.tally.lines == 4)
        // "gamma\rFAIL" keeps its inner CR; only line-ending CRs go.
        #expect(result.tally.counts == [3, 1, 1])
        try expectAgreesWithGrep(text, ["FAIL$", "^FAIL$", "\\r", "a$"])
    }

    @Test func invalidUTF8NeitherStopsNorMatchesAcross() throws {
        let text: [UInt8] = Array("ok caf".utf8) + [0xC3, 0xA9] + Array(" FAIL\nbad ".utf8) + [0xFF, 0xFE, 0xC3]
            + Array(" FAIL here\n".utf8) + [0xE2, 0x82] + Array("end FAIL\n".utf8)
        let result = try Fixture.scan(text, ["FAIL", "^.{4} FAIL", "é", "\\w+ FAIL"])
        #expect(result.error == nil)
        #expect(result.tally.lines == 3)
        #expect(result.tally.counts[0] == 3)
        try expectAgreesWithGrep(text, ["FAIL", "^.{4} FAIL", "é", "\\w+ FAIL", "bad .", "^.{3}end"])
    }

    @Test func nulBytesAreOrdinaryBytes() throws {
        let text: [UInt8] = Array("a\u{0}b FAIL\n".utf8) + [0, 0, 0, 0x0A] + Array("FAIL\u{0}\n".utf8)
        let result = try Fixture.scan(text, ["FAIL", "\\x00", "^\\x00+$"])
        #expect(result.tally.lines == 3)
        #expect(result.tally.counts == [2, 3, 1])
        try expectAgreesWithGrep(text, ["FAIL", "\\x00", "^\\x00+$", "b FAIL$"])
    }

    @Test func patternMatchingTheEmptyStringCountsEveryLine() throws {
        let text = Array("a\n\n\nb\nlast".utf8)
        let result = try Fixture.scan(text, ["", "x*", "^$"])
        #expect(result.tally.lines == 5)
        #expect(result.tally.counts == [5, 5, 2])
        try expectAgreesWithGrep(text, ["", "x*", "^$", "(?=b)|^a"])
    }

    @Test func sixtyFourMebibyteLine() throws {
        var text = [UInt8](repeating: UInt8(ascii: "x"), count: 64 << 20)
        text.replaceSubrange(0..<5, with: Array("START".utf8))
        text += Array(" NEEDLE\nshort NEEDLE\n".utf8)
        let result = try Fixture.scan(text, ["NEEDLE$", "^START", "x{1000}"])
        #expect(result.error == nil)
        #expect(result.tally.lines == 2)
        #expect(result.tally.bytes == text.count)
        #expect(result.tally.counts == [2, 1, 1])
    }

    /// A line longer than `maxLineBytes` (1 MiB here, 8 MiB of it) is matched by its first MiB,
    /// read past to its end, counted once, and reported under `longLines`; the buffer never grows
    /// beyond the limit, and the lines after it are numbered and matched as usual.
    @Test func linesOverTheLimitAreCutAndCounted() throws {
        var text = Array("before NEEDLE\n".utf8)
        var long = [UInt8](repeating: UInt8(ascii: "y"), count: 8 << 20)
        long.replaceSubrange(0..<5, with: Array("START".utf8))
        long.replaceSubrange((long.count - 6)..<long.count, with: Array("NEEDLE".utf8))
        text += long + Array("\nafter NEEDLE\nSTART again\n".utf8)
        let options = ScanOptions(exampleLimit: 5, bufferCapacity: 64 << 10, maxLineBytes: 1 << 20)
        let result = try Fixture.scan(text, ["NEEDLE", "^START"], options: options)
        #expect(result.error == nil)
        #expect(result.tally.lines == 4)
        #expect(result.tally.longLines == 1)
        #expect(result.tally.bytes == text.count)
        #expect(result.tally.counts == [2, 2], "NEEDLE at the end of the long line is past the limit; START at its head is not")
        #expect(result.tally.examples[0].map(\.line) == [1, 3])
        #expect(result.tally.examples[1].map(\.line) == [2, 4])
    }

    @Test func catastrophicPatternFinishesAndReportsLimitHits() throws {
        // (a+)+$ on "aaaa…ab" backtracks exponentially; the match limit must stop it per line.
        let line = String(repeating: "a", count: 5_000) + "b"
        let text = Array((line + "\n" + "aaa\n" + line + "\n").utf8)
        let options = ScanOptions(limits: MatchLimits(matchLimit: 100_000))
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try Fixture.write(text, to: directory.appendingPathComponent("in.log"))
        let reference = Fixture.scan(url, try Fixture.patternSet(["(a+)+$", "b$"], engine: .pcre2), options: options)
        #expect(reference.error == nil)
        #expect(reference.tally.counts == [1, 2])
        #expect(reference.tally.limitHits == [2, 0])
        // Under auto, Vectorscan proves the long lines cannot match, so PCRE2 never gives up on them.
        let auto = Fixture.scan(url, try Fixture.patternSet(["(a+)+$", "b$"], engine: .auto), options: options)
        #expect(auto.tally.counts == [1, 2])
        #expect(auto.tally.limitHits == [0, 0])
    }

    @Test func examplesCarryOneBasedLineNumbersAndCutText() throws {
        let long = String(repeating: "y", count: 3000)
        let text = Array("x\nFAIL one\nz\n\u{1B}[31mFAIL\u{1B}[0m two \(long)\nFAIL three\n".utf8)
        let result = try Fixture.scan(text, ["FAIL"], options: ScanOptions(exampleLimit: 2))
        let examples = result.tally.examples[0]
        #expect(examples.map(\.line) == [2, 4])
        #expect(examples[0].text == Array("FAIL one".utf8))
        #expect(examples[1].text.count == DocumentTally.exampleTextLimit)
        #expect(examples[1].text.starts(with: Array("FAIL two".utf8)))
        #expect(result.tally.counts == [3])
    }

    @Test func unreadableFileGetsAnErrorRecord() throws {
        // /proc/self/mem opens but fails to read at offset 0 (EIO), even for root.
        let result = Fixture.scan(URL(fileURLWithPath: "/proc/self/mem"), try Fixture.patternSet(["x"]))
        #expect(result.error?.kind == .unreadable)
        #expect(result.error?.message.contains("read failed") == true)
        if getuid() != 0 {
            let directory = try Fixture.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = try Fixture.write("secret\n", to: directory.appendingPathComponent("locked.log"))
            chmod(file.path, 0)
            let locked = Fixture.scan(file, try Fixture.patternSet(["x"]))
            #expect(locked.error?.kind == .unreadable)
        }
    }

    @Test func missingFileAndDirectoryAsFile() throws {
        let patterns = try Fixture.patternSet(["x"])
        let missing = Fixture.scan(URL(fileURLWithPath: "/nonexistent/logscan/file.log"), patterns)
        #expect(missing.error?.kind == .notFound)
        let directory = Fixture.scan(URL(fileURLWithPath: "/tmp"), patterns)
        #expect(directory.error?.kind == .notAFile)
    }
}
