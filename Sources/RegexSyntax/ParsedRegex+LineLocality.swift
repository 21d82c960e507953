extension ParsedRegex {
    /// Nil when a buffer-wide multiline search can stand in for per-line matching, else why not.
    ///
    /// The buffer search finds candidate lines, each confirmed by the per-line regex, and
    /// restarts at the next line. That is exact when "matches line L alone at offset q" implies
    /// "matches the buffer at q", which holds for monotone constructs (literals, classes, greedy
    /// and lazy quantifiers, positive lookaround, backreferences, `^`/`$` in multiline mode). It
    /// can fail for constructs that see the absence of text or forbid backtracking, so those
    /// patterns are matched line by line. Over-cautious on purpose: a false alarm costs speed only.
    package var lineLocalityReason: String? {
        guard isValid else { return "PCRE2 rejects it: \(failure!.message)" }
        // One pass; the reason given is the first in `localityReasons` order, not source order.
        var first = Self.localityReasons.count
        for node in nodes {
            var rank = Self.localityReasons.count
            switch node.kind {
            case .group:
                switch node.groupKind {
                case .negativeLookahead: rank = 0
                case .negativeLookbehind: rank = 1
                case .alphabetic: rank = 2
                case .atomic: rank = 3
                case .conditional: rank = 4
                case .options where RegexOptionChange(packed: node.value).turnedOff != 0: rank = 11
                default: break
                }
            case .verb:
                rank = 2
            case .escape where node.escapeRole == .assertion:
                switch node.letter {
                case UInt8(ascii: "A"): rank = 5
                case UInt8(ascii: "z"): rank = 6
                case UInt8(ascii: "Z"): rank = 7
                case UInt8(ascii: "G"): rank = 8
                case UInt8(ascii: "K"): rank = 9
                default: break
                }
            case .optionSetting where RegexOptionChange(packed: node.value).turnedOff != 0:
                rank = 11
            default:
                break
            }
            if node.quantifier?.mode == .possessive { rank = min(rank, 10) }
            first = min(first, rank)
            if first == 0 { break }
        }
        return first < Self.localityReasons.count ? Self.localityReasons[first] : nil
    }

    private static let localityReasons = [
        "negative lookahead", "negative lookbehind", "verb or option setting", "atomic group", "conditional",
        "\\A anchor", "\\z anchor", "\\Z anchor", "\\G anchor", "\\K", "possessive quantifier", "inline option change",
    ]
}
