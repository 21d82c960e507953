import Engine
import PatternSets
import RegexSyntax

/// `logscan bench`: what each pattern of a set costs, alone and together, on a corpus held in
/// memory, so that the owners of a set can see which pattern is slow, which never matches and
/// which the prefilter cannot help.
package struct PatternBench {
    package struct PatternResult: Sendable {
        package var id: String
        package var regex: String
        /// exact / prefilter+confirm / PCRE2 only, and why.
        package var route: String
        package var reason: String?
        /// Median seconds to scan the corpus with this pattern alone.
        package var aloneSeconds: Double
        /// This pattern's part of the summed alone times: its share of the scan's cost.
        package var share: Double
        package var lines: Int
        /// Lines Vectorscan reported (nil when the pattern is not in the Vectorscan database).
        package var candidates: Int?
        package var limitHits: Int
        /// Literals every match holds, one of them at least (empty: none the prefilter can use).
        package var literals: [String]
        package var flags: [String]
    }

    package struct Report: Sendable {
        package var engine: MatchEngine
        package var runs: Int
        package var bytes: Int
        package var cleanedBytes: Int
        package var documents: Int
        package var compileSeconds: Double
        /// Median seconds for the whole set in one pass.
        package var setSeconds: Double
        package var setRuns: [Double]
        /// Sorted by cost, most expensive first.
        package var patterns: [PatternResult]

        package func megabytesPerSecond(_ seconds: Double) -> Double { seconds > 0 ? Double(bytes) / seconds / 1e6 : 0 }
    }

    /// Flags, as written in the table and the JSONL.
    package enum Flag {
        /// Alone, over 10 times the median pattern's time.
        package static let slow = "slow"
        /// No set of literals of 3+ bytes one of which every match contains (see `LiteralSignature`).
        package static let noLiteral = "no-literal"
        package static let limitHits = "limit-hits"
        package static let neverMatched = "never-matched"
    }

    package static func run(definitions: [PatternDefinition], sources: [String], corpus: BenchCorpus, engine: MatchEngine,
                           runs: Int, limits: MatchLimits = MatchLimits(),
                           progress: (String) -> Void = { _ in }) throws(PatternSetError) -> Report {
        let set = try PatternSet(definitions: definitions, sources: sources, engine: engine, sample: { corpus.calibrationSample },
                                 inputBytes: corpus.cleanedBytes)
        progress("whole set: \(set.count) patterns compiled in \(Int(set.compileSeconds * 1000)) ms")
        if let split = set.prefilter?.split { progress("\(set.patterns[split.pattern].id): \(split.reason)") }
        let whole = measure(set, corpus: corpus, runs: runs, limits: limits)

        var results: [PatternResult] = []
        results.reserveCapacity(definitions.count)
        for (index, definition) in definitions.enumerated() {
            let alone = try PatternSet(definitions: [definition], sources: sources, engine: engine)
            let measured = measure(alone, corpus: corpus, runs: runs, limits: limits)
            let pattern = set.patterns[index]
            results.append(PatternResult(
                id: definition.id, regex: definition.regex, route: pattern.route.label, reason: pattern.route.reason,
                aloneSeconds: measured.median, share: 0, lines: whole.counts[index],
                candidates: pattern.usesVectorscan && set.prefilter != nil ? whole.candidates[index] : nil,
                limitHits: whole.limitHits[index], literals: usableLiterals(definition.regex), flags: []))
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
        -> (median: Double, all: [Double], counts: [Int], limitHits: [Int], candidates: [Int]) {
        let matcher = ChunkMatcher(patterns: set, limits: limits)
        var times: [Double] = []
        var counting = CountingSink(patternCount: set.count)
        var candidates = CandidateCountSink(patternCount: set.count)
        for _ in 0..<max(1, runs) {
            counting = CountingSink(patternCount: set.count)
            candidates = CandidateCountSink(patternCount: set.count)
            times.append(corpus.scan(matcher, sink: FanOutSink([counting, candidates])))
        }
        return (median(times), times, counting.counts, counting.limitHits, candidates.candidates)
    }

    /// A prefilter needs literals of a few bytes: shorter ones hit nearly every line.
    static func usableLiterals(_ regex: String) -> [String] {
        guard let signature = ParsedRegex(regex).literalSignature, signature.shortest >= 3 else { return [] }
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
    package func jsonLines() -> [UInt8] {
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
