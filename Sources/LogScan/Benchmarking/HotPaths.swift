import Engine
import Input
import PatternSets

/// Entry points into the inner loops, for the package-benchmark suite in `Benchmarks/`: each runs
/// exactly one stage on bytes already in memory, so its time is that stage's alone.
@_spi(Benchmarks)
public enum HotPaths {
    /// Inflates gzip bytes held in memory with `isal` or `zlib`; returns the uncompressed size.
    public static func inflate(_ gzip: [UInt8], with inflater: String, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let source = try decoder(inflater).makeSource(over: MemorySource(gzip))
        var total = 0
        while true {
            let got = try source.read(into: buffer)
            if got == 0 { return total }
            total += got
        }
    }

    /// Inflates gzip bytes held in memory and returns them.
    public static func inflateAll(_ gzip: [UInt8], with inflater: String) throws -> [UInt8] {
        try InputFiles.readAll(decoder(inflater).makeSource(over: MemorySource(gzip)))
    }

    private static func decoder(_ name: String) -> Inflater { Inflater(rawValue: name) ?? .zlib }

    /// A compiled pattern set, opaque to the bench.
    public final class Patterns: Sendable {
        let set: PatternSet
        init(_ set: PatternSet) { self.set = set }
    }

    /// Loads and compiles pattern files with `engine` (`auto` or `pcre2`).
    public static func patterns(_ paths: [String], engine: String) throws -> Patterns {
        Patterns(try PatternSet.load(paths: paths, engine: MatchEngine(rawValue: engine) ?? .auto))
    }

    /// Compiles regexes given inline (ids `c0`, `c1`, ...).
    public static func patterns(regexes: [String], engine: String) throws -> Patterns {
        let definitions = regexes.enumerated().map { index, regex in
            PatternDefinition(id: "c\(index)", regex: regex, location: SourceLocation(file: "bench", line: index + 1))
        }
        return Patterns(try PatternSet(definitions: definitions, sources: ["bench"], engine: MatchEngine(rawValue: engine) ?? .auto))
    }

    /// Writes `count` JSONL file records of one synthetic result (every 7th pattern counted) to `path`.
    public static func writeRecords(_ count: Int, patterns: Patterns, path: String) throws {
        let sink = JSONLinesSink(output: try OutputChannel.file(path), patterns: patterns.set)
        var tally = DocumentTally(patternCount: patterns.set.count)
        for index in stride(from: 0, to: patterns.set.count, by: 7) { tally.counts[index] = index * 3 + 1 }
        tally.bytes = 123_456
        tally.lines = 4_321
        let result = DocumentResult(location: .file("ci/logs/build-12345/\u{e9}t\u{e9}/run.log.gz"), tally: tally, error: nil)
        for _ in 0..<count { sink.record(result) }
    }

    /// A per-worker matcher over whole-line chunks, as `DocumentScanner` uses it, counting.
    public final class Matcher {
        private let matcher: ChunkMatcher
        private let counts: CountingSink

        public init(_ patterns: Patterns) {
            matcher = ChunkMatcher(patterns: patterns.set, limits: MatchLimits())
            counts = CountingSink(patternCount: patterns.set.count)
        }

        /// Matches a chunk of whole lines (already cleaned); returns the counts per pattern.
        public func match(_ chunk: UnsafeRawBufferPointer) -> [Int] {
            counts.reset()
            _ = matcher.match(chunk.baseAddress!.assumingMemoryBound(to: UInt8.self), length: chunk.count, firstLine: 1, sink: counts)
            return counts.counts
        }
    }
}
