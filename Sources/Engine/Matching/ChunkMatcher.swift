/// Matches chunks of whole, prepared lines against a pattern set and reports every matching line
/// to a `LineSink`: one worker's matcher (its routes, PCRE2 workspace and Vectorscan scratch).
///
/// Each route finds lines for its patterns (see `MatchRoute`); a candidate line is confirmed by the
/// pattern's per-line PCRE2 regex, the one `grep -P` would use, so counts are those of
/// `grep -P -c` whatever the route.
package final class ChunkMatcher {
    let patterns: [CompiledPattern]
    package let workspace: MatchWorkspace
    /// Per pattern, its line regex, unretained: `patterns` holds them for the matcher's life, and
    /// a confirmation (the hot path with large sets) then costs no reference counting.
    private let lineRegexes: UnsafeMutablePointer<Unmanaged<PCRE2Regex>>
    private var routes: [any MatchRoute] = []
    let lines = LineIndex()
    // The hot state is exempt from dynamic exclusivity checks, which every Vectorscan report would
    // pay: a matcher belongs to one worker, and nothing passes these properties inout.
    /// The chunk being matched.
    @exclusivity(unchecked) private(set) var base: UnsafePointer<UInt8> = UnsafePointer(bitPattern: 1)!
    @exclusivity(unchecked) private(set) var length = 0
    /// Stream offset of the chunk's first byte: offsets that only grow, so per-pattern line marks
    /// never need resetting between chunks or documents.
    @exclusivity(unchecked) private(set) var origin = 0
    // The sink of the current `match` call. Unowned and unchecked: the caller holds it for the call.
    @exclusivity(unchecked) private unowned(unsafe) var sink: any LineSink = NoSink.shared
    @exclusivity(unchecked) private(set) var wantsCandidates = false
    /// Where the chunk's first ill-formed UTF-8 is, when a route needs to know (`ChunkSurvey`).
    @exclusivity(unchecked) private(set) var firstInvalid: Int?
    private var validatesUTF8 = false

    package init(patterns: PatternSet, limits: MatchLimits) {
        self.patterns = patterns.patterns
        workspace = MatchWorkspace(patterns: patterns, limits: limits)
        lineRegexes = .allocate(capacity: max(1, patterns.patterns.count))
        lineRegexes.initialize(from: patterns.patterns.map { Unmanaged.passUnretained($0.lineRegex) }, count: patterns.patterns.count)
        let vectorscan = patterns.patterns.indices.filter { patterns.patterns[$0].usesVectorscan }
        let buffered = patterns.patterns.indices.filter { patterns.patterns[$0].bufferRegex != nil }
        let everyLine = patterns.patterns.indices.filter {
            patterns.patterns[$0].bufferRegex == nil && !patterns.patterns[$0].usesVectorscan
        }
        if !vectorscan.isEmpty {
            // Without a database or scratch (out of memory) its patterns still count, on PCRE2.
            if let prefilter = patterns.prefilter, let route = VectorscanRoute(prefilter, patterns: vectorscan, routes: patterns.patterns.map(\.route)) {
                routes.append(route)
                validatesUTF8 = true
            } else {
                routes.append(EveryLineRoute(vectorscan))
            }
        }
        if !buffered.isEmpty { routes.append(BufferSearchRoute(buffered)) }
        if !everyLine.isEmpty { routes.append(EveryLineRoute(everyLine)) }
    }

    deinit { lineRegexes.deallocate() }

    /// Matches `base[0..<length]`, whose first line is `firstLine` (1-based), reporting to `sink`.
    /// Returns the number of lines in the chunk: its `\n`s, plus one for a final line without `\n`.
    package func match(_ base: UnsafePointer<UInt8>, length: Int, firstLine: Int, sink: any LineSink) -> Int {
        self.base = base
        self.length = length
        self.sink = sink
        wantsCandidates = sink.wantsCandidates
        lines.reset(base, length: length, firstLine: firstLine)
        let survey = ChunkSurvey.survey(base, length: length, validating: validatesUTF8)
        firstInvalid = survey.firstInvalid
        for route in routes { route.scan(self) }
        sink.chunkEnded()
        self.sink = NoSink.shared
        origin += length + 1
        return survey.lines
    }

    /// A line the route's report settles: `pattern` matches it.
    @inline(__always)
    func confirmed(_ pattern: Int, lineStart: Int, lineEnd: Int) {
        sink.matched(pattern, MatchedLine(index: lines, start: lineStart, end: lineEnd))
    }

    /// A line `pattern` may match: its per-line PCRE2 regex decides.
    @inline(__always)
    func candidate(_ pattern: Int, lineStart: Int, lineEnd: Int) {
        let outcome = lineRegexes[pattern]._withUnsafeGuaranteedRef {
            workspace.firstMatch($0, base + lineStart, length: lineEnd - lineStart, from: 0)
        }
        switch outcome {
        case .match:
            sink.matched(pattern, MatchedLine(index: lines, start: lineStart, end: lineEnd))
        case .noMatch:
            break
        case .failure:
            sink.gaveUp(pattern, MatchedLine(index: lines, start: lineStart, end: lineEnd))
        }
    }

    /// Vectorscan named a line for `pattern` (for sinks that count candidates).
    @inline(__always)
    func named(_ pattern: Int) {
        if wantsCandidates { sink.candidate(pattern) }
    }

    /// Every line of `base[from..<to]` is a candidate for each of `patterns`.
    func everyLine(_ patterns: [Int], from: Int, to end: Int) {
        var lineStart = from
        while lineStart < end {
            let lineEnd = LineIndex.lineEnd(base, from: lineStart, length: end)
            for pattern in patterns { candidate(pattern, lineStart: lineStart, lineEnd: lineEnd) }
            lineStart = lineEnd + 1
        }
    }
}

/// The sink between `match` calls: none is held then.
private final class NoSink: LineSink, Sendable {
    static let shared = NoSink()
    func matched(_ pattern: Int, _ line: MatchedLine) {}
    func gaveUp(_ pattern: Int, _ line: MatchedLine) {}
}
