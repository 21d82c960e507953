import PatternSets

/// The checks `logscan check` runs beyond compiling and running examples. Names are stable: they
/// appear in every warning (`[leading-wildcard]`) for people and scripts to grep.
package enum LintRule: String, Sendable, CaseIterable {
    case duplicateRegex = "duplicate-regex"
    case equivalentRegex = "equivalent-regex"
    case matchesEmpty = "matches-empty"
    case leadingWildcard = "leading-wildcard"
    case caseMismatch = "case-mismatch"
    case needlessIgnoreCase = "needless-ignore-case"
    case shadowed = "shadowed"

    /// One short line for `logscan check --help`; the README explains each rule in full.
    package var summary: String {
        switch self {
        case .duplicateRegex: return "same regex text as an earlier pattern"
        case .equivalentRegex: return "same regex as an earlier one, once canonicalized"
        case .matchesEmpty: return "matches the empty string: every line counts"
        case .leadingWildcard: return "starts with .* or .+ (perhaps after ^): slower, no use"
        case .caseMismatch: return "a match example missed only because of letter case"
        case .needlessIgnoreCase: return "a leading (?i) that no match example needs"
        case .shadowed: return "a higher-priority pattern matches all its match examples"
        }
    }
}

/// A lint finding about one pattern, printed like a compiler warning.
package struct LintWarning: Sendable, Hashable, CustomStringConvertible {
    package var location: SourceLocation
    package var patternID: String
    package var rule: LintRule
    package var message: String

    package init(location: SourceLocation, patternID: String, rule: LintRule, message: String) {
        self.location = location
        self.patternID = patternID
        self.rule = rule
        self.message = message
    }

    package var description: String { "\(location): warning: \(patternID): \(message) [\(rule.rawValue)]" }
}
