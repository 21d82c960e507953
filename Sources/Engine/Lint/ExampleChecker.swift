import PatternSets

/// Runs each pattern's `match`/`nomatch` examples through the same per-line regex the scanner
/// confirms with, so `logscan check` passing means the scanner agrees with the examples.
package struct ExampleChecker {
    package struct Failure: Sendable, CustomStringConvertible {
        package var location: SourceLocation
        package var patternID: String
        package var expectedMatch: Bool
        package var example: String
        /// Set when PCRE2 gave up (limit) instead of answering.
        package var limitError: String?

        package var description: String {
            let what = limitError.map { "example hit a PCRE2 limit (\($0))" }
                ?? (expectedMatch ? "`match` example does not match" : "`nomatch` example matches")
            return "\(location) (id \(patternID)): \(what): \(example.debugDescription)"
        }
    }

    private let patterns: PatternSet
    private let tester: LineTester

    package init(patterns: PatternSet, limits: MatchLimits = MatchLimits()) {
        self.patterns = patterns
        tester = LineTester(limits: limits, captureCount: patterns.maxCaptureCount)
    }

    /// Number of examples checked, and the ones that disagree with their regex.
    package func check() -> (checked: Int, failures: [Failure]) {
        var checked = 0
        var failures: [Failure] = []
        for pattern in patterns.patterns {
            let definition = pattern.definition
            for (expected, examples) in [(true, definition.matchExamples), (false, definition.nomatchExamples)] {
                for example in examples {
                    checked += 1
                    switch tester.matches(pattern.lineRegex, line: example) {
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
