@testable import Engine
import Foundation
import Input
import LogScan
import PatternSets
import Testing

/// A set whose Vectorscan database is split in two (`DatabaseSplit`) counts exactly as one
/// database and as `--engine pcre2`: each pattern is in one database, and every line a report names
/// is settled the same way whichever database reported it.
@Suite struct DatabaseSplitTests {
    /// Each of a spread of patterns in turn in a database of its own, on the committed corpus (and
    /// the real logs for Prow's set), against `--engine pcre2`.
    @Test(arguments: ["curated", "kubernetes-prow-buildlog-highlight-regexes.txt"])
    func everySplitCountsAsPCRE2(set: String) throws {
        let definitions: [PatternDefinition]
        if set == "curated" {
            definitions = try EngineDifferentialTests.curated
        } else {
            let path = Fixture.realdata.appendingPathComponent("patterns/\(set)")
            guard FileManager.default.fileExists(atPath: path.path) else {
                print("skipped: \(path.path) is absent (shared realdata not on this machine)")
                return
            }
            definitions = try PatternSet.load(paths: [path.path], engine: .pcre2).patterns.map(\.definition)
        }
        // The real logs are Prow's; the curated set is checked on the committed corpus, which is quicker.
        let files = Fixture.files(under: Fixture.corpus) + (set == "curated" ? [] : EngineDifferentialTests.realLogs() ?? [])
        let reference = EngineDifferentialTests.run(files, try PatternSet(definitions: definitions, sources: ["test"], engine: .pcre2))
        let whole = try PatternSet(definitions: definitions, sources: ["test"], databaseSplit: .never)
        #expect(whole.prefilter?.databases.count == 1)
        var splits = 0
        for pattern in stride(from: 0, to: definitions.count, by: max(1, definitions.count / 5)) {
            let split = try PatternSet(definitions: definitions, sources: ["test"], databaseSplit: .pattern(pattern))
            // Literal-routed and PCRE2-only patterns stay where they are.
            guard let chosen = split.prefilter?.split else { continue }
            #expect(chosen.pattern == pattern)
            #expect(split.prefilter?.databases.count == 2)
            splits += 1
            let counted = EngineDifferentialTests.run(files, split)
            #expect(counted == reference, "pattern \(definitions[pattern].id) apart")
        }
        #expect(splits >= 3, "too few patterns could be split off to test")
    }

    /// Lines holding ill-formed UTF-8 are scanned as repaired copies, by each database in turn;
    /// matches of both databases on one line, and on lines either side of a repaired one.
    @Test func repairedLinesAreScannedByBothDatabases() throws {
        let regexes = ["OOMKilled", "image pull back-?off", "connection reset", "exit code [1-9]", "panic: .+", "timed out after \\d+s",
                       "no space left", "x509: certificate", "context deadline exceeded", "segfault", "killed by signal",
                       "Connection refused", "FAIL: Test\\w+", "permission denied", "TLS handshake timeout", "DNS resolution failed"]
        var text: [UInt8] = []
        for round in 0..<40 {
            text += Array("step \(round) OOMKilled then connection reset, exit code 3\n".utf8)
            text += Array("bad \(round) ".utf8) + [0xFF, 0xC3] + Array(" image pull backoff panic: x OOMKilled\r\n".utf8)
            text += Array("timed out after \(round)s no space left\n\n".utf8)
            text += Array("x509: certificate ".utf8) + [0xE2, 0x82] + Array(" segfault FAIL: TestA\n".utf8)
        }
        text += Array("context deadline exceeded, no final newline".utf8)
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try Fixture.write(text, to: directory.appendingPathComponent("mixed.log"))
        let definitions = regexes.enumerated().map { index, regex in
            PatternDefinition(id: "p\(index)", regex: regex, location: SourceLocation(file: "test", line: index + 1))
        }
        let reference = Fixture.scan(url, try PatternSet(definitions: definitions, sources: ["test"], engine: .pcre2)).tally.counts
        #expect(reference.filter { $0 > 0 }.count >= 10)
        for pattern in [0, 1, 4, 8] {
            let split = try PatternSet(definitions: definitions, sources: ["test"], databaseSplit: .pattern(pattern))
            try #require(split.prefilter?.split?.pattern == pattern)
            for capacity in [4096, 65536] {
                let options = ScanOptions(bufferCapacity: capacity)
                #expect(Fixture.scan(url, split, options: options).tally.counts == reference, "p\(pattern) apart, \(capacity)-byte buffer")
            }
        }
    }

