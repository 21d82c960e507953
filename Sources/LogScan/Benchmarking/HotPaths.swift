/// Entry points into the inner loops, for the package-benchmark suite in `Benchmarks/`: each runs
/// exactly one stage on bytes already in memory, so its time is that stage's alone.
public enum HotPaths {
    /// Inflates gzip bytes held in memory; returns the uncompressed size.
    public static func inflate(_ gzip: [UInt8], with inflater: Inflater, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let source = try inflater.makeSource(over: MemorySource(gzip))
        var total = 0
        while true {
            let got = try source.read(into: buffer)
            if got == 0 { return total }
            total += got
        }
    }

    /// Inflates gzip bytes held in memory and returns them.
    public static func inflateAll(_ gzip: [UInt8], with inflater: Inflater) throws -> [UInt8] {
        let source = try inflater.makeSource(over: MemorySource(gzip))
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = try ByteSourceReading.read(source, into: &chunk, upTo: chunk.count)
            if got == 0 { return output }
            output += chunk[0..<got]
        }
    }

    /// A per-worker matcher over whole-line chunks, as `DocumentScanner` uses it.
    public final class Matcher {
        private let matcher: ChunkMatcher
        private let patternCount: Int

        public init(patterns: PatternSet, limits: MatchLimits = MatchLimits()) {
            matcher = ChunkMatcher(patterns: patterns, workspace: MatchWorkspace(patterns: patterns, limits: limits), exampleLimit: 0)
            patternCount = patterns.count
        }

        /// Matches a chunk of whole lines (already cleaned); returns the counts per pattern.
        public func match(_ chunk: UnsafeRawBufferPointer) -> [Int] {
            var tally = DocumentTally(patternCount: patternCount)
            _ = matcher.match(chunk.baseAddress!.assumingMemoryBound(to: UInt8.self), length: chunk.count, firstLine: 1, into: &tally)
            return tally.counts
        }
    }
}

/// Bytes in memory as a `ByteSource`.
final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
        offset += count
        return count
    }
}
