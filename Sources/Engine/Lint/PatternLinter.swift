import PatternSets

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
        let sameAs = duplicates(definitions, into: &found)
        for index in definitions.indices {
            found[index] += emptyMatch(index) + leadingWildcard(definitions[index]) + caseRules(index)
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
    private func duplicates(_ definitions: [PatternDefinition], into found: inout [[LintWarning]]) -> [Int?] {
        var firstByText: [String: Int] = [:]
        var firstByCanonical: [String: Int] = [:]
        var sameAs: [Int?] = Array(repeating: nil, count: definitions.count)
        for (index, definition) in definitions.enumerated() {
            let canonical = RegexCanonicalizer.canonical(definition.regex)
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

    private func leadingWildcard(_ definition: PatternDefinition) -> [LintWarning] {
        guard let tokens = RegexTokenizer.tokens(definition.regex) else { return [] }
        var index = 0
        while index < tokens.count, tokens[index].kind == .optionSetting { index += 1 }
        let anchored = index < tokens.count && tokens[index].text == "^"
        if anchored { index += 1 }
        guard index + 2 < tokens.count, tokens[index].kind == .dot, tokens[index + 1].kind == .quantifier,
              tokens[index + 2].kind != .alternation, tokens[index + 2].kind != .groupClose else { return [] }
        let quantifier = tokens[index + 1].text
        let lazy = quantifier.count > 1 && quantifier.hasSuffix("?")
        let body = lazy ? String(quantifier.dropLast()) : quantifier
        let prefix = (anchored ? "^." : ".") + quantifier
        switch body {
        case "*", "{0,}":
            return [warning(definition, .leadingWildcard,
                            "leading `\(prefix)` changes nothing about which lines count (a match may start anywhere) but stops PCRE2 and Vectorscan from skipping ahead to the text after it; drop it")]
        case "+", "{1,}":
            return [warning(definition, .leadingWildcard,
                            "leading `\(prefix)` only asks for some character before the rest: an unanchored `.` instead counts the same lines (on valid UTF-8), faster")]
        default:
            return []
        }
    }

    // MARK: case-mismatch, needless-ignore-case

    private func caseRules(_ index: Int) -> [LintWarning] {
        let definition = patterns.patterns[index].definition
        var warnings: [LintWarning] = []
        let missed = definition.matchExamples.filter { matches(index, $0) == false }
        if !missed.isEmpty, let caseless = try? PCRE2Regex(pattern: definition.regex, multiline: false, caseless: true) {
            for example in missed where matchesVariant(caseless, example) == true {
                warnings.append(warning(definition, .caseMismatch,
                                        "`match` example \(example.debugDescription) is missed only because of letter case: add (?i) or fix the example's case"))
            }
        }
        if !definition.matchExamples.isEmpty, missed.isEmpty, let caseSensitive = Self.withoutLeadingIgnoreCase(definition.regex),
           let probe = try? PCRE2Regex(pattern: caseSensitive, multiline: false),
           definition.matchExamples.allSatisfy({ matchesVariant(probe, $0) == true }) {
            warnings.append(warning(definition, .needlessIgnoreCase,
                                    "every `match` example also matches without the leading (?i), and caseless matching is slower: drop it, or add an example whose case differs"))
        }
        return warnings
    }

    /// The regex with the `i` of a leading option setting (`(?i)`, `(?im)`) removed; nil when
    /// there is none. Settings that also unset options (`-`, `^`) are left alone.
    static func withoutLeadingIgnoreCase(_ regex: String) -> String? {
        guard regex.hasPrefix("(?"), let close = regex.firstIndex(of: ")") else { return nil }
        let flags = regex[regex.index(regex.startIndex, offsetBy: 2)..<close]
        guard flags.contains("i"), flags.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        let remaining = flags.filter { $0 != "i" }
        let rest = regex[regex.index(after: close)...]
        return remaining.isEmpty ? String(rest) : "(?\(remaining))\(rest)"
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
