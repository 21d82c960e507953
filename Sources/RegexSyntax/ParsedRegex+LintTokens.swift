/// One syntactic unit of a PCRE2 pattern, as far as the lint rules need to see them.
package struct LintToken: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// One literal character.
        case literal
        /// A backslash sequence. `extendable`: a following digit or hex digit would become part
        /// of it (`\1` + `0` is `\10`, `\x4` + `1` is `\x41`), so nothing may be moved next to it.
        case escape(extendable: Bool)
        case characterClass
        case dot
        /// `^` or `$`.
        case anchor
        /// `(`, `(?:`, `(?i:`, `(?=`, `(?<name>` ...: the whole opening text.
        case groupOpen
        case groupClose
        case alternation
        /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each optionally followed by `?` (lazy) or `+` (possessive).
        case quantifier
        /// `(?i)`, `(?m-s)` ...: changes options up to the end of the enclosing group.
        case optionSetting
    }

    package var kind: Kind
    package var text: String

    package init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}

extension ParsedRegex {
    /// The regex as lint tokens, or nil when it uses syntax they do not model (`\Q…\E`, verbs,
    /// comments, conditionals, recursion, callouts, extended mode) or PCRE2 rejects it. Giving up
    /// is always safe for the lint rules: they then treat the pattern as opaque.
    package var lintTokens: [LintToken]? {
        guard isValid, !hasOpaqueSyntax else { return nil }
        var tokens: [LintToken] = []
        tokens.reserveCapacity(nodes.count)
        appendTokens(of: 0, to: &tokens)
        return tokens
    }

    private func appendTokens(of index: Int, to tokens: inout [LintToken]) {
        let node = nodes[index]
        switch node.kind {
        case .group:
            if node.groupKind != .root { tokens.append(LintToken(kind: .groupOpen, text: text(node.start, node.contentStart))) }
            var first = true
            for branch in children(of: index) {
                if !first { tokens.append(LintToken(kind: .alternation, text: "|")) }
                first = false
                appendTokens(of: branch, to: &tokens)
            }
            if node.groupKind != .root { tokens.append(LintToken(kind: .groupClose, text: ")")) }
        case .branch:
            for item in children(of: index) { appendTokens(of: item, to: &tokens) }
        case .literal:
            tokens.append(LintToken(kind: .literal, text: text(of: index)))
        case .escape:
            tokens.append(LintToken(kind: .escape(extendable: isExtendable(node)), text: text(of: index)))
        case .characterClass:
            tokens.append(LintToken(kind: .characterClass, text: text(of: index)))
        case .dot:
            tokens.append(LintToken(kind: .dot, text: "."))
        case .startAnchor, .endAnchor:
            tokens.append(LintToken(kind: .anchor, text: text(of: index)))
        case .optionSetting:
            tokens.append(LintToken(kind: .optionSetting, text: text(of: index)))
        default:
            tokens.append(LintToken(kind: .literal, text: text(of: index)))
        }
        if let quantifier = node.quantifier {
            tokens.append(LintToken(kind: .quantifier, text: text(quantifier.start, quantifier.end)))
        }
    }

    /// Whether a digit (or hex digit) written right after the escape would become part of it.
    private func isExtendable(_ node: RegexNode) -> Bool {
        switch node.letter {
        case UInt8(ascii: "x"): return bytes[Int(node.contentStart)...].first != UInt8(ascii: "{") && node.end - node.start < 4
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        case UInt8(ascii: "g"):
            let open = node.contentStart < node.end ? bytes[Int(node.contentStart)] : 0
            return open != UInt8(ascii: "{") && open != UInt8(ascii: "<") && open != UInt8(ascii: "'")
        default: return false
        }
    }
}
