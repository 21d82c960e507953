import Foundation
import Engine
import Input
import LogScan
import PatternSets
import RegexSyntax
import Testing

/// `--engine auto` (Vectorscan prefilter) must count exactly what `--engine pcre2` (the reference)
/// counts, and `--inflater isal` must read exactly what zlib reads: same counts, examples, lines,
/// bytes and errors, file by file.
@Suite(.serialized) struct EngineDifferentialTests {
    /// Everything a record says, minus timing.
    struct Fingerprint: Equatable, CustomStringConvertible {
        var path: String
        var counts: [Int]
        var limitHits: [Int]
        var examples: [[MatchExample]]
        var bytes: Int
        var storedBytes: Int
        var lines: Int
        var gzipLayers: Int
        var error: InputError?

        init(_ result: DocumentResult) {
            path = result.location.displayPath
            counts = result.tally.counts
            limitHits = result.tally.limitHits
            examples = result.tally.examples
            bytes = result.tally.bytes
            storedBytes = result.tally.storedBytes
            lines = result.tally.lines
            gzipLayers = result.tally.gzipLayers
            error = result.error
        }

        var description: String { "\(path): counts \(counts) limit \(limitHits) lines \(lines) bytes \(bytes) error \(String(describing: error))" }
    }

    static func run(_ files: [URL], _ patterns: PatternSet, inflater: Inflater = .isal, jobs: Int = 2,
                    examples: Int = 2) -> [Fingerprint] {
        let options = ScanOptions(jobs: jobs, exampleLimit: examples, inflater: inflater)
        let collected = ResultBox()
        _ = ScanRunner(patterns: patterns, options: options).run(files.map { InputItem(location: .file($0.path)) }) {
            collected.append($0)
        }
        return collected.results.map(Fingerprint.init)
    }

    /// Compares the two engines on `files`; returns how many (file, pattern) counts were non-zero.
    @discardableResult
    /// With `samples`, `auto` runs once per sample (nil: none), each against the same reference run.
    static func compareEngines(_ files: [URL], definitions: [PatternDefinition], examples: Int = 2,
                               samples: [CalibrationSample?] = [nil]) throws -> Int {
        try #require(!files.isEmpty)
        let reference = try PatternSet(definitions: definitions, sources: ["test"], engine: .pcre2)
        let slow = run(files, reference, examples: examples)
        var hits = 0
        for sample in samples {
            let auto = try PatternSet(definitions: definitions, sources: ["test"], engine: .auto, sample: sample.map { sample in { sample } })
            hits = try compare(run(files, auto, examples: examples), slow, definitions: definitions)
        }
        return hits
    }

