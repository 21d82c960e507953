/// What the matcher reports to: every line a pattern matches, in line order for each pattern.
///
/// Counting, examples, classification, TestGrid attribution and the bench's candidate counts are
/// sinks; a new consumer of matches (a state store, novelty detection) is one more, and never a
/// knob on the matcher. A sink belongs to one worker, like the matcher that calls it.
package protocol LineSink: AnyObject {
    /// `pattern` matches `line`: PCRE2 confirmed it, or Vectorscan's report is exact for it.
    func matched(_ pattern: Int, _ line: MatchedLine)
    /// PCRE2 gave up on `line` for `pattern` (match, depth or JIT-stack limit): neither a match nor
    /// a miss, so it is reported rather than dropped.
    func gaveUp(_ pattern: Int, _ line: MatchedLine)
    /// Whether `candidate(_:)` should be called at all (it is on Vectorscan's hot path).
    var wantsCandidates: Bool { get }
    /// Vectorscan named a line as possibly matching `pattern`, before any confirmation.
    func candidate(_ pattern: Int)
    /// The chunk's bytes are about to be reused: a sink that kept offsets into it copies what it needs.
    func chunkEnded()
}

extension LineSink {
    package var wantsCandidates: Bool { false }
    package func candidate(_ pattern: Int) {}
    package func chunkEnded() {}
}

/// A matched line of the current chunk: its bytes, and its 1-based number, found only when asked.
package struct MatchedLine {
    // Unowned and unchecked: a `MatchedLine` lives only for the sink call the matcher makes while
    // it holds the chunk and its line index.
    unowned(unsafe) let index: LineIndex
    /// Offsets of the line in the chunk, its `\n` excluded.
    package let start: Int
    package let end: Int

    package var number: Int { index.number(at: start) }
    package var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: index.base + start, count: end - start) }

    /// The line's first `limit` bytes, copied (the chunk's buffer is reused).
    package func text(limit: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: index.base + start, count: min(end - start, limit)))
    }
}

/// Several sinks fed the same lines, in order.
package final class FanOutSink: LineSink {
    private let sinks: [any LineSink]
    package let wantsCandidates: Bool

    package init(_ sinks: [any LineSink]) {
        self.sinks = sinks
        wantsCandidates = sinks.contains { $0.wantsCandidates }
    }

    package func matched(_ pattern: Int, _ line: MatchedLine) { for sink in sinks { sink.matched(pattern, line) } }
    package func gaveUp(_ pattern: Int, _ line: MatchedLine) { for sink in sinks { sink.gaveUp(pattern, line) } }
    package func candidate(_ pattern: Int) { for sink in sinks where sink.wantsCandidates { sink.candidate(pattern) } }
    package func chunkEnded() { for sink in sinks { sink.chunkEnded() } }
}
