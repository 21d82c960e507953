/// `logscan bench`: what each pattern of a set costs, alone and together, on a corpus held in
/// memory, so that the owners of a set can see which pattern is slow, which never matches and
/// which the prefilter cannot help.
public struct PatternBench {
    public struct PatternResult: Sendable {
        public var id: String
        public var regex: String
        /// exact / prefilter+confirm / PCRE2 only, and why.
        public var route: String
        public var reason: String?
        /// Median seconds to scan the corpus with this pattern alone.
        public var aloneSeconds: Double
        /// This pattern's part of the summed alone times: its share of the scan's cost.
        public var share: Double
        public var lines: Int
        /// Lines Vectorscan reported (nil when the pattern is not in the Vectorscan database).
        public var candidates: Int?
        public var limitHits: Int
        /// Literals every match holds, one of them at least (empty: none the prefilter can use).
        public var literals: [String]
        public var flags: [String]
    }

    public struct Report: Sendable {
        public var engine: MatchEngine
        public var runs: Int
        public var bytes: Int
        public var cleanedBytes: Int
        public var documents: Int
        public var compileSeconds: Double
        /// Median seconds for the whole set in one pass.
        public var setSeconds: Double
        public var setRuns: [Double]
        /// Sorted by cost, most expensive first.
        public var patterns: [PatternResult]

        public func megabytesPerSecond(_ seconds: Double) -> Double { seconds > 0 ? Double(bytes) / seconds / 1e6 : 0 }
    }

    /// Flags, as written in the table and the JSONL.
    public enum Flag {
        /// Alone, slower than a tenth of the median pattern.
        public static let slow = "slow"
        /// No set of literals of 3+ bytes one of which every match contains (see `LiteralSignature`).
        public static let noLiteral = "no-literal"
        public static let limitHits = "limit-hits"
        public static let neverMatched = "never-matched"
    }

    public static func run(definitions: [PatternDefinition], sources: [String], corpus: BenchCorpus, engine: MatchEngine,
                           runs: Int, limits: MatchLimits = MatchLimits(),
                           progress: (String) -> Void = { _ in }) throws(PatternSetError) -> Report {
        let set = try PatternSet(definitions: definitions, sources: sources, engine: engine, sample: { corpus.calibrationSample })
        progress("whole set: \(set.count) patterns compiled in \(Int(set.compileSeconds * 1000)) ms")
        let whole = measure(set, corpus: corpus, runs: runs, limits: limits)

        var results: [PatternResult] = []
        results.reserveCapacity(definitions.count)
        for (index, definition) in definitions.enumerated() {
            let alone = try PatternSet(definitions: [definition], sources: sources, engine: engine)
            let measured = measure(alone, corpus: corpus, runs: runs, limits: limits)
            let pattern = set.patterns[index]
            results.append(PatternResult(
                id: definition.id, regex: definition.regex, route: pattern.route.label, reason: pattern.route.reason,
                aloneSeconds: measured.median, share: 0, lines: whole.tally.counts[index],
                candidates: pattern.usesVectorscan && set.prefilter != nil ? whole.candidates[index] : nil,
                limitHits: whole.tally.limitHits[index], literals: usableLiterals(definition.regex), flags: []))
            if (index + 1) % 25 == 0 { progress("\(index + 1)/\(definitions.count) patterns measured alone") }
        }
        let total = results.map(\.aloneSeconds).reduce(0, +)
        let medianAlone = median(results.map(\.aloneSeconds))
        for index in results.indices {
            results[index].share = total > 0 ? results[index].aloneSeconds / total : 0
            var flags: [String] = []
            if medianAlone > 0, results[index].aloneSeconds > medianAlone * 10 { flags.append(Flag.slow) }
            if results[index].literals.isEmpty { flags.append(Flag.noLiteral) }
            if results[index].limitHits > 0 { flags.append(Flag.limitHits) }
            if results[index].lines == 0 { flags.append(Flag.neverMatched) }
            results[index].flags = flags
        }
        results.sort { $0.aloneSeconds > $1.aloneSeconds }
        return Report(engine: engine, runs: runs, bytes: corpus.bytes, cleanedBytes: corpus.cleanedBytes,
                      documents: corpus.documents, compileSeconds: set.compileSeconds, setSeconds: whole.median,
                      setRuns: whole.all, patterns: results)
    }

