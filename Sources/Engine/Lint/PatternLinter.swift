import PatternSets
import RegexSyntax

/// Finds patterns that load and pass their examples but are probably not what their author meant,
/// or cost more than they need to (`LintRule`). Matching goes through the scanner's own per-line
/// regexes, so "matches" means what it means when counting.
package struct PatternLinter {
    private let patterns: PatternSet
    private let tester: LineTester

    package init(patterns: PatternSet, limits: MatchLimits = MatchLimits()) {
        self.patterns = patterns
        tester = LineTester(limits: limits, captureCount: patterns.maxCaptureCount)
    }

    /// Every warning, by pattern in load order, then by rule.
    package func warnings() -> [LintWarning] {
        let definitions = patterns.patterns.map(\.definition)
        var found: [[LintWarning]] = Array(repeating: [], count: definitions.count)
        let parsed = definitions.map { ParsedRegex($0.regex) }
        let sameAs = duplicates(definitions, parsed, into: &found)
        for index in definitions.indices {
            found[index] += emptyMatch(index) + leadingWildcard(definitions[index], parsed[index]) + caseRules(index, parsed[index])
        }
        shadowing(definitions, sameAs: sameAs, into: &found)
        let ruleOrder = Dictionary(uniqueKeysWithValues: LintRule.allCases.enumerated().map { ($1, $0) })
        return found.flatMap { $0.sorted { ruleOrder[$0.rule]! < ruleOrder[$1.rule]! } }
    }

    private func warning(_ definition: PatternDefinition, _ rule: LintRule, _ message: String) -> LintWarning {
        LintWarning(location: definition.location, patternID: definition.id, rule: rule, message: message)
    }

    private func matches(_ index: Int, _ example: String) -> Bool? {
        try? tester.matches(patterns.patterns[index].lineRegex, line: example).get()
    }

    /// Whether `example` matches `regex` compiled on its own (optionally caseless); nil when the
    /// variant does not compile or PCRE2 gives up, which no rule reads as an answer.
    private func matchesVariant(_ regex: PCRE2Regex?, _ example: String) -> Bool? {
        guard let regex else { return nil }
        return try? tester.matches(regex, line: example).get()
    }

    // MARK: duplicate-regex, equivalent-regex

    /// Reports each pattern whose regex (or canonical form) an earlier one already has; returns,
    /// per pattern, the earlier pattern it repeats, so `shadowed` does not say it again.
    private func duplicates(_ definitions: [PatternDefinition], _ parsed: [ParsedRegex], into found: inout [[LintWarning]]) -> [Int?] {
        var firstByText: [String: Int] = [:]
        var firstByCanonical: [String: Int] = [:]
        var sameAs: [Int?] = Array(repeating: nil, count: definitions.count)
        for (index, definition) in definitions.enumerated() {
            let canonical = parsed[index].canonicalForm
            if let first = firstByText[definition.regex] {
                let other = definitions[first]
                found[index].append(warning(definition, .duplicateRegex, "same regex as `\(other.id)` (\(other.location))"))
                sameAs[index] = first
            } else if let first = firstByCanonical[canonical] {
                let other = definitions[first]
                found[index].append(warning(definition, .equivalentRegex,
                                            "matches the same lines as `\(other.id)` (\(other.location)): both read as \(canonical.debugDescription)"))
                sameAs[index] = first
            }
            if firstByText[definition.regex] == nil { firstByText[definition.regex] = index }
            if firstByCanonical[canonical] == nil { firstByCanonical[canonical] = index }
        }
        return sameAs
    }

    // MARK: matches-empty

    private func emptyMatch(_ index: Int) -> [LintWarning] {
        guard matches(index, "") == true else { return [] }
        return [warning(patterns.patterns[index].definition, .matchesEmpty,
                        "matches the empty string, so every line counts (an empty alternative, or everything optional?)")]
    }

    // MARK: leading-wildcard

    private func leadingWildcard(_ definition: PatternDefinition, _ parsed: ParsedRegex) -> [LintWarning] {
        guard let wildcard = parsed.leadingWildcard else { return [] }
        switch wildcard.effect {
        case .none:
            return [warning(definition, .leadingWildcard,
                            "leading `\(wildcard.prefix)` changes nothing about which lines count (a match may start anywhere) but stops PCRE2 and Vectorscan from skipping ahead to the text after it; drop it")]
        case .requiresACharacter:
            return [warning(definition, .leadingWildcard,
                            "leading `\(wildcard.prefix)` only asks for some character before the rest: an unanchored `.` instead counts the same lines (on valid UTF-8), faster")]
        }
    }

    // MARK: case-mismatch, needless-ignore-case

    private func caseRules(_ index: Int, _ parsed: ParsedRegex) -> [LintWarning] {
        let definition = patterns.patterns[index].definition
        var warnings: [LintWarning] = []
        let missed = definition.matchExamples.filter { matches(index, $0) == false }
        if !missed.isEmpty, let caseless = try? PCRE2Regex(pattern: definition.regex, multiline: false, caseless: true) {
            for example in missed where matchesVariant(caseless, example) == true {
                warnings.append(warning(definition, .caseMismatch,
                                        "`match` example \(example.debugDescription) is missed only because of letter case: add (?i) or fix the example's case"))
            }
        }
        if !definition.matchExamples.isEmpty, missed.isEmpty, let caseSensitive = parsed.withoutLeadingIgnoreCase,
           let probe = try? PCRE2Regex(pattern: caseSensitive, multiline: false),
           definition.matchExamples.allSatisfy({ matchesVariant(probe, $0) == true }) {
            warnings.append(warning(definition, .needlessIgnoreCase,
                                    "every `match` example also matches without the leading (?i), and caseless matching is slower: drop it, or add an example whose case differs"))
        }
        return warnings
    }

    // MARK: shadowed

    /// A pattern loses every one of its `match` examples to a single pattern that ranks above it
    /// (`PatternPrecedence`): under classification it would never be the answer for them.
    private func shadowing(_ definitions: [PatternDefinition], sameAs: [Int?], into found: inout [[LintWarning]]) {
        let order = PatternPrecedence.order(definitions)
        for (rank, index) in order.enumerated() where !definitions[index].matchExamples.isEmpty {
            let examples = definitions[index].matchExamples
            for higher in order[..<rank] where higher != sameAs[index] {
                guard examples.allSatisfy({ matches(higher, $0) == true }) else { continue }
                let other = definitions[higher]
                let why = definitions[index].priority == nil && other.priority == nil ? "comes earlier" : "has higher priority"
                found[index].append(warning(definitions[index], .shadowed,
                                            "every `match` example is also matched by `\(other.id)` (\(other.location)), which \(why) and would win under classification"))
                break
            }
        }
    }
}
