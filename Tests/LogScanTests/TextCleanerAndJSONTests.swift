import Foundation
import Engine
import Input
import LogScan
import PatternSets
import Testing

@Suite struct ANSIStrippingTests {
    @Test func colourCodesAreRemovedBeforeMatching() throws {
        let text = Array("\u{1B}[31;1mFAIL\u{1B}[0m: TestX\n\u{1B}[36m##[error]\u{1B}[0mboom\nplain FAIL\n".utf8)
        let stripped = try Fixture.scan(text, ["^FAIL: TestX$", "^##\\[error\\]boom$", "FAIL"])
        #expect(stripped.tally.counts == [1, 1, 2])
        let kept = try Fixture.scan(text, ["^FAIL: TestX$", "^##\\[error\\]boom$", "FAIL"], options: ScanOptions(keepANSI: true))
        #expect(kept.tally.counts == [0, 0, 2])
    }

    @Test func otherEscapeFormsAreRemovedAndBrokenOnesKept() throws {
        // OSC hyperlink (BEL and ST terminated), charset selection, keypad mode, cursor save.
        let text = Array(("\u{1B}]8;;http://x\u{07}link\u{1B}]8;;\u{1B}\\ A\n"
            + "\u{1B}(BB\u{1B}=C\u{1B}7D\n"
            + "E\u{1B}[12\n"  // unterminated CSI at end of line: left as is
            + "F\u{1B}\n").utf8)
        let result = try Fixture.scan(text, ["^link A$", "^BCD$", "^E\\x1b\\[12$", "^F\\x1b$"], options: ScanOptions(exampleLimit: 1))
        #expect(result.tally.counts == [1, 1, 1, 1])
        #expect(result.tally.lines == 4)
    }

    @Test func byteCountIsBeforeCleaning() throws {
        let text = Array("\u{1B}[31mred\u{1B}[0m\r\n".utf8)
        let result = try Fixture.scan(text, ["^red$"])
        #expect(result.tally.bytes == text.count)
        #expect(result.tally.counts == [1])
    }
}

@Suite struct JSONOutputTests {
    /// Runs a scan through the real sink into a pipe-less file and returns the lines.
    func records(for bytes: [UInt8], regexes: [String], examples: Int = 1) throws -> [[String: Any]] {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try Fixture.write(bytes, to: directory.appendingPathComponent("in\"quoted\".log"))
        let outPath = directory.appendingPathComponent("out.jsonl").path
        let patterns = try Fixture.patternSet(regexes)
        let options = ScanOptions(exampleLimit: examples)
        // The runner calls the emit closure serially, so the sink is never used concurrently.
        nonisolated(unsafe) let sink = JSONLinesSink(output: try OutputChannel.file(outPath), patterns: patterns)
        sink.begin(version: "test", options: options)
        let runner = ScanRunner(patterns: patterns, options: options)
        let summary = runner.run([InputItem(location: .file(input.path))]) { sink.record($0) }
        sink.finish(summary)
        let data = try Data(contentsOf: URL(fileURLWithPath: outPath))
        return try data.split(separator: 0x0A).map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        }
    }

    @Test func invalidUTF8AndControlCharactersStayValidJSON() throws {
        let line: [UInt8] = Array("FAIL \"q\" \\ \t".utf8) + [0x01, 0xFF, 0xC3, 0x28, 0xE2, 0x82, 0xAC] + Array(" é\n".utf8)
        let lines = try records(for: line, regexes: ["FAIL"])
        #expect(lines.count == 3)
        let record = lines[1]
        #expect((record["path"] as? String)?.hasSuffix("in\"quoted\".log") == true)
        let examples = try #require(record["examples"] as? [String: [[String: Any]]])
        let text = try #require(examples["p0"]?.first?["text"] as? String)
        #expect(text == "FAIL \"q\" \\ \t\u{01}\u{FFFD}\u{FFFD}(€ é")
    }

    @Test func headerRecordAndSummaryAgree() throws {
        let lines = try records(for: Array("a FAIL\nb\nFAIL again\n".utf8), regexes: ["FAIL", "zzz"], examples: 0)
        #expect(lines[0]["type"] as? String == "header")
        #expect(lines[0]["schema"] as? Int == 1)
        #expect((lines[0]["pattern_set"] as? String)?.hasPrefix("sha256:") == true)
        #expect((lines[0]["patterns"] as? [[String: Any]])?.map { $0["id"] as? String } == ["p0", "p1"])
        #expect(lines[1]["type"] as? String == "file")
        #expect(lines[1]["counts"] as? [String: Int] == ["p0": 2])
        #expect(lines[1]["lines"] as? Int == 3)
        #expect(lines[1]["examples"] == nil)
        let summary = lines[2]
        #expect(summary["type"] as? String == "summary")
        #expect(summary["files"] as? Int == 1)
        #expect(summary["errors"] as? Int == 0)
        #expect(summary["interrupted"] as? Bool == false)
        #expect((summary["totals"] as? [String: [String: Int]])?["p0"] == ["lines": 2, "files": 1])
        #expect(summary["elapsed_s"] is Double || summary["elapsed_s"] is Int)
    }
}
