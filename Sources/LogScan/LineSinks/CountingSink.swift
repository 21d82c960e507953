import Engine

/// Lines matched, and lines PCRE2 gave up on, per pattern: what `counts` and `limit_hits` say.
final class CountingSink: LineSink {
    private(set) var counts: [Int]
    private(set) var limitHits: [Int]

    init(patternCount: Int) {
        counts = Array(repeating: 0, count: patternCount)
        limitHits = Array(repeating: 0, count: patternCount)
    }

    func reset() {
        for index in counts.indices {
            counts[index] = 0
            limitHits[index] = 0
        }
    }

    func matched(_ pattern: Int, _ line: MatchedLine) { counts[pattern] += 1 }
    func gaveUp(_ pattern: Int, _ line: MatchedLine) { limitHits[pattern] += 1 }
}
