import Engine

/// Lines matched, and lines PCRE2 gave up on, per pattern: what `counts` and `limit_hits` say.
final class CountingSink: LineSink {
    private let patternCount: Int
    // Raw storage: `matched` runs once per matching line, where an array's uniqueness and
    // exclusivity checks would cost more than the addition.
    private let matchedLines: UnsafeMutablePointer<Int>
    private let limitedLines: UnsafeMutablePointer<Int>

    init(patternCount: Int) {
        self.patternCount = patternCount
        matchedLines = .allocate(capacity: max(1, patternCount))
        limitedLines = .allocate(capacity: max(1, patternCount))
        matchedLines.initialize(repeating: 0, count: max(1, patternCount))
        limitedLines.initialize(repeating: 0, count: max(1, patternCount))
    }

    deinit {
        matchedLines.deallocate()
        limitedLines.deallocate()
    }

    var counts: [Int] { Array(UnsafeBufferPointer(start: matchedLines, count: patternCount)) }
    var limitHits: [Int] { Array(UnsafeBufferPointer(start: limitedLines, count: patternCount)) }

    func reset() {
        matchedLines.update(repeating: 0, count: max(1, patternCount))
        limitedLines.update(repeating: 0, count: max(1, patternCount))
    }

    func matched(_ pattern: Int, _ line: MatchedLine) { matchedLines[pattern] += 1 }
    func gaveUp(_ pattern: Int, _ line: MatchedLine) { limitedLines[pattern] += 1 }
}
