import RegexSyntax
import Testing

/// What decides a pattern's route: the exclusion, confirmation and line-locality reasons, the
/// expensive shape, the Vectorscan form and the search suffix, for the regexes of the scanner's
/// construct tests (the route and counts themselves are tested with the engines in LogScanTests).
@Suite struct RoutingTests {
    struct Routing: CustomTestStringConvertible, Sendable {
        var regex: String
        var exclusion: String?
        var confirmation: String?
        var locality: String?
        var expensive: Bool
        var vectorscan: String
        var suffix: String?
        var testDescription: String { regex }

        init(_ regex: String, exclusion: String?, confirmation: String?, locality: String?, expensive: Bool, vectorscan: String, suffix: String?) {
            self.regex = regex
            self.exclusion = exclusion
            self.confirmation = confirmation
            self.locality = locality
            self.expensive = expensive
            self.vectorscan = vectorscan
            self.suffix = suffix
        }
    }

    static let cases: [Routing] = [
        Routing(#"(\w+) \1"#, exclusion: nil, confirmation: #"backreference"#,
                locality: nil, expensive: true, vectorscan: #"(\w+) \1"#, suffix: nil),
        Routing(#"(?<=foo)bar"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"(?<=foo)bar"#, suffix: nil),
        Routing(#"(?<!foo)bar"#, exclusion: nil, confirmation: nil,
                locality: #"negative lookbehind"#, expensive: false, vectorscan: #"(?<!foo)bar"#, suffix: nil),
        Routing(#"foo(?!bar)"#, exclusion: nil, confirmation: nil,
                locality: #"negative lookahead"#, expensive: false, vectorscan: #"foo(?!bar)"#, suffix: nil),
        Routing(#"ab\Kc"#, exclusion: nil, confirmation: nil,
                locality: #"\K"#, expensive: false, vectorscan: #"ab\Kc"#, suffix: nil),
        Routing(#"a++b"#, exclusion: nil, confirmation: nil,
                locality: #"possessive quantifier"#, expensive: false, vectorscan: #"a++b"#, suffix: nil),
        Routing(#"(?>a+)b"#, exclusion: nil, confirmation: nil,
                locality: #"atomic group"#, expensive: false, vectorscan: #"(?>a+)b"#, suffix: nil),
        Routing(#"(*UTF)caf"#, exclusion: #"PCRE2 verbs and start-of-pattern options are PCRE2's own"#, confirmation: nil,
                locality: #"verb or option setting"#, expensive: false, vectorscan: #"(*UTF)caf"#, suffix: nil),
        Routing(#"x*"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"x*"#, suffix: nil),
        Routing(#"(?:end)?"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"(?:end)?"#, suffix: nil),
        Routing(#"^"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"^"#, suffix: nil),
        Routing(#"\Aend"#, exclusion: #"\A is the start of the line here, of the whole buffer in Vectorscan"#, confirmation: nil,
                locality: #"\A anchor"#, expensive: false, vectorscan: #"\Aend"#, suffix: nil),
        Routing(#"end\z"#, exclusion: #"\z is the end of the line here, of the whole buffer in Vectorscan"#, confirmation: nil,
                locality: #"\z anchor"#, expensive: false, vectorscan: #"end\z"#, suffix: nil),
        Routing(#"end\Z"#, exclusion: #"\Z is the end of the line here, of the whole buffer in Vectorscan"#, confirmation: nil,
                locality: #"\Z anchor"#, expensive: false, vectorscan: #"end\Z"#, suffix: nil),
        Routing(#"(?-m)^end$"#, exclusion: #"an inline option turns multiline mode off, so ^/$ would mean the buffer's ends"#, confirmation: nil,
                locality: #"inline option change"#, expensive: false, vectorscan: #"(?-m)^end$"#, suffix: nil),
        Routing(#"^end$"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"^end$"#, suffix: nil),
        Routing(#"(a)?(?(1)b|c)d"#, exclusion: nil, confirmation: nil,
                locality: #"conditional"#, expensive: false, vectorscan: #"(a)?(?(1)b|c)d"#, suffix: nil),
        Routing(#"end\s+tail"#, exclusion: nil, confirmation: #"\s can match a newline"#,
                locality: nil, expensive: false, vectorscan: #"end\s+tail"#, suffix: #"tail"#),
        Routing(#"a\nb"#, exclusion: nil, confirmation: #"\n can match a newline"#,
                locality: nil, expensive: false, vectorscan: #"a\nb"#, suffix: nil),
        Routing(#"d[^x]+t"#, exclusion: nil, confirmation: #"a negated class can match a newline"#,
                locality: nil, expensive: true, vectorscan: #"d[^x]+t"#, suffix: nil),
        Routing(#"(?s)end.tail"#, exclusion: nil, confirmation: #"(?s) lets . match a newline"#,
                locality: nil, expensive: false, vectorscan: #"(?s)end.tail"#, suffix: nil),
        Routing(#"\d{1,40}"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"\d{1,}"#, suffix: nil),
        Routing(#"thread '[^']{1,200}' panicked"#, exclusion: nil, confirmation: #"a negated class can match a newline"#,
                locality: nil, expensive: false, vectorscan: #"thread '[^']{1,}' panicked"#, suffix: nil),
        Routing(#"(?i)success"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"(?i)success"#, suffix: nil),
        Routing(#"(?i)kelvin"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"(?i)kelvin"#, suffix: nil),
        Routing(#"caf\w"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"caf\w"#, suffix: nil),
        Routing(#"caf.\b"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"caf.\b"#, suffix: nil),
        Routing(#"(?i)^error: "#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"(?i)^error: "#, suffix: nil),
        Routing(#"(a+)+b"#, exclusion: nil, confirmation: #"a repeated group holds a quantifier (nested repetition)"#,
                locality: nil, expensive: false, vectorscan: #"(a+)+b"#, suffix: nil),
        Routing(#"value=\d+ retry=\d+"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"value=\d+ retry=\d+"#, suffix: nil),
        Routing(#"^I\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ \w+\.go:\d+\] .*\blease\b"#, exclusion: nil, confirmation: #"6 unbounded quantifiers (PCRE2 could hit its match limit)"#,
                locality: nil, expensive: true, vectorscan: #"^I\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ \w+\.go:\d+\] .*\blease\b"#, suffix: #"\.go:\d+\] .*\blease\b"#),
        Routing(#"^\s*at [\w.$]+\.Queue\w*\.\w+\("#, exclusion: nil, confirmation: #"\s can match a newline"#,
                locality: nil, expensive: true, vectorscan: #"^\s*at [\w.$]+\.Queue\w*\.\w+\("#, suffix: #"\.Queue\w*\.\w+\("#),
        Routing(#"(?i)^\w+: \w+ \w+ fatal error"#, exclusion: nil, confirmation: #"3 unbounded quantifiers (PCRE2 could hit its match limit)"#,
                locality: nil, expensive: true, vectorscan: #"(?i)^\w+: \w+ \w+ fatal error"#, suffix: #"(?i) fatal error"#),
        Routing(#"\bAUTH[-_]SYNC_\d+.*\bfailed"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: true, vectorscan: #"\bAUTH[-_]SYNC_\d+.*\bfailed"#, suffix: nil),
        Routing(#"error: \w+"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"error: \w+"#, suffix: nil),
        Routing(#"timeout$"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"timeout$"#, suffix: nil),
        Routing(#"caf."#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"caf."#, suffix: nil),
        Routing(#"(?i)ERROR"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"(?i)ERROR"#, suffix: nil),
        Routing(#"\berror\b.*timeout"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: true, vectorscan: #"\berror\b.*timeout"#, suffix: nil),
        Routing(#"\btimeout\b"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"\btimeout\b"#, suffix: nil),
        Routing(#"\Btimeout"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"\Btimeout"#, suffix: nil),
        Routing(#"timeout\B"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"timeout\B"#, suffix: nil),
        Routing(#"^timeout"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"^timeout"#, suffix: nil),
        Routing(#"[^a-z]timeout"#, exclusion: nil, confirmation: #"a negated class can match a newline"#,
                locality: nil, expensive: false, vectorscan: #"[^a-z]timeout"#, suffix: nil),
        Routing(#"\Wtimeout\W"#, exclusion: nil, confirmation: #"\W can match a newline"#,
                locality: nil, expensive: false, vectorscan: #"\Wtimeout\W"#, suffix: nil),
        Routing(#"(?i)\btimeout\b"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"(?i)\btimeout\b"#, suffix: nil),
        Routing(#"x.timeout"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"x.timeout"#, suffix: nil),
        Routing(#"^.{1,3}timeout"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"^.{1,3}timeout"#, suffix: nil),
        Routing(#"a+b"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"a+b"#, suffix: nil),
        Routing(#"^a{1000}"#, exclusion: nil, confirmation: nil,
                locality: nil, expensive: false, vectorscan: #"^a{1000,}"#, suffix: nil),
    ]

    @Test(arguments: cases)
    func routing(_ expected: Routing) {
        let parsed = ParsedRegex(expected.regex)
        #expect(parsed.vectorscanExclusionReason == expected.exclusion)
        #expect(parsed.confirmationReason == expected.confirmation)
        #expect(parsed.lineLocalityReason == expected.locality)
        #expect(parsed.isExpensiveForVectorscan == expected.expensive)
        #expect(parsed.vectorscanForm.expression == expected.vectorscan)
        #expect(parsed.searchSuffix?.expression == expected.suffix)
    }

    @Test func widening() {
        let form = ParsedRegex(#"a{1,21}?b{21}c{0,20}d{05,300}+e{7,}"#).vectorscanForm
        #expect(form.expression == #"a{1,}?b{21,}c{0,20}d{05,}+e{7,}"#)
        #expect(form.widened == ["{1,21}", "{21}", "{05,300}"])
        #expect(ParsedRegex(#"[{1,30}]\{1,30}\Q{1,30}\E"#).vectorscanForm.widened.isEmpty, "braces in a class, escaped or quoted are text")
    }

    @Test func manyUnboundedQuantifiers() {
        #expect(ParsedRegex(#"a+b*c{2,}"#).confirmationReason == "3 unbounded quantifiers (PCRE2 could hit its match limit)")
        #expect(ParsedRegex(#"a+b*c{2}"#).confirmationReason == nil)
        #expect(ParsedRegex(#"a+?b*+c"#).confirmationReason == nil, "lazy and possessive suffixes are not quantifiers of their own")
    }

    @Test func optionReasons() {
        #expect(ParsedRegex("(?s)a.b").confirmationReason == "(?s) lets . match a newline")
        #expect(ParsedRegex("(?i:a(?s:.)b)").confirmationReason == "(?s) lets . match a newline")
        #expect(ParsedRegex("(?x)a b").confirmationReason == "(?x) extended syntax")
        #expect(ParsedRegex("(?i-m)^a").vectorscanExclusionReason == "an inline option turns multiline mode off, so ^/$ would mean the buffer's ends")
        #expect(ParsedRegex("(?^)a").unsetsMultiline)
        #expect(ParsedRegex("(?i)a").lineLocalityReason == nil)
        #expect(ParsedRegex("(?-i)a").lineLocalityReason == "inline option change")
    }

    @Test func reasonsFollowTheirFixedOrder() {
        #expect(ParsedRegex(#"\z(*UTF)\A"#).vectorscanExclusionReason == "\\A is the start of the line here, of the whole buffer in Vectorscan")
        #expect(ParsedRegex(#"\K(?>a)(?!b)"#).lineLocalityReason == "negative lookahead")
        #expect(ParsedRegex(#"a++\G"#).lineLocalityReason == "\\G anchor")
        #expect(ParsedRegex(#"[^a]\s"#).confirmationReason == "a negated class can match a newline", "the first reason in the text")
    }
}
