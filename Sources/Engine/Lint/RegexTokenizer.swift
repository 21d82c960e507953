/// One syntactic unit of a PCRE2 pattern, as far as the lint rules need to see them.
package struct RegexToken: Equatable {
    enum Kind: Equatable {
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

    var kind: Kind
    var text: String
}

/// Splits a PCRE2 pattern into `RegexToken`s, or gives up (nil) on syntax it does not model:
/// `\Q...\E` quoting, `(*VERB)`s and start-of-pattern options, comments, conditionals,
/// recursion and subroutine calls, and extended mode (`x`), where spaces and `#` change
/// meaning. Giving up is always safe for its users: they then treat the pattern as opaque.
package enum RegexTokenizer {
    static func tokens(_ regex: String) -> [RegexToken]? {
        let scalars = Array(regex.unicodeScalars)
        var tokens: [RegexToken] = []
        var index = 0
        func text(_ range: Range<Int>) -> String {
            var result = ""
            result.unicodeScalars.append(contentsOf: scalars[range])
            return result
        }
        /// Index just past the `close` that ends a braced/bracketed escape argument starting at `from`.
        func pastClosing(_ close: Unicode.Scalar, from: Int) -> Int? {
            var cursor = from
            while cursor < scalars.count {
                if scalars[cursor] == close { return cursor + 1 }
                cursor += 1
            }
            return nil
        }
        func isHexDigit(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isASCIIHexDigit
        }
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

        /// At a backslash: the end of the escape, and whether a following character could extend it.
        func escapeEnd(_ start: Int) -> (end: Int, extendable: Bool)? {
            guard start + 1 < scalars.count else { return nil }
            let kind = scalars[start + 1]
            let next = start + 2 < scalars.count ? scalars[start + 2] : nil
            switch kind {
            case "Q", "E":
                return nil
            case "x":
                if next == "{" { return pastClosing("}", from: start + 3).map { ($0, false) } }
                var end = start + 2
                while end < scalars.count, end < start + 4, isHexDigit(scalars[end]) { end += 1 }
                return (end, end < start + 4)
            case "o":
                guard next == "{" else { return nil }
                return pastClosing("}", from: start + 3).map { ($0, false) }
            case "0"..."9":
                var end = start + 2
                while end < scalars.count, isDigit(scalars[end]) { end += 1 }
                return (end, true)
            case "g":
                if next == "{" { return pastClosing("}", from: start + 3).map { ($0, false) } }
                if next == "<" { return pastClosing(">", from: start + 3).map { ($0, false) } }
                if next == "'" { return pastClosing("'", from: start + 3).map { ($0, false) } }
                var end = start + 2
                if end < scalars.count, scalars[end] == "+" || scalars[end] == "-" { end += 1 }
                while end < scalars.count, isDigit(scalars[end]) { end += 1 }
                return (end, true)
            case "k":
                if next == "{" { return pastClosing("}", from: start + 3).map { ($0, false) } }
                if next == "<" { return pastClosing(">", from: start + 3).map { ($0, false) } }
                if next == "'" { return pastClosing("'", from: start + 3).map { ($0, false) } }
                return nil
            case "p", "P", "N":
                if next == "{" { return pastClosing("}", from: start + 3).map { ($0, false) } }
                if kind == "N" { return (start + 2, false) }
                return next == nil ? nil : (start + 3, false)
            case "c":
                return next == nil ? nil : (start + 3, false)
            default:
                return (start + 2, false)
            }
        }

        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                guard let (end, extendable) = escapeEnd(index) else { return nil }
                tokens.append(RegexToken(kind: .escape(extendable: extendable), text: text(index..<end)))
                index = end
            case "[":
                var cursor = index + 1
                if cursor < scalars.count, scalars[cursor] == "^" { cursor += 1 }
                if cursor < scalars.count, scalars[cursor] == "]" { cursor += 1 }
                var closed = false
                while cursor < scalars.count {
                    let inner = scalars[cursor]
                    if inner == "]" {
                        closed = true
                        cursor += 1
                        break
                    }
                    if inner == "\\" {
                        guard let (end, _) = escapeEnd(cursor) else { return nil }
                        cursor = end
                    } else if inner == "[", cursor + 1 < scalars.count, [":", ".", "="].contains(scalars[cursor + 1]) {
                        let terminator = scalars[cursor + 1]
                        var end = cursor + 2
                        while end + 1 < scalars.count, !(scalars[end] == terminator && scalars[end + 1] == "]") { end += 1 }
                        guard end + 1 < scalars.count else { return nil }
                        cursor = end + 2
                    } else {
                        cursor += 1
                    }
                }
                guard closed else { return nil }
                tokens.append(RegexToken(kind: .characterClass, text: text(index..<cursor)))
                index = cursor
            case "(":
                guard index + 1 < scalars.count else { return nil }
                if scalars[index + 1] == "*" { return nil }
                guard scalars[index + 1] == "?" else {
                    tokens.append(RegexToken(kind: .groupOpen, text: "("))
                    index += 1
                    continue
                }
                guard index + 2 < scalars.count else { return nil }
                let marker = scalars[index + 2]
                switch marker {
                case ":", "=", "!", ">", "|":
                    tokens.append(RegexToken(kind: .groupOpen, text: text(index..<index + 3)))
                    index += 3
                case "<":
                    guard index + 3 < scalars.count else { return nil }
                    if scalars[index + 3] == "=" || scalars[index + 3] == "!" {
                        tokens.append(RegexToken(kind: .groupOpen, text: text(index..<index + 4)))
                        index += 4
                    } else {
                        guard let end = pastClosing(">", from: index + 3) else { return nil }
                        tokens.append(RegexToken(kind: .groupOpen, text: text(index..<end)))
                        index = end
                    }
                case "P":
                    guard index + 3 < scalars.count, scalars[index + 3] == "<", let end = pastClosing(">", from: index + 4) else { return nil }
                    tokens.append(RegexToken(kind: .groupOpen, text: text(index..<end)))
                    index = end
                case "'":
                    guard let end = pastClosing("'", from: index + 3) else { return nil }
                    tokens.append(RegexToken(kind: .groupOpen, text: text(index..<end)))
                    index = end
                default:
                    // Option letters, then `)` (a setting) or `:` (a group with those options).
                    var cursor = index + 2
                    while cursor < scalars.count, scalars[cursor].properties.isAlphabetic && scalars[cursor].isASCII
                        || scalars[cursor] == "-" || scalars[cursor] == "^" {
                        if scalars[cursor] == "x" { return nil }
                        cursor += 1
                    }
                    guard cursor > index + 2, cursor < scalars.count, scalars[cursor] == ")" || scalars[cursor] == ":" else { return nil }
                    let kind: RegexToken.Kind = scalars[cursor] == ")" ? .optionSetting : .groupOpen
                    tokens.append(RegexToken(kind: kind, text: text(index..<cursor + 1)))
                    index = cursor + 1
                }
            case ")":
                tokens.append(RegexToken(kind: .groupClose, text: ")"))
                index += 1
            case "|":
                tokens.append(RegexToken(kind: .alternation, text: "|"))
                index += 1
            case "^", "$":
                tokens.append(RegexToken(kind: .anchor, text: text(index..<index + 1)))
                index += 1
            case ".":
                tokens.append(RegexToken(kind: .dot, text: "."))
                index += 1
            case "*", "+", "?":
                let end = quantifierSuffixEnd(scalars, index + 1)
                tokens.append(RegexToken(kind: .quantifier, text: text(index..<end)))
                index = end
            case "{":
                if let close = boundedRepeatEnd(scalars, index) {
                    let end = quantifierSuffixEnd(scalars, close)
                    tokens.append(RegexToken(kind: .quantifier, text: text(index..<end)))
                    index = end
                } else {
                    tokens.append(RegexToken(kind: .literal, text: "{"))
                    index += 1
                }
            default:
                tokens.append(RegexToken(kind: .literal, text: text(index..<index + 1)))
                index += 1
            }
        }
        return tokens
    }

    /// `{n}`, `{n,}` or `{n,m}` starting at `start`: the index after `}`; nil when the brace is a
    /// literal for PCRE2 10.42 (newer PCRE2 also reads `{,m}` and spaces; those stay literals
    /// here, which only makes the canonical form less eager, never wrong).
    private static func boundedRepeatEnd(_ scalars: [Unicode.Scalar], _ start: Int) -> Int? {
        var cursor = start + 1
        let firstDigits = cursor
        while cursor < scalars.count, ("0"..."9").contains(scalars[cursor]) { cursor += 1 }
        guard cursor > firstDigits, cursor < scalars.count else { return nil }
        if scalars[cursor] == "}" { return cursor + 1 }
        guard scalars[cursor] == "," else { return nil }
        cursor += 1
        while cursor < scalars.count, ("0"..."9").contains(scalars[cursor]) { cursor += 1 }
        guard cursor < scalars.count, scalars[cursor] == "}" else { return nil }
        return cursor + 1
    }

    private static func quantifierSuffixEnd(_ scalars: [Unicode.Scalar], _ index: Int) -> Int {
        index < scalars.count && (scalars[index] == "?" || scalars[index] == "+") ? index + 1 : index
    }
}
