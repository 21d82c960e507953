import Foundation
import Input
import LogScan
import Testing

/// Templates, baselines and the line reader of `logscan novel`.
@Suite struct NoveltyTests {
    static func template(_ line: String, disabled: Set<MaskRule> = []) -> String {
        let templater = LineTemplater(disabled: disabled)
        Array(line.utf8).withUnsafeBytes { _ = templater.template($0) }
        return templater.outputText
    }

    @Test func masksHideWhatVariesAndKeepWhatSays() {
        #expect(Self.template("2024-07-08T16:59:08.1747875Z Pulling image nginx:1.25 took 1523ms") == "Pulling image nginx:<n> took <n>ms")
        #expect(Self.template("pod web-7d9c8b6f5-x2k4q failed at 10.0.3.17:8080 (id 3f2a9c1e-7d4b-4a5e-9f0a-1b2c3d4e5f60)")
            == "pod web-<hex>-<id> failed at <ip> (id <uuid>)")
        #expect(Self.template("[2024-07-08 16:59:08,123] ERROR open /tmp/go-build1234/b001/x.go: no such file")
            == "[<ts>] ERROR open <tmp>: no such file")
        #expect(Self.template("Downloaded from central: https://repo.maven.apache.org/maven2/org/x/1.2/x-1.2.pom (3.4 kB at 12 kB/s)")
            == "Downloaded from central: <url> (<n> kB at <n> kB/s)")
        #expect(Self.template("commit 0373f75f70f4028de54f9d568af1b434850a11c3 at 16:59:08 on 2024-07-08") == "commit <hex> at <time> on <date>")
        #expect(Self.template("[INFO] ------------------------------------------------") == "[INFO] ---")
        #expect(Self.template("Tests   run:  5,\tFailures: 0  ") == "Tests run: <n>, Failures: <n>")
        #expect(Self.template("0x7ffd1234 and v1 and sha256") == "<hex> and v<n> and <id>")
    }

    @Test func whatATerminalShowsAndRunnerPrefixes() {
        // A progress line: only the text after the last carriage return counts.
        #expect(Self.template("Progress (1): 4.1 kB\rProgress (1): 8.2 kB\r                 \rDownloaded x.jar\r") == "Downloaded x.jar")
        #expect(Self.template("\u{1B}[31;1mError:\u{1B}[0m build failed \u{1B}]8;;http://x\u{07}link\u{1B}]8;;\u{07}") == "Error: build failed link")
        #expect(Self.template("\u{1B}_bk;t=1700000000123\u{07}--- :docker: Build") == "--- :docker: Build")
        #expect(Self.template("_bk;t=1700000000123\u{07}step") == "step")
        #expect(Self.template("build\tRun tests\t2021-12-01T13:01:04.3785538Z > Task :test FAILED") == "> Task :test FAILED")
        #expect(Self.template("2021-12-01T13:01:04.3785538Z ##[group]Run actions/checkout@v4") == "Run actions/checkout@v<n>")
        #expect(Self.template("[Pipeline] sh") == "sh")
        // Kept with `--no-mask runner-prefix` (the timestamp is then masked as any other).
        #expect(Self.template("2021-12-01T13:01:04.3785538Z ##[group]Run", disabled: [.runnerPrefix]) == "<ts> ##[group]Run")
        // Masks can be turned off one by one.
        #expect(Self.template("took 1523ms", disabled: [.number]) == "took 1523ms")
        #expect(Self.template("a  b", disabled: [.whitespace]) == "a  b")
    }

    @Test func baselineFilesRoundTripAndRefuseDamage() throws {
        let baseline = TemplateBaseline(unsorted: [5, 3, 9, 3, UInt64.max])
        #expect(baseline.count == 4 && baseline.contains(9) && !baseline.contains(4) && baseline.contains(.max))
        let bytes = baseline.bytes()
        #expect(bytes.count == TemplateBaseline.magic.count + 8 * 5)
        #expect(try TemplateBaseline.read(bytes, path: "b").hashes == baseline.hashes)
        #expect(throws: TemplateBaseline.Failure.self) { try TemplateBaseline.read(Array(bytes.dropLast(3)), path: "b") }
        var swapped = bytes
        swapped.swapAt(TemplateBaseline.magic.count + 8, TemplateBaseline.magic.count + 16)
        #expect(throws: TemplateBaseline.Failure.self) { try TemplateBaseline.read(swapped, path: "b") }
        var updated = baseline
        updated.formUnion([4, 5])
        #expect(updated.hashes == [3, 4, 5, 9, .max])
    }

    @Test func documentLinesAcrossBuffersLongLinesAndNoFinalNewline() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let long = String(repeating: "x", count: 300_000)
        let text = "a\r\n\nb\(long)\nlast"
        let plain = try Fixture.write(text, to: directory.appendingPathComponent("plain.log"))
        let gzipped = try Fixture.write(try Fixture.gzip(Array(text.utf8)), to: directory.appendingPathComponent("g.log.gz"))
        for url in [plain, gzipped] {
            var seen: [(Int, Int, UInt8?)] = []
            let totals = try DocumentLines.read(.file(url.path), inflater: .zlib, maxLineBytes: 4096) { number, line in
                seen.append((number, line.count, line.first))
            }
            #expect(seen.map(\.0) == [1, 2, 3, 4])
            #expect(seen.map(\.1) == [2, 0, 4096, 4])
            #expect(totals.lines == 4 && totals.longLines == 1 && totals.bytes == text.utf8.count)
        }
        let empty = try Fixture.write("", to: directory.appendingPathComponent("empty.log"))
        #expect(try DocumentLines.read(.file(empty.path), inflater: .zlib, maxLineBytes: 4096) { _, _ in }.lines == 0)
    }

    @Test func suggestedRegexesKeepTheFixedText() {
        #expect(PatternSuggester.regex(for: "Failed to pull image <url>: rpc error: code = <id> (after <n>s)")
            == #"Failed\s+to\s+pull\s+image\s+\S+:\s+rpc\s+error:\s+code\s+=\s+\w+\s+\(after\s+\d+(?:\.\d+)?s\)"#)
        #expect(PatternSuggester.regex(for: "[INFO] --- BUILD") == #"\[INFO\]\s+-{3,}\s+BUILD"#)
        #expect(PatternSuggester.regex(for: "x <job> y", custom: ["job"]) == #"x\s+.+?\s+y"#)
    }
}
