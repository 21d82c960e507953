extension ParsedRegex {
    /// Why the pattern must stay out of the Vectorscan database, which scans a buffer of many lines
    /// with `HS_FLAG_MULTILINE` while logscan matches each line alone: constructs whose meaning
    /// changes between "one line" and "a buffer of lines" in a way a superset cannot cover.
    package var vectorscanExclusionReason: String? {
        guard isValid else { return "PCRE2 rejects it: \(failure!.message)" }
        for (letter, why) in Self.bufferAnchors where nodes.contains(where: { $0.kind == .escape && $0.escapeRole == .assertion && $0.letter == letter }) {
            return why
        }
        if nodes.contains(where: { $0.kind == .verb || ($0.kind == .group && $0.groupKind == .alphabetic) }) {
            return "PCRE2 verbs and start-of-pattern options are PCRE2's own"
        }
        if unsetsMultiline { return "an inline option turns multiline mode off, so ^/$ would mean the buffer's ends" }
        return nil
    }

    private static let bufferAnchors: [(UInt8, String)] = [
        (UInt8(ascii: "A"), "\\A is the start of the line here, of the whole buffer in Vectorscan"),
        (UInt8(ascii: "G"), "\\G has no Vectorscan equivalent"),
        (UInt8(ascii: "z"), "\\z is the end of the line here, of the whole buffer in Vectorscan"),
        (UInt8(ascii: "Z"), "\\Z is the end of the line here, of the whole buffer in Vectorscan"),
    ]

    /// `(?-m)`, `(?^)`: multiline switched off inside the pattern.
    package var unsetsMultiline: Bool {
        nodes.contains { node in
            (node.kind == .optionSetting || (node.kind == .group && node.groupKind == .options))
                && RegexOptionChange(packed: node.value).turnedOff & RegexOptionChange.multiline != 0
        }
    }
}
