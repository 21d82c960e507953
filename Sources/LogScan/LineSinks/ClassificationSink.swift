import Engine
import PatternSets

/// The pattern that explains a document: the highest-precedence pattern with any match, at its
/// last matching line, with its capture groups. This is what PyTorch's log classifier computes
/// (later lines are likelier to be the cause), so its rulesets classify the same here.
package struct Classification: Sendable, Equatable {
    /// Index of the winning pattern in the set.
    package var pattern: Int
    /// 1-based line number.
    package var line: Int
    /// The cleaned line, cut at `DocumentTally.exampleTextLimit` bytes.
    package var text: [UInt8]
    /// Each participating capture group's text, in group order; the whole match when the regex has
    /// no groups (PyTorch's convention). Each cut at `DocumentTally.exampleTextLimit` bytes.
    package var captures: [[UInt8]]

    package init(pattern: Int, line: Int, text: [UInt8], captures: [[UInt8]]) {
        self.pattern = pattern
        self.line = line
        self.text = text
        self.captures = captures
    }
}

/// What decides a classification: each pattern's rank, and lines that may never win.
package struct ClassificationRules: Sendable {
    /// Per pattern index: 0 = highest precedence (see `PatternPrecedence`).
    package var ranks: [Int]
    /// Lines matching any of these cannot be a document's classification (they still count):
    /// CI-wrapper boilerplate such as `##[error]Process completed with exit code 1.`, which
    /// PyTorch's classifier drops before matching so the real cause above it wins.
    let skipLines: [PCRE2Regex]

    package init(ranks: [Int], skipLines: [String] = []) throws(PatternSetError) {
        self.ranks = ranks
        var compiled: [PCRE2Regex] = []
        for (index, regex) in skipLines.enumerated() {
            do {
                compiled.append(try PCRE2Regex(pattern: regex, multiline: false))
            } catch {
                throw PatternSetError(location: SourceLocation(file: "--classify-skip", line: index + 1), patternID: regex,
                                      message: "PCRE2 cannot compile it: \(error.message) (at offset \(error.offset))")
            }
        }
        self.skipLines = compiled
    }
}

/// Follows one document's matched lines and keeps the current winner's line (a copy, since the
/// read buffer is reused): the best line of a chunk is found by offsets and copied at the chunk's
/// end, only when it beats the winner so far. One per worker.
final class ClassificationSink: LineSink {
    /// Per pattern: 0 = highest precedence.
    private let ranks: [Int]
    private let skipLines: [PCRE2Regex]
    private let workspace: MatchWorkspace
    private var winner: (pattern: Int, line: Int, text: [UInt8])?
    /// The best line of the current chunk, not yet compared with the winner.
    private var chunkBest: (pattern: Int, line: MatchedLine)?

    init(rules: ClassificationRules, workspace: MatchWorkspace) {
        ranks = rules.ranks
        skipLines = rules.skipLines
        self.workspace = workspace
    }

    func reset() {
        winner = nil
        chunkBest = nil
    }

    func matched(_ pattern: Int, _ line: MatchedLine) {
        if let best = chunkBest {
            let rank = ranks[pattern], bestRank = ranks[best.pattern]
            guard rank < bestRank || (rank == bestRank && line.start > best.line.start) else { return }
        }
        if !skipLines.isEmpty, isSkipped(line.bytes) { return }
        chunkBest = (pattern, line)
    }

    func gaveUp(_ pattern: Int, _ line: MatchedLine) {}

    func chunkEnded() {
        guard let best = chunkBest else { return }
        chunkBest = nil
        let number = best.line.number
        if let winner {
            let rank = ranks[best.pattern], winnerRank = ranks[winner.pattern]
            guard rank < winnerRank || (rank == winnerRank && number > winner.line) else { return }
        }
        winner = (best.pattern, number, Array(best.line.bytes))
    }

    private func isSkipped(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let subject = line.baseAddress ?? UnsafePointer(bitPattern: 1)!
        return skipLines.contains { regex in
            if case .match = workspace.firstMatch(regex, subject, length: line.count, from: 0) { return true }
            return false
        }
    }

    /// The document's classification, with captures from one more match of the winner's regex.
    func finish(patterns: PatternSet) -> Classification? {
        guard let winner else { return nil }
        let limit = DocumentTally.exampleTextLimit
        var captures: [[UInt8]] = []
        let regex = patterns.patterns[winner.pattern].lineRegex
        winner.text.withUnsafeBufferPointer { text in
            let subject = text.baseAddress ?? UnsafePointer(bitPattern: 1)!
            guard case .match = workspace.firstMatch(regex, subject, length: text.count, from: 0) else { return }
            let ovector = workspace.ovector()
            let groups = regex.captureCount == 0 ? [0] : Array(1...regex.captureCount)
            for group in groups {
                let start = ovector[2 * group], end = ovector[2 * group + 1]
                // PCRE2_UNSET (~0) marks a group that did not take part: PyTorch leaves those out.
                guard start != -1, start <= end, end <= text.count else { continue }
                captures.append(Array(text[start..<min(end, start + limit)]))
            }
        }
        return Classification(pattern: winner.pattern, line: winner.line, text: Array(winner.text.prefix(limit)), captures: captures)
    }
}
