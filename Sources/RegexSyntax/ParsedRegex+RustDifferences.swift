extension ParsedRegex {
    /// Rust `regex` syntax that PCRE2 accepts but reads differently, so an imported rule would
    /// count other lines than it does in the tool it came from without any error: one message
    /// per construct found, in the order they occur. Rust syntax PCRE2 refuses is reported by
    /// compilation anyway (what was read before the error is still checked); the Unicode meaning
    /// of `\d \w \s \b` in Rust (ASCII in logscan, as in `grep -P`) concerns every rule and is
    /// documented once in the README.
    package var rustDifferences: [String] {
        var found: [String] = []
        func add(_ message: String) { if !found.contains(message) { found.append(message) } }
        var index = 0
        while index < nodes.count {
            let node = nodes[index]
            switch node.kind {
            case .escape where node.letter == UInt8(ascii: "<") || node.letter == UInt8(ascii: ">"):
                let name = Character(Unicode.Scalar(node.letter))
                add("`\\\(name)` is a word boundary in Rust but a literal `\(name)` in PCRE2 (use \\b)")
            case .escape where node.escapeRole == .assertion && node.letter == UInt8(ascii: "b")
                && Int(node.end) < bytes.count && bytes[Int(node.end)] == UInt8(ascii: "{"):
                add("`\\b{...}` is a Rust word-boundary assertion; PCRE2 reads `\\b` then a literal `{...}`")
            case .characterClass:
                classDifferences(index, add)
                index = Int(node.subtreeEnd)
                continue
            case .optionSetting, .recursion:
                rustFlagDifferences(node, add)
            case .group where node.groupKind == .options:
                rustFlagDifferences(node, add)
            default:
                break
            }
            index += 1
        }
        return found
    }

    /// `(?R…)`: Rust's CRLF flag, a recursion for PCRE2.
    private func rustFlagDifferences(_ node: RegexNode, _ add: (String) -> Void) {
        var cursor = Int(node.start) + 2
        while cursor < bytes.count, ASCII.isLetter(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "-") {
            if bytes[cursor] == UInt8(ascii: "R") {
                add("flag `R` (CRLF mode) in Rust; PCRE2 reads `(?R)` as recursion of the whole pattern")
            }
            cursor += 1
        }
    }

    /// Inside a class: a `[` (a nested class in Rust, a literal in PCRE2, which ends the class at
    /// the first `]`) and doubled `&&`, `~~`, `--` (set operations in Rust, literals in PCRE2).
    private func classDifferences(_ index: Int, _ add: (String) -> Void) {
        // The class's characters as written, escapes and POSIX classes standing for none.
        var plain: [UInt8?] = []
        for member in children(of: index) {
            let node = nodes[member]
            switch node.kind {
            case .literal:
                plain.append(node.end - node.start == 1 ? bytes[Int(node.start)] : nil)
            case .classRange:
                let low = nodes[member + 1]
                let high = nodes[member + 2]
                plain.append(low.kind == .literal && low.end - low.start == 1 ? bytes[Int(low.start)] : nil)
                plain.append(UInt8(ascii: "-"))
                plain.append(high.kind == .literal && high.end - high.start == 1 ? bytes[Int(high.start)] : nil)
            default:
                plain.append(nil)
            }
        }
        for (position, byte) in plain.enumerated() {
            guard let byte else { continue }
            let next = position + 1 < plain.count ? plain[position + 1] : nil
            if byte == UInt8(ascii: "["), next != UInt8(ascii: ":") {
                add("a nested class `[...[...]...]` is a union in Rust; PCRE2 ends the class at the first `]`")
            } else if next == byte, byte == UInt8(ascii: "&") || byte == UInt8(ascii: "~") || (byte == UInt8(ascii: "-") && position + 2 < plain.count) {
                add("`\(String(decoding: [byte, byte], as: UTF8.self))` inside a class is a set operation in Rust; PCRE2 reads the characters literally")
            }
        }
    }
}
