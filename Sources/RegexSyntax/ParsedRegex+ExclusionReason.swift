extension ParsedRegex {
    /// Why the pattern must stay out of the Vectorscan database, which scans a buffer of many lines
    /// with `HS_FLAG_MULTILINE` while logscan matches each line alone: constructs whose meaning
    /// changes between "one line" and "a buffer of lines" in a way a superset cannot cover.
    package var vectorscanExclusionReason: String? {
        guard isValid else { return "PCRE2 rejects it: \(failure!.message)" }
        if bytes.contains(0) { return Self.nulByteReason }
        // One pass; the reason given is the first in `exclusionReasons` order, not source order.
        var first = Self.exclusionReasons.count
        for node in nodes {
            let rank: Int
            switch node.kind {
            case .escape where node.escapeRole == .assertion:
                switch node.letter {
                case UInt8(ascii: "A"): rank = 0
                case UInt8(ascii: "G"): rank = 1
                case UInt8(ascii: "z"): rank = 2
                case UInt8(ascii: "Z"): rank = 3
                default: continue
                }
            case .verb:
                rank = 4
            case .group where node.groupKind == .alphabetic:
                rank = 4
            case .optionSetting, .group:
                guard Self.turnsOffMultiline(node) else { continue }
                rank = 5
            default:
                continue
            }
            first = min(first, rank)
            if first == 0 { break }
        }
        return first < Self.exclusionReasons.count ? Self.exclusionReasons[first] : nil
    }

    private static let exclusionReasons = [
        "\\A is the start of the line here, of the whole buffer in Vectorscan",
        "\\G has no Vectorscan equivalent",
        "\\z is the end of the line here, of the whole buffer in Vectorscan",
        "\\Z is the end of the line here, of the whole buffer in Vectorscan",
        "PCRE2 verbs and start-of-pattern options are PCRE2's own",
        "an inline option turns multiline mode off, so ^/$ would mean the buffer's ends",
    ]

    /// Vectorscan takes each expression as a C string, so a raw NUL byte would end it early.
    package static let nulByteReason = "a NUL byte: Vectorscan reads expressions as C strings, which it would cut short"

    /// `(?-m)`, `(?^)`: multiline switched off inside the pattern.
    package var unsetsMultiline: Bool { nodes.contains(where: Self.turnsOffMultiline) }

    private static func turnsOffMultiline(_ node: RegexNode) -> Bool {
        (node.kind == .optionSetting || (node.kind == .group && node.groupKind == .options))
            && RegexOptionChange(packed: node.value).turnedOff & RegexOptionChange.multiline != 0
    }
}
