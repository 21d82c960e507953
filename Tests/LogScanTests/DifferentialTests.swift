import Foundation
import Engine
import Input
import LogScan
import PatternSets
import Testing

/// logscan's per-file counts must equal GNU `grep -P -c` (PCRE2 too, one line at a time) for every
/// pattern of the curated set, on the committed corpus and on real CI logs.
@Suite(.serialized) struct DifferentialTests {
    struct Prepared {
        var originals: [String]
        /// Decompressed copies with line-ending CRs removed, in the same order, for grep.
        var copies: [String]
        var directory: URL
    }

    /// gzip -dcf decompresses (all members) or passes plain files through; then CRs before LF go.
    static func prepare(_ files: [URL]) throws -> Prepared {
        let directory = try Fixture.temporaryDirectory()
        var copies: [String] = []
        for (index, file) in files.enumerated() {
            let plain = try Fixture.run("/bin/sh", ["-c", "gzip -dcf -- \"$0\"", file.path])
            let copy = directory.appendingPathComponent("\(index).txt")
            try Fixture.write(Fixture.stripLineEndCRs(plain.stdout), to: copy)
            copies.append(copy.path)
        }
        return Prepared(originals: files.map(\.path), copies: copies, directory: directory)
    }

    static func logscanCounts(_ prepared: Prepared, _ patterns: PatternSet) -> [[Int]] {
        let runner = ScanRunner(patterns: patterns, options: ScanOptions(jobs: 2, keepANSI: true))
        let collected = ResultBox()
        _ = runner.run(prepared.originals.map { InputItem(location: .file($0)) }) { collected.append($0) }
        for result in collected.results { #expect(result.error == nil, "\(result.location): \(String(describing: result.error))") }
        return collected.results.map(\.tally.counts)
    }

    static func compareWithGrep(_ files: [URL], _ patterns: PatternSet) throws {
        try #require(!files.isEmpty)
        let prepared = try prepare(files)
        defer { try? FileManager.default.removeItem(at: prepared.directory) }
        let ours = logscanCounts(prepared, patterns)
        var mismatches: [String] = []
        for (index, pattern) in patterns.patterns.enumerated() {
            let oracle = try Fixture.grepCount(pattern.definition.regex, files: prepared.copies)
            for (fileIndex, copy) in prepared.copies.enumerated() where oracle[copy] != ours[fileIndex][index] {
                mismatches.append("\(pattern.id) on \(prepared.originals[fileIndex]): grep \(oracle[copy] ?? -1), logscan \(ours[fileIndex][index])")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20).joined(separator: "\n"))")
    }

    @Test func curatedSetOnCommittedCorpus() throws {
        let files = Fixture.files(under: Fixture.corpus)
        try #require(files.count >= 10, "corpus/ should hold the committed sample")
        try Self.compareWithGrep(files, try PatternSet.load(paths: [Fixture.ciFailures.path]))
    }

    @Test func curatedSetOnRealCILogs() throws {
        let logs = Fixture.realdata.appendingPathComponent("logs")
        guard FileManager.default.fileExists(atPath: logs.path) else {
            print("skipped: \(logs.path) is absent (shared realdata not on this machine)")
            return
        }
        try Self.compareWithGrep(Fixture.files(under: logs), try PatternSet.load(paths: [Fixture.ciFailures.path]))
    }

    /// Constructs that make a whole-buffer search unsafe must still count exactly (they run per line).
    @Test func lookaroundAnchorsAndPossessivesAgreeWithGrep() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "FAIL first\nx FAIL\n FAIL\nFAILED\nFAIL\naaab\naab x\nline\n\nab\nFAIL \n\tFAIL\nend"
        let file = try Fixture.write(text, to: directory.appendingPathComponent("tricky.log"))
        let regexes = ["(?<!\\S)FAIL", "FAIL(?!\\S)", "(?<!\\n)FAIL", "FAIL(?!\\n)", "\\AFAIL", "FAIL\\z", "FAIL\\Z",
                       "a++b", "(?>a+)b", "^$", "\\s*$", "(?<=\\s)FAIL", "FAIL(?=\\s)", "(?m)^FAIL$", "(?-m)^FAIL", "\\KFAIL",
                       "(?s)FAIL.x", "FAIL\\s+x", "\\n", "[^a]FAIL", "(?(?=F)FAIL|x)", "\\bFAIL\\b"]
        try Self.compareWithGrep([file], try Fixture.patternSet(regexes))
    }

    /// The buffer-search path and the plain per-line path agree on the whole corpus.
    @Test func bufferSearchEqualsPerLineMatching() throws {
        let files = Fixture.files(under: Fixture.corpus)
        try #require(!files.isEmpty)
        let items = files.map { InputItem(location: .file($0.path)) }
        func counts(_ allowBufferSearch: Bool) throws -> [[Int]] {
            let set = try PatternSet(
                definitions: try PatternSet.load(paths: [Fixture.ciFailures.path]).patterns.map(\.definition),
                sources: ["ci"], allowBufferSearch: allowBufferSearch)
            let box = ResultBox()
            _ = ScanRunner(patterns: set, options: ScanOptions(jobs: 2)).run(items) { box.append($0) }
            return box.results.map(\.tally.counts)
        }
        #expect(try counts(true) == counts(false))
    }
}

/// Collects results from the runner's (serialised) callback.
final class ResultBox: @unchecked Sendable {
    // The runner calls `append` under its own lock, one result at a time.
    private(set) var results: [DocumentResult] = []
    func append(_ result: DocumentResult) { results.append(result) }
}
