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
        for (kind, why) in Self.nonLocalGroups.prefix(2) where nodes.contains(where: { $0.kind == .group && $0.groupKind == kind }) {
            return why
        }
        if nodes.contains(where: { $0.kind == .verb || ($0.kind == .group && $0.groupKind == .alphabetic) }) {
            return "verb or option setting"
        }
        for (kind, why) in Self.nonLocalGroups.dropFirst(2) where nodes.contains(where: { $0.kind == .group && $0.groupKind == kind }) {
            return why
        }
        for (letter, why) in Self.nonLocalAssertions where nodes.contains(where: { $0.kind == .escape && $0.escapeRole == .assertion && $0.letter == letter }) {
            return why
        }
        if nodes.contains(where: { $0.quantifier?.mode == .possessive }) { return "possessive quantifier" }
        if nodes.contains(where: { node in
            (node.kind == .optionSetting || (node.kind == .group && node.groupKind == .options))
                && RegexOptionChange(packed: node.value).turnedOff != 0
        }) {
            return "inline option change"
        }
        return nil
    }

    /// In the order the reasons are given: negative lookarounds first, then (after verbs) the rest.
    private static let nonLocalGroups: [(RegexNode.GroupKind, String)] = [
        (.negativeLookahead, "negative lookahead"), (.negativeLookbehind, "negative lookbehind"),
        (.atomic, "atomic group"), (.conditional, "conditional"),
    ]

    private static let nonLocalAssertions: [(UInt8, String)] = [
        (UInt8(ascii: "A"), "\\A anchor"), (UInt8(ascii: "z"), "\\z anchor"), (UInt8(ascii: "Z"), "\\Z anchor"),
        (UInt8(ascii: "G"), "\\G anchor"), (UInt8(ascii: "K"), "\\K"),
    ]
}
