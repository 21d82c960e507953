import Engine
import Input

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
    public final class Patterns {
        let set: PatternSet
        init(_ set: PatternSet) { self.set = set }
    }

    /// Loads and compiles pattern files with `engine` (`auto` or `pcre2`).
    public static func patterns(_ paths: [String], engine: String) throws -> Patterns {
        Patterns(try PatternSet.load(paths: paths, engine: MatchEngine(rawValue: engine) ?? .auto))
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
