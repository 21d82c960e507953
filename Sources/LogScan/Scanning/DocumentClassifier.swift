/// The pattern that explains a document: the highest-precedence pattern with any match, at its
/// last matching line, with its capture groups. This is what PyTorch's log classifier computes
/// (later lines are likelier to be the cause), so its rulesets classify the same here.
public struct Classification: Sendable, Equatable {
    /// Index of the winning pattern in the set.
    public var pattern: Int
    /// 1-based line number.
    public var line: Int
    /// The cleaned line, cut at `DocumentTally.exampleTextLimit` bytes.
    public var text: [UInt8]
    /// Each participating capture group's text, in group order; the whole match when the regex has
    /// no groups (PyTorch's convention). Each cut at `DocumentTally.exampleTextLimit` bytes.
    public var captures: [[UInt8]]
}

/// What decides a classification: each pattern's rank, and lines that may never win.
public struct ClassificationRules: Sendable {
    /// Per pattern index: 0 = highest precedence (see `PatternPrecedence`).
    public var ranks: [Int]
    /// Lines matching any of these cannot be a document's classification (they still count):
    /// CI-wrapper boilerplate such as `##[error]Process completed with exit code 1.`, which
    /// PyTorch's classifier drops before matching so the real cause above it wins.
    let skipLines: [CompiledRegex]

    public init(ranks: [Int], skipLines: [String] = []) throws(PatternSetError) {
        self.ranks = ranks
        var compiled: [CompiledRegex] = []
        for (index, regex) in skipLines.enumerated() {
            do {
                compiled.append(try CompiledRegex(pattern: regex, multiline: false))
            } catch {
                throw PatternSetError(location: SourceLocation(file: "--classify-skip", line: index + 1), patternID: regex,
                                      message: "PCRE2 cannot compile it: \(error.message) (at offset \(error.offset))")
            }
        }
        self.skipLines = compiled
    }
}

/// Follows one document's counted lines chunk by chunk and keeps the current winner's line (a copy,
/// since the read buffer is reused). One per worker.
final class DocumentClassifier {
    /// Per pattern: 0 = highest precedence.
    private let ranks: [Int]
    private let skipLines: [CompiledRegex]
    private let workspace: MatchWorkspace
    private var winner: (pattern: Int, line: Int, text: [UInt8])?

    init(rules: ClassificationRules, workspace: MatchWorkspace) {
        ranks = rules.ranks
        skipLines = rules.skipLines
        self.workspace = workspace
    }

    func reset() { winner = nil }

    /// Takes the counted lines of a chunk (`base` holds its cleaned text).
    func observe(_ matches: [LineMatch], _ base: UnsafePointer<UInt8>) {
        var best: LineMatch?
        for match in matches {
            if let current = best {
                let rank = ranks[match.pattern], bestRank = ranks[current.pattern]
                guard rank < bestRank || (rank == bestRank && match.line > current.line) else { continue }
            }
            if !skipLines.isEmpty, isSkipped(base + match.start, length: match.end - match.start) { continue }
            best = match
        }
        guard let best else { return }
        if let winner {
            let rank = ranks[best.pattern], winnerRank = ranks[winner.pattern]
            guard rank < winnerRank || (rank == winnerRank && best.line > winner.line) else { return }
        }
        winner = (best.pattern, best.line, Array(UnsafeBufferPointer(start: base + best.start, count: best.end - best.start)))
    }

    private func isSkipped(_ line: UnsafePointer<UInt8>, length: Int) -> Bool {
        skipLines.contains { regex in
            if case .match = workspace.firstMatch(regex, line, length: length, from: 0) { return true }
            return false
        }
    }

    /// The document's classification, with captures from one more match of the winner's regex.
    func finish(patterns: [CompiledPattern], workspace: MatchWorkspace) -> Classification? {
        guard let winner else { return nil }
        let limit = DocumentTally.exampleTextLimit
        var captures: [[UInt8]] = []
        let regex = patterns[winner.pattern].lineRegex
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