    private static func measure(_ set: PatternSet, corpus: BenchCorpus, runs: Int, limits: MatchLimits)
        -> (median: Double, all: [Double], tally: DocumentTally, candidates: [Int]) {
        let matcher = ChunkMatcher(patterns: set, workspace: MatchWorkspace(patterns: set, limits: limits), exampleLimit: 0)
        let candidates = UnsafeMutablePointer<Int>.allocate(capacity: max(1, set.count))
        defer { candidates.deallocate() }
        var times: [Double] = []
        var tally = DocumentTally(patternCount: set.count)
        for _ in 0..<max(1, runs) {
            candidates.initialize(repeating: 0, count: max(1, set.count))
            matcher.candidateCounts = candidates
            tally = DocumentTally(patternCount: set.count)
            times.append(corpus.scan(matcher, into: &tally))
        }
        matcher.candidateCounts = nil
        return (median(times), times, tally, Array(UnsafeBufferPointer(start: candidates, count: set.count)))
    }

    /// A prefilter needs literals of a few bytes: shorter ones hit nearly every line.
    static func usableLiterals(_ regex: String) -> [String] {
        guard let signature = LiteralSignature.extract(regex), signature.shortest >= 3 else { return [] }
        return signature.literals.map { String(decoding: $0, as: UTF8.self) }
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

extension PatternBench.Report {
    /// The JSONL form: one `set` line, then one `pattern` line per pattern, most expensive first.
    public func jsonLines() -> [UInt8] {
        var out = JSONBuffer(capacity: 4096)
        out.raw("{\"type\":\"set\",\"engine\":")
        out.string(engine.rawValue)
        out.field(",\"patterns\":", patterns.count)
        out.field(",\"documents\":", documents)
        out.field(",\"bytes\":", bytes)
        out.field(",\"runs\":", runs)
        out.raw(",\"compile_s\":")
        out.decimal(compileSeconds, places: 4)
        out.raw(",\"set_s\":")
        out.decimal(setSeconds, places: 4)
        out.raw(",\"set_mb_s\":")
        out.decimal(megabytesPerSecond(setSeconds), places: 1)
        out.raw(",\"alone_s_sum\":")
        out.decimal(patterns.map(\.aloneSeconds).reduce(0, +), places: 4)
        out.raw("}\n")
        for pattern in patterns {
            out.raw("{\"type\":\"pattern\",\"id\":")
            out.string(pattern.id)
            out.raw(",\"regex\":")
            out.string(pattern.regex)
            out.raw(",\"route\":")
            out.string(pattern.route)
            if let reason = pattern.reason {
                out.raw(",\"reason\":")
                out.string(reason)
            }
            out.raw(",\"alone_s\":")
            out.decimal(pattern.aloneSeconds, places: 5)
            out.raw(",\"alone_mb_s\":")
            out.decimal(megabytesPerSecond(pattern.aloneSeconds), places: 1)
            out.raw(",\"share\":")
            out.decimal(pattern.share, places: 4)
            out.field(",\"lines\":", pattern.lines)
            if let candidates = pattern.candidates { out.field(",\"candidates\":", candidates) }
            out.field(",\"limit_hits\":", pattern.limitHits)
            out.raw(",\"literals\":[")
            for (index, literal) in pattern.literals.enumerated() {
                if index > 0 { out.raw(",") }
                out.string(literal)
            }
            out.raw("]")
            out.raw(",\"flags\":[")
            for (index, flag) in pattern.flags.enumerated() {
                if index > 0 { out.raw(",") }
                out.string(flag)
            }
            out.raw("]}\n")
        }
        return out.bytes
    }
}
