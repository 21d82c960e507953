import RegexSyntax
import Testing

/// Where the old textual walkers disagreed with PCRE2's reading (or with each other) and the
/// parsed form reads the regex as PCRE2 10.42 does. Each case here gave another answer before.
@Suite struct FixedDisagreementTests {
    @Test func vectorscanCostReadsPOSIXClasses() {
        #expect(ParsedRegex(#"[[:alpha:]]+ failed"#).isExpensiveForVectorscan)
    }

    @Test func escapedAndQuotedTextIsNotSyntax() {
        #expect(ParsedRegex(#"\\A"#).vectorscanExclusionReason == nil, "a backslash, then A")
        #expect(ParsedRegex(#"\(*x"#).vectorscanExclusionReason == nil, "an escaped parenthesis repeated, not a verb")
        #expect(ParsedRegex(#"[(*]x"#).vectorscanExclusionReason == nil)
        #expect(ParsedRegex(#"\Q\A\E"#).vectorscanExclusionReason == nil)
        #expect(ParsedRegex(#"\*+"#).lineLocalityReason == nil, "an escaped star repeated, not a possessive quantifier")
        #expect(ParsedRegex(#"\p{L}+"#).lineLocalityReason == nil)
        #expect(ParsedRegex(#"[(?!]"#).lineLocalityReason == nil)
        #expect(ParsedRegex(#"\Q(?>\E"#).lineLocalityReason == nil)
        #expect(ParsedRegex(#"(a)(?-1)"#).lineLocalityReason == nil, "a relative call, not an option change")
    }

    @Test func quantifiersAfterEscapesCount() {
        #expect(ParsedRegex(#"\)+a+b+"#).confirmationReason == "3 unbounded quantifiers (PCRE2 could hit its match limit)")
        #expect(ParsedRegex(#"\*+a+b+"#).confirmationReason == "3 unbounded quantifiers (PCRE2 could hit its match limit)")
        #expect(ParsedRegex(#"a+b+\N{U+41}"#).confirmationReason == nil, "the + in U+41 is not a quantifier")
        #expect(ParsedRegex(#"[[:digit:].+-]+a+b"#).confirmationReason == nil, "the class goes on past its POSIX class")
    }

    @Test func literalBracesAreNotRepeats() {
        #expect(ParsedRegex(#"(a{,5})+"#).confirmationReason == nil, "{,5} is text in PCRE2 10.42: no nested repetition")
        #expect(ParsedRegex(#"(\x{41})+"#).confirmationReason == nil, "{41} is the escape's argument")
        #expect(ParsedRegex(#"a{,30}"#).vectorscanForm.widened.isEmpty)
        #expect(ParsedRegex(#"\x{2014}"#).vectorscanForm.expression == #"\x{2014}"#, "was widened into \\x{2014,}")
        #expect(ParsedRegex(#"a{,5}+"#).lineLocalityReason == nil, "a literal } repeated, not a possessive quantifier")
    }

    @Test func optionsReadAsPCRE2Reads() {
        #expect(!ParsedRegex(#"(?^m)^x"#).unsetsMultiline, "^ unsets, then m sets multiline again")
        #expect(ParsedRegex(#"(?-s)a"#).confirmationReason == nil, "s switched off")
        #expect(ParsedRegex(#"(?^s)a"#).confirmationReason == "(?s) lets . match a newline")
        #expect(ParsedRegex("(?-i)abcdef").literalSignature?.caseless == false)
    }

    @Test func newlinesAnyWayTheyAreWritten() {
        #expect(ParsedRegex(#"[\x00-\x7f]"#).confirmationReason == #"class range \x00-\x7f holds a newline"#)
        #expect(ParsedRegex("a\nb").confirmationReason == "a newline written as itself")
        #expect(ParsedRegex(#"\N{U+000A}"#).confirmationReason == #"\N{U+000A} is a newline"#)
        #expect(ParsedRegex(#"(?<n>a)(?P=n)"#).confirmationReason == "backreference")
    }

    @Test func lintViewOfCallsAndNamedCharacters() {
        #expect(ParsedRegex(#"(?R)(?:a){1,}"#).lintTokens == nil, "(?R) is recursion, not an option setting")
        #expect(ParsedRegex(#"\N{1,}"#).canonicalForm == #"\N+"#, "\\N repeated, not a named character")
    }

    @Test func rustAndSuffixReadThePCRE2Structure() {
        #expect(ParsedRegex(#"[a[b]\>"#).rustDifferences.count == 2, "PCRE2 ends the class at the first ], so \\> is outside it")
        #expect(ParsedRegex(#"\w+abcd.\Q|\E"#).searchSuffix?.expression == #"abcd.\Q|\E"#, "a quoted | is not an alternation")
    }
}
