extension ParsedRegex {
    /// The regex with each `\D`, `\S` and `\W` outside a character class written as a class of its
    /// own (`[\S]`, which matches the same characters); nil when it has none or does not parse.
    ///
    /// Why: PCRE2's JIT before 10.43, with `PCRE2_MATCH_INVALID_UTF`, fails these three escapes on
    /// a multibyte character (`a\S` does not match `aé`; PCRE2 issue 224), while its interpreter,
    /// and the JIT for the same escape inside a class, match. `PCRE2Regex` compiles this form
    /// where the linked library has the bug.
    package var negatedTypesAsClasses: String? {
        guard isValid else { return nil }
        var escapes: [Range<Int>] = []
        var index = 0
        while index < nodes.count {
            let node = nodes[index]
            if node.kind == .characterClass {
                index = Int(node.subtreeEnd)  // an escape inside a class is matched correctly
                continue
            }
            if node.kind == .escape, node.escapeRole == .characterType, Self.negatedTypeLetters.contains(node.letter) {
                escapes.append(Int(node.start)..<Int(node.end))
            }
            index += 1
        }
        guard !escapes.isEmpty else { return nil }
        var rewritten: [UInt8] = []
        rewritten.reserveCapacity(bytes.count + 2 * escapes.count)
        var copied = 0
        for escape in escapes {
            rewritten += bytes[copied..<escape.lowerBound]
            rewritten.append(UInt8(ascii: "["))
            rewritten += bytes[escape]
            rewritten.append(UInt8(ascii: "]"))
            copied = escape.upperBound
        }
        rewritten += bytes[copied...]
        return String(decoding: rewritten, as: UTF8.self)
    }

    private static let negatedTypeLetters: Set<UInt8> = Set("DSW".utf8)
}
