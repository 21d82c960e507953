import Engine

/// Per pattern, the lines Vectorscan named as candidates (`logscan bench`: candidates far above
/// the lines that match mean PCRE2 confirms a lot).
final class CandidateCountSink: LineSink {
    private(set) var candidates: [Int]

    init(patternCount: Int) { candidates = Array(repeating: 0, count: patternCount) }

    var wantsCandidates: Bool { true }
    func candidate(_ pattern: Int) { candidates[pattern] += 1 }
    func matched(_ pattern: Int, _ line: MatchedLine) {}
    func gaveUp(_ pattern: Int, _ line: MatchedLine) {}
}
