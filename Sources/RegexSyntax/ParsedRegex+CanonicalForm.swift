extension ParsedRegex {
    /// A conservative canonical form: two patterns with the same canonical form match exactly the
    /// same lines (the `equivalent-regex` lint rule). The rewrites, each exact under logscan's
    /// options (UTF, no UCP, so `\d` is `[0-9]`):
    ///
    /// - `{1,}` → `+`, `{0,}` → `*`, `{0,1}` → `?` (with any lazy/possessive suffix), after something repeatable;
    /// - `[0-9]` → `\d`, `[^0-9]` → `\D`, and a class holding just `\d \D \w \W \s \S` → that escape;
    /// - `(?:x)` → `x` when x is one character, `.`, a class or a character-type escape, unless the
    ///   character is a digit, `,` or a brace (which could join a neighbour into an escape or a
    ///   repeat count) or the group follows an escape that a digit would extend (`\1`, `\x4`);
    /// - a pattern wrapped whole in one `(?:...)` (nothing repeating it) → its content.
    ///
    /// Patterns without lint tokens (see `lintTokens`), `(*UCP)` among them, are left as written,
    /// so they are only ever equal to themselves. Missing an equivalence is fine; inventing one is not.
    package var canonicalForm: String {
        guard var tokens = lintTokens else { return source }
        var changed = true
        var rounds = 0
        while changed && rounds < 16 {
            changed = false
            rounds += 1
            changed = CanonicalRewrites.quantifiers(&tokens) || changed
            changed = CanonicalRewrites.classes(&tokens) || changed
            changed = CanonicalRewrites.unwrapSingleAtoms(&tokens) || changed
            changed = CanonicalRewrites.unwrapWhole(&tokens) || changed
        }
        return tokens.map(\.text).joined()
    }
}

/// The rewrites behind `canonicalForm`, each on the token list.
private enum CanonicalRewrites {
    static let shortQuantifiers = ["{1,}": "+", "{0,}": "*", "{0,1}": "?"]

    static func isRepeatable(_ token: LintToken) -> Bool {
        switch token.kind {
        case .literal, .characterClass, .dot, .groupClose: return true
        case .escape: return !assertionEscapes.contains(token.text)
        default: return false
        }
    }

    static let assertionEscapes: Set<String> = ["\\b", "\\B", "\\A", "\\z", "\\Z", "\\G", "\\K"]

    static func quantifiers(_ tokens: inout [LintToken]) -> Bool {
        var changed = false
        for index in tokens.indices.dropFirst() where tokens[index].kind == .quantifier && isRepeatable(tokens[index - 1]) {
            let text = tokens[index].text
            let suffix = text.hasSuffix("}") ? "" : String(text.last!)
            let body = suffix.isEmpty ? text : String(text.dropLast())
            if let short = shortQuantifiers[body] {
                tokens[index].text = short + suffix
                changed = true
            }
        }
        return changed
    }

    static let classRewrites = [
        "[0-9]": "\\d", "[^0-9]": "\\D",
        "[\\d]": "\\d", "[\\D]": "\\D", "[\\w]": "\\w", "[\\W]": "\\W", "[\\s]": "\\s", "[\\S]": "\\S",
    ]

    static func classes(_ tokens: inout [LintToken]) -> Bool {
        var changed = false
        for index in tokens.indices where tokens[index].kind == .characterClass {
            if let escape = classRewrites[tokens[index].text] {
                tokens[index] = LintToken(kind: .escape(extendable: false), text: escape)
                changed = true
            }
        }
        return changed
    }

    /// Escapes that stand for one character of a fixed set and take nothing from what follows.
    static func isSingleCharacterEscape(_ text: String) -> Bool {
        if ["\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "\\h", "\\H", "\\v", "\\V", "\\t", "\\n", "\\r", "\\f", "\\e", "\\a"].contains(text) {
            return true
        }
        if text.hasPrefix("\\p{") || text.hasPrefix("\\P{") || text.hasPrefix("\\x{") { return true }
        // `\.`, `\(` ...: an escaped punctuation character is that character.
        let scalars = Array(text.unicodeScalars)
        return scalars.count == 2 && scalars[1].isASCII && !scalars[1].properties.isAlphabetic && !("0"..."9").contains(scalars[1])
    }

    static func isMovableAtom(_ token: LintToken) -> Bool {
        switch token.kind {
        case .dot, .characterClass: return true
        case .literal: return !["{", "}", ",", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"].contains(token.text)
        case .escape(let extendable): return !extendable && isSingleCharacterEscape(token.text)
        default: return false
        }
    }

    static func unwrapSingleAtoms(_ tokens: inout [LintToken]) -> Bool {
        var index = 0
        var changed = false
        while index + 2 < tokens.count {
            let afterExtendable: Bool
            if index > 0, case .escape(extendable: true) = tokens[index - 1].kind { afterExtendable = true } else { afterExtendable = false }
            if tokens[index].kind == .groupOpen, tokens[index].text == "(?:", isMovableAtom(tokens[index + 1]),
               tokens[index + 2].kind == .groupClose, !afterExtendable {
                tokens.replaceSubrange(index..<index + 3, with: [tokens[index + 1]])
                changed = true
            }
            index += 1
        }
        return changed
    }

    static func unwrapWhole(_ tokens: inout [LintToken]) -> Bool {
        guard tokens.count >= 2, tokens[0].kind == .groupOpen, tokens[0].text == "(?:", tokens.last?.kind == .groupClose else { return false }
        var depth = 0
        for index in tokens.indices {
            if tokens[index].kind == .groupOpen { depth += 1 }
            if tokens[index].kind == .groupClose {
                depth -= 1
                // The first group must close at the very end, or it does not wrap everything.
                if depth == 0 && index != tokens.count - 1 { return false }
            }
        }
        guard depth == 0 else { return false }
        tokens = Array(tokens[1..<tokens.count - 1])
        return true
    }
}
