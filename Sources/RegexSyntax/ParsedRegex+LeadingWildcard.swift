/// A pattern starting with `.*` or `.+` (after option settings and an optional `^`), which the
/// `leading-wildcard` lint rule reports.
package struct RegexLeadingWildcard: Sendable, Equatable {
    package enum Effect: Sendable, Equatable {
        /// `.*`, `.{0,}` (lazy or not): changes nothing about which lines count.
        case none
        /// `.+`, `.{1,}`: only asks for some character before the rest.
        case requiresACharacter
    }

    /// The wildcard as written, with its `^`: `.*`, `^.+?`.
    package var prefix: String
    package var effect: Effect

    package init(prefix: String, effect: Effect) {
        self.prefix = prefix
        self.effect = effect
    }
}

extension ParsedRegex {
    /// The leading wildcard, when the pattern has one followed by more pattern in its branch.
    package var leadingWildcard: RegexLeadingWildcard? {
        guard let tokens = lintTokens else { return nil }
        var index = 0
        while index < tokens.count, tokens[index].kind == .optionSetting { index += 1 }
        let anchored = index < tokens.count && tokens[index].text == "^"
        if anchored { index += 1 }
        guard index + 2 < tokens.count, tokens[index].kind == .dot, tokens[index + 1].kind == .quantifier,
              tokens[index + 2].kind != .alternation, tokens[index + 2].kind != .groupClose else { return nil }
        let quantifier = tokens[index + 1].text
        let lazy = quantifier.count > 1 && quantifier.hasSuffix("?")
        let body = lazy ? String(quantifier.dropLast()) : quantifier
        let prefix = (anchored ? "^." : ".") + quantifier
        switch body {
        case "*", "{0,}": return RegexLeadingWildcard(prefix: prefix, effect: .none)
        case "+", "{1,}": return RegexLeadingWildcard(prefix: prefix, effect: .requiresACharacter)
        default: return nil
        }
    }
}
