/// PCRE2 on every line, one pattern at a time: for patterns whose meaning could change in a buffer
/// of lines (negative lookaround, `\A`, atomic groups...; see `LineLocality`), and for
/// Vectorscan-routed ones when no Vectorscan scratch could be had.
package final class EveryLineRoute: MatchRoute {
    private let patterns: [Int]

    init(_ patterns: [Int]) { self.patterns = patterns }

    package func scan(_ matcher: ChunkMatcher) {
        matcher.everyLine(patterns, from: 0, to: matcher.length)
    }
}