    private static func compare(_ fast: [Fingerprint], _ slow: [Fingerprint], definitions: [PatternDefinition]) throws -> Int {
        #expect(fast.count == slow.count)
        var mismatches: [String] = []
        for (ours, theirs) in zip(fast, slow) where ours != theirs {
            let differing = ours.counts.indices.filter { ours.counts[$0] != theirs.counts[$0] }
                .map { "\(definitions[$0].id) auto \(ours.counts[$0]) pcre2 \(theirs.counts[$0])" }
            mismatches.append("\(ours.path): \(differing.isEmpty ? "\(ours) vs \(theirs)" : differing.joined(separator: ", "))")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10).joined(separator: "\n"))")
        return fast.reduce(0) { $0 + $1.counts.filter { $0 > 0 }.count }
    }

    static func realLogs() -> [URL]? {
        let logs = Fixture.realdata.appendingPathComponent("logs")
        guard FileManager.default.fileExists(atPath: logs.path) else {
            print("skipped: \(logs.path) is absent (shared realdata not on this machine)")
            return nil
        }
        return Fixture.files(under: logs)
    }

    static var curated: [PatternDefinition] {
        get throws { try PatternSet.load(paths: [Fixture.ciFailures.path], engine: .pcre2).patterns.map(\.definition) }
    }

    @Test func curatedSetUsesEveryRoute() throws {
        let patterns = try PatternSet.load(paths: [Fixture.ciFailures.path])
        let labels = Set(patterns.patterns.map(\.route.label))
        #expect(labels.isSuperset(of: ["exact", "prefilter+confirm"]), "\(labels)")
        #expect(patterns.patterns.filter { $0.route == .exact }.count > patterns.count / 3)
    }

    /// Vectorscan reads expressions as C strings: one holding a NUL byte was compiled cut short
    /// at it ("The op\0…" as "The op"), counting lines PCRE2 does not match.
    @Test func regexesHoldingANulByteStayWithPCRE2() throws {
        let regexes = ["The op\u{0}eration", "a\u{0}b|zzz"]
        let text = Array("The operation\nThe op\u{0}eration\nab\na\u{0}b\nzzz\n".utf8)
        let planned = try Fixture.patternSet(regexes)
        for pattern in planned.patterns {
            #expect(pattern.route == .pcre2Only(ParsedRegex.nulByteReason), "\(pattern.route)")
        }
        let auto = try Fixture.scan(text, regexes)
        #expect(auto.tally.counts == [1, 2])
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try Fixture.write(text, to: directory.appendingPathComponent("nul.log"))
        #expect(Fixture.scan(url, try Fixture.patternSet(regexes, engine: .pcre2)).tally.counts == [1, 2])
    }

    /// Vectorscan (5.4.9) can miss a match that ends exactly at the end of the data it scans: with
    /// these regexes, the `ed` ending 18 to 34 bytes. A file's unterminated last line and a line
    /// repaired for ill-formed UTF-8 must still count as PCRE2 counts them. Found by the `routes`
    /// fuzz target (its input is in Fuzz/regressions/routes).
    @Test func matchesEndingTheScannedDataAreCounted() throws {
        let regexes = ["connection\\S+as refu|ed", "[Cc]onnection re server \\S+as refu|ed", "ed$"]
        let auto = try Fixture.patternSet(regexes)
        let reference = try Fixture.patternSet(regexes, engine: .pcre2)
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for count in 0..<48 {
            let prefix = [UInt8](repeating: UInt8(ascii: "a"), count: count)
            let shapes: [(name: String, bytes: [UInt8])] = [
                ("unterminated", prefix + Array("ed".utf8)),
                ("unterminated after a line", Array("first line\n".utf8) + prefix + Array("ed".utf8)),
                ("repaired", prefix + [0x86] + Array("used\n".utf8)),
                ("repaired and unterminated", prefix + [0x86] + Array("used".utf8)),
            ]
            for shape in shapes {
                let url = try Fixture.write(shape.bytes, to: directory.appendingPathComponent("\(count).log"))
                let expected = Fixture.scan(url, reference).tally.counts
                #expect(expected == [1, 1, 1], "\(shape.name), \(count) bytes before")
                #expect(Fixture.scan(url, auto).tally.counts == expected, "\(shape.name), \(count) bytes before")
            }
        }
    }

    /// Without PCRE2_UCP, `\D`, `\S` and `\W` match every non-ASCII character (PCRE2's own
    /// interpreter agrees). PCRE2's JIT before 10.43 (Debian 12 ships 10.42), with
    /// `PCRE2_MATCH_INVALID_UTF`, misses them on a multibyte character outside a class, so `grep -P`
    /// here is no oracle for these lines: the expected counts are written out. Found by the `routes`
    /// fuzz target (its input is in Fuzz/regressions/routes). The counts are those of PCRE2's
    /// interpreter (`pcre2_match` with `PCRE2_NO_JIT`), checked by hand against the rule above.
    @Test func negatedTypesMatchMultibyteCharacters() throws {
        let lines = [
            "panic: \u{FFFD}\u{FFFD}test timed out", "panic: é", "panic: 😀 boom", "panic: \u{0AEA}",
            "panic: x", "panic:  ", "résumé 4", "naïve", "",
        ]
        let cases: [(regex: String, lines: Int)] = [
            ("(?:^|[ \\t\"'(\\[])panic: \\S", 5),  // the fuzz target's regex
            ("panic: \\S", 5),
            ("panic: \\D", 6),
            ("panic: \\W", 5),
            ("panic: \\S+ ", 2),
            ("r\\W", 1),
            ("a\\W", 2),  // `naïve` and `aé` after ill-formed UTF-8
            ("[\\S]\\S\\S\\S\\S\\S", 7),
            ("\\Qpanic: \\S\\E", 0),
        ]
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try Fixture.write(Array(lines.joined(separator: "\n").utf8) + [0x0A, 0xC3, 0x28, 0x20, 0x61, 0xC3, 0xA9, 0x0A],
                                    to: directory.appendingPathComponent("multibyte.log"))
        for engine in [MatchEngine.pcre2, .auto] {
            let patterns = try Fixture.patternSet(cases.map(\.regex), engine: engine)
            #expect(Fixture.scan(url, patterns).tally.counts == cases.map(\.lines), "\(engine)")
        }
    }

    @Test func curatedSetOnCommittedCorpus() throws {
        let hits = try Self.compareEngines(Fixture.files(under: Fixture.corpus), definitions: Self.curated)
        #expect(hits > 50, "the corpus should exercise many patterns")
    }

    @Test func curatedSetOnRealCILogs() throws {
        guard let files = Self.realLogs() else { return }
        let hits = try Self.compareEngines(files, definitions: Self.curated)
        #expect(hits > 100)
    }

    @Test func curatedSetOnGeneratedCorpus() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let generator = Fixture.projectRoot.appendingPathComponent("Benchmarks/Scripts/generate_corpus.py").path
        let made = try Fixture.run("/usr/bin/env", ["python3", generator, "--out", directory.path, "--size", "24MiB", "--seed", "7"])
        try #require(made.status == 0, "\(made.stderr)")
        try Self.compareEngines(Fixture.files(under: directory), definitions: Self.curated)
    }

    /// The regex sets of realdata that logscan reads, on the real logs: Prow's build-log highlight
    /// regexes (a `grep -f` list) and PyTorch's log-classifier rules (TOML, as the classifier
    /// reads them). The OpenStack files there are Elasticsearch queries, not regexes.
    @Test(arguments: [("kubernetes-prow-buildlog-highlight-regexes.txt", 50), ("pytorch-log-classifier.ruleset.toml", 100)])
    func realdataSetOnRealLogs(file: String, atLeast: Int) throws {
        let set = Fixture.realdata.appendingPathComponent("patterns/\(file)")
        guard let files = Self.realLogs(), FileManager.default.fileExists(atPath: set.path) else { return }
        let definitions = try PatternSet.load(paths: [set.path], engine: .pcre2).patterns.map(\.definition)
        #expect(definitions.count > atLeast)
        try Self.compareEngines(files, definitions: definitions)
    }

    /// The benchmarks' portable form of the curated set (the syntax ripgrep's default engine
    /// takes), on the real logs.
    @Test func portableCuratedSetOnRealCILogs() throws {
        guard let files = Self.realLogs() else { return }
        let portable = Fixture.projectRoot.appendingPathComponent("Benchmarks/patterns/ci-failures-portable.yaml")
        let definitions = try PatternSet.load(paths: [portable.path], engine: .pcre2).patterns.map(\.definition)
        #expect(try definitions.count == Self.curated.count)
        try Self.compareEngines(files, definitions: definitions)
    }

    /// The 1,363 loghub templates turned into regexes, on loghub's own logs.
    @Test func loghubTemplatesOnLoghubLogs() throws {
        let templates = Fixture.realdata.appendingPathComponent("patterns/loghub-templates")
        let logs = Fixture.realdata.appendingPathComponent("logs/loghub")
        guard FileManager.default.fileExists(atPath: templates.path), FileManager.default.fileExists(atPath: logs.path) else {
            print("skipped: loghub templates or logs absent")
            return
        }
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let set = directory.appendingPathComponent("loghub.yaml")
        let converter = Fixture.projectRoot.appendingPathComponent("Benchmarks/Scripts/loghub_templates_to_patterns.py").path
        let made = try Fixture.run("/usr/bin/env", ["python3", converter, templates.path, "--out", set.path])
        try #require(made.status == 0, "\(made.stderr)")
        let definitions = try PatternSet.load(paths: [set.path], engine: .pcre2).patterns.map(\.definition)
        #expect(definitions.count > 1000)
        let hits = try Self.compareEngines(Fixture.files(under: logs), definitions: definitions, examples: 1)
        #expect(hits > 100)
    }

    /// A generated 1,500-pattern set: over `RoutePlanner.largeSetSize`, so most patterns are
    /// searched by their literal signature; on a generated corpus in the same vocabulary, with
    /// examples (so every counted line's number and text are compared too).
    @Test func largeGeneratedSetUsesSignaturesAndAgrees() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scripts = Fixture.projectRoot.appendingPathComponent("Benchmarks/Scripts")
        let set = directory.appendingPathComponent("generated.yaml")
        let made = try Fixture.run("/usr/bin/env", ["python3", scripts.appendingPathComponent("generate_patterns.py").path,
                                                   "--count", "1500", "--seed", "3", "--out", set.path])
        try #require(made.status == 0, "\(made.stderr)")
        let corpus = directory.appendingPathComponent("corpus")
        let generated = try Fixture.run("/usr/bin/env", ["python3", scripts.appendingPathComponent("generate_corpus.py").path,
                                                        "--out", corpus.path, "--size", "3MiB", "--seed", "11"])
        try #require(generated.status == 0, "\(generated.stderr)")
        let auto = try PatternSet.load(paths: [set.path])
        let signatures = auto.patterns.filter { $0.route.reason?.hasPrefix("Vectorscan looks only for") == true }.count
        #expect(signatures > 1000, "most of a large set runs by signature: \(signatures)")
        let withFactors = auto.patterns.filter { $0.route.reason?.contains("on a line that also holds") == true }.count
        #expect(withFactors > 300, "two-literal and status patterns require more than one factor: \(withFactors)")
        // The same lines with ill-formed bytes in every other one (scanned as repaired copies).
        var damaged: [UInt8] = []
        for file in Fixture.files(under: corpus) where damaged.count < 400_000 {
            let read = try Fixture.run("/bin/gzip", ["-dcf", file.path])  // -f: plain files pass through
            try #require(read.status == 0, "\(read.stderr)")
            let text = read.stdout
            for (number, line) in text.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
                switch number % 4 {
                case 1: damaged += [0xFF] + line + [0x0A]
                case 3: damaged += line.map { $0 == 0x20 ? 0xC3 : $0 } + [0x0A]
                default: damaged += line + [0x0A]
                }
            }
        }
        try #require(damaged.count > 100_000, "the corpus has plain-text logs")
        let damagedFile = try Fixture.write(damaged, to: directory.appendingPathComponent("damaged.log"))
        // And with the literals picked by a sample of the corpus, as `scan` does for a large set.
        let items = (Fixture.files(under: corpus) + [damagedFile]).map { InputItem(location: .file($0.path)) }
        let sample = CalibrationSample.read(items: items)
        #expect(sample.text.count > 1_000_000 && sample.documents > 1)
        let calibrated = try PatternSet(definitions: auto.patterns.map(\.definition), sources: ["test"], sample: { sample })
        let repicked = calibrated.patterns.filter { $0.route.reason?.contains("the rarest of its factors") == true }.count
        #expect(repicked > 50, "a sample in the set's vocabulary changes many primaries: \(repicked)")
        let hits = try Self.compareEngines(Fixture.files(under: corpus) + [damagedFile], definitions: auto.patterns.map(\.definition),
                                           examples: 2, samples: [nil, sample])
        #expect(hits > 50)
    }

    @Test func isalAndZlibReadTheSameCorpus() throws {
        var files = Fixture.files(under: Fixture.corpus)
        if let real = Self.realLogs() { files += real }
        let patterns = try PatternSet.load(paths: [Fixture.ciFailures.path])
        let isal = Self.run(files, patterns, inflater: .isal)
        let zlib = Self.run(files, patterns, inflater: .zlib)
        #expect(isal == zlib)
        #expect(isal.contains { $0.gzipLayers > 0 })
    }
}
