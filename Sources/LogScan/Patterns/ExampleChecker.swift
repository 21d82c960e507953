/// Runs each pattern's `match`/`nomatch` examples through the same per-line regex the scanner
/// confirms with, so `logscan check` passing means the scanner agrees with the examples.
public struct ExampleChecker {
    public struct Failure: Sendable, CustomStringConvertible {
        public var location: SourceLocation
        public var patternID: String
        public var expectedMatch: Bool
        public var example: String
        /// Set when PCRE2 gave up (limit) instead of answering.
        public var limitError: String?

        public var description: String {
            let what = limitError.map { "example hit a PCRE2 limit (\($0))" }
                ?? (expectedMatch ? "`match` example does not match" : "`nomatch` example matches")
            return "\(location) (id \(patternID)): \(what): \(example.debugDescription)"
        }
    }

    private let patterns: PatternSet
    private let matcher: LineMatcher

    public init(patterns: PatternSet, limits: MatchLimits = MatchLimits()) {
        self.patterns = patterns
        matcher = LineMatcher(patterns: patterns, limits: limits)
    }

    /// Number of examples checked, and the ones that disagree with their regex.
    public func check() -> (checked: Int, failures: [Failure]) {
        var checked = 0
        var failures: [Failure] = []
        for (index, pattern) in patterns.patterns.enumerated() {
            let definition = pattern.definition
            for (expected, examples) in [(true, definition.matchExamples), (false, definition.nomatchExamples)] {
                for example in examples {
                    checked += 1
                    var line = example
                    while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
                    switch matcher.matches(patternIndex: index, line: line) {
                    case .success(let matched) where matched == expected:
                        break
                    case .success:
                        failures.append(Failure(location: definition.location, patternID: definition.id,
                                                expectedMatch: expected, example: example))
                    case .failure(let error):
                        failures.append(Failure(location: definition.location, patternID: definition.id,
                                                expectedMatch: expected, example: example, limitError: error.message))
                    }
                }
            }
        }
        return (checked, failures)
    }
}

/// Matches single lines against one pattern of a set, exactly as the scanner confirms a line.
/// For tools and tests; scanning goes through `DocumentScanner`.
public final class LineMatcher {
    public struct LimitError: Error, Sendable { public var message: String }

    private let patterns: PatternSet
    private let workspace: MatchWorkspace

    public init(patterns: PatternSet, limits: MatchLimits = MatchLimits()) {
        self.patterns = patterns
        workspace = MatchWorkspace(patterns: patterns, limits: limits)
    }

    public func matches(patternIndex: Int, line: String) -> Result<Bool, LimitError> {
        // A terminating byte keeps the pointer valid for an empty line; it is not part of the subject.
        let bytes = Array(line.utf8) + [0]
        return bytes.withUnsafeBufferPointer { buffer in
            switch workspace.firstMatch(patterns.patterns[patternIndex].lineRegex, buffer.baseAddress!, length: buffer.count - 1, from: 0) {
            case .match: return .success(true)
            case .noMatch: return .success(false)
            case .failure(let code): return .failure(LimitError(message: PCRE2.errorMessage(code)))
            }
        }
    }
}
