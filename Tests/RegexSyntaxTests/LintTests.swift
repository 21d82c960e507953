import RegexSyntax
import Testing

/// The lint view: tokens, the canonical form behind `equivalent-regex` (which never changes what
/// matches), the leading wildcard and the leading `(?i)`.
@Suite struct LintTests {
    static func canonical(_ regex: String) -> String { ParsedRegex(regex).canonicalForm }

    @Test func canonicalFormsOfEquivalentRegexesAgree() {
        let pairs: [(String, String)] = [
            ("a{1,}", "a+"), ("a{0,}?", "a*?"), ("a{0,1}+", "a?+"), ("[0-9]{1,}", "\\d+"), ("[^0-9]", "\\D"), ("[\\w]", "\\w"),
            ("(?:a|b)", "a|b"), ("(?:(?:x))", "x"), ("(?:\\.)+", "\\.+"), ("(?:[ab])c", "[ab]c"), ("(?:\\p{L})", "\\p{L}"),
            ("(?:.)", "."), ("x(?:y){2}", "xy{2}"), ("(?:(?:a)b)", "ab"), ("(?:E\\d{1,}: [0-9]{0,1})", "E(?:\\d)+: \\d?"),
            ("\\N{1,}", "\\N+"),
        ]
        for (left, right) in pairs {
            #expect(Self.canonical(left) == Self.canonical(right), "\(left) vs \(right)")
        }
    }

    @Test func canonicalFormsKeepDifferentRegexesApart() {
        let pairs: [(String, String)] = [
            ("\\1(?:0)", "\\10"), ("\\x4(?:1)", "\\x41"), ("\\x4(?:a)", "\\x4a"), ("a{2(?:,)3}", "a{2,3}"), ("\\Q[0-9]\\E", "\\Q\\d\\E"),
            ("(?x)[0-9] ", "(?x)\\d "), ("(*UCP)[0-9]", "(*UCP)\\d"), ("(?:ab)+", "ab+"),
            ("(a)", "a"), ("(?i:a)", "a"), ("[0-9a]", "\\d"), ("{1,}", "+"), ("(?:\\b)+", "\\b+"),
            ("a|(?:b|c)d", "a|b|cd"), ("(?:a|b)c", "a|bc"), ("\\N(?:{)2}", "\\N{2}"), ("E\\d+", "E\\d*"),
        ]
        for (left, right) in pairs {
            #expect(Self.canonical(left) != Self.canonical(right), "\(left) vs \(right)")
        }
        #expect(Self.canonical("\\Q(?:a)\\E") == "\\Q(?:a)\\E", "quoted text is left as written")
        #expect(Self.canonical("(?R)(?:a){1,}") == "(?R)(?:a){1,}", "recursion is not an option setting: left as written")
    }

    @Test func tokens() throws {
        let tokens = try #require(ParsedRegex(#"(?i)^(?<n>a\x4|[b\]]{2,}?)\1.$"#).lintTokens)
        #expect(tokens.map(\.text) == ["(?i)", "^", "(?<n>", "a", "\\x4", "|", "[b\\]]", "{2,}?", ")", "\\1", ".", "$"])
        #expect(tokens.map(\.kind) == [.optionSetting, .anchor, .groupOpen, .literal, .escape(extendable: true), .alternation,
                                       .characterClass, .quantifier, .groupClose, .escape(extendable: true), .dot, .anchor])
        #expect(ParsedRegex(#"\x41\x{41}\g{1}\g1"#).lintTokens?.map(\.kind) == [
            .escape(extendable: false), .escape(extendable: false), .escape(extendable: false), .escape(extendable: true),
        ])
        for opaque in [#"\Qa\E"#, "(?x)a", "(*UTF)a", "a(?#c)", "(?(1)a)", "(?R)", "(?C)a", "(a", "\\E"] {
            #expect(ParsedRegex(opaque).lintTokens == nil, "\(opaque)")
        }
    }

    @Test(arguments: [
        (".*panic: ", ".*", RegexLeadingWildcard.Effect.none), ("^.*error C\\d+", "^.*", .none),
        ("(?i).+?timeout", ".+?", .requiresACharacter), ("^.{0,}x", "^.{0,}", .none), (".{1,}x", ".{1,}", .requiresACharacter),
    ])
    func leadingWildcard(_ regex: String, _ prefix: String, _ effect: RegexLeadingWildcard.Effect) {
        #expect(ParsedRegex(regex).leadingWildcard == RegexLeadingWildcard(prefix: prefix, effect: effect), "\(regex)")
    }

    /// A wildcard that is the whole pattern, or not at the start, or escaped, or possessive, is left alone.
    @Test(arguments: ["panic: .*", "\\.*x", "^.{3}x", "a|.*b", ".+", ".*+x", "(.*)x", ".*|x"])
    func noLeadingWildcard(_ regex: String) {
        #expect(ParsedRegex(regex).leadingWildcard == nil, "\(regex)")
    }

    @Test func withoutLeadingIgnoreCase() {
        #expect(ParsedRegex("(?i)x").withoutLeadingIgnoreCase == "x")
        #expect(ParsedRegex("(?mi)x").withoutLeadingIgnoreCase == "(?m)x")
        #expect(ParsedRegex("(?i)a|b").withoutLeadingIgnoreCase == "a|b")
        #expect(ParsedRegex("(?i:x)y").withoutLeadingIgnoreCase == nil)
        #expect(ParsedRegex("(?-i)x").withoutLeadingIgnoreCase == nil)
        #expect(ParsedRegex("(?^i)x").withoutLeadingIgnoreCase == nil)
        #expect(ParsedRegex("error: (?i)disk full").withoutLeadingIgnoreCase == nil)
        #expect(ParsedRegex("(?m)x").withoutLeadingIgnoreCase == nil)
    }
}