    /// A trial is not run for small inputs (it would cost more than it could save) and keeps one
    /// database then, without reading a sample when the inputs' size is known; a saved outcome
    /// reads back as written.
    @Test func smallInputsKeepOneDatabaseAndOutcomesReadBack() throws {
        let definitions = try EngineDifferentialTests.curated
        let small = CalibrationSample(text: Array(repeating: UInt8(ascii: "a"), count: 1 << 20) + [0x0A], inputBytes: 1 << 20)
        let set = try PatternSet(definitions: definitions, sources: ["test"], sample: { small })
        #expect(set.prefilter?.databases.count == 1)
        #expect(set.prefilter?.split == nil)
        // Inputs known to be small are not even sampled.
        var sampled = false
        let known = try PatternSet(definitions: definitions, sources: ["test"], sample: {
            sampled = true
            return small
        }, inputBytes: DatabaseSplit.minimumInputBytes - 1)
        #expect(!sampled)
        #expect(known.prefilter?.databases.count == 1)
        let choice = DatabaseSplit.Choice(position: 7, wholeSeconds: 0.0053, splitSeconds: 0.0042, sampleBytes: 8_386_596)
        let read = try #require(DatabaseSplit.Choice(choice.line))
        #expect(read.position == 7 && read.wholeSeconds == 0.0053 && read.splitSeconds == 0.0042 && read.sampleBytes == 8_386_596)
        #expect(read.sampleMegabytes == "8.4")
        #expect(DatabaseSplit.Choice("none") == nil)
        #expect(DatabaseSplit.Choice("-1 0.1 0.1 5") == nil)
    }

    /// The size that gates a trial counts a `.gz` file as the bytes it would about inflate to.
    @Test func inputSizeEstimatesInflatedGzip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("logscan-split-size-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = directory.appendingPathComponent("build.log"), gzipped = directory.appendingPathComponent("build.log.gz")
        try Data(count: 1000).write(to: plain)
        try Data(count: 300).write(to: gzipped)
        let items = [plain, gzipped, directory.appendingPathComponent("missing.log.gz")].map {
            InputItem(location: .file(bytes: Array($0.path.utf8)))
        }
        #expect(CalibrationSample.inputBytes(items: items) == 1000 + 300 * CalibrationSample.gzipExpansion)
    }

    /// The trial on a sample: no split, or a member whose split timed faster than one database
    /// by the required margin, twice.
    @Test func aTrialKeepsOnlyAFasterLayout() throws {
        let regexes = (0..<40).map { "failure number \($0) in step \\w+" } + ["OOMKilled", "connection reset by peer"]
        let expressions = regexes
        let flags = regexes.map { _ in Vectorscan.baseFlags }
        let ids = regexes.indices.map(UInt32.init)
        guard case .success(let whole) = VectorscanDatabase.compile(expressions, flags: flags, ids: ids) else {
            Issue.record("the set did not compile")
            return
        }
        var sample: [UInt8] = []
        for line in 0..<60_000 { sample += Array("2024-01-01 step \(line) failure number \(line % 97) in step build ok\n".utf8) }
        let choice = DatabaseSplit.choose(whole: whole, expressions: expressions, flags: flags, ids: ids, members: regexes.count,
                                          sample: sample)
        if let choice {
            #expect(choice.position < regexes.count)
            #expect(choice.splitSeconds < choice.wholeSeconds * (1 - DatabaseSplit.requiredGain))
            #expect(choice.sampleBytes == sample.count)
        }
        #expect(DatabaseSplit.choose(whole: whole, expressions: expressions, flags: flags, ids: ids, members: DatabaseSplit.minimumMembers - 1,
                                     sample: sample) == nil)
    }
}
