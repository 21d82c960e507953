@testable import Engine
@testable import Input
@testable import LogScan
@testable import PatternSets
import Testing

/// Literal signatures: what Vectorscan may search instead of an expensive regex. Every literal
/// set must be one that every match contains; unclear syntax must give none.
@Suite struct LiteralSignatureTests {
    static func signature(_ regex: String) -> [String]? {
        LiteralSignature.extract(regex)?.literals.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(arguments: [
        (#"\btest[\w/.-]* \d+/\d+ failed!"#, [" failed!"]),
        (#"(?i)\b(?:upgrade|informer) (?:regression|crash)\b"#,
         ["upgrade regression", "upgrade crash", "informer regression", "informer crash"]),
        (#"\blease\b.*\bstall\b"#, ["lease"]),
        (#"foo|barbaz"#, ["foo", "barbaz"]),
        (#"colou?r mismatch"#, ["r mismatch"]),
        (#"(?<name>exit code) \d+"#, ["exit code "]),
        (#"(?:maybe )?sure thing"#, ["sure thing"]),
        (#"a(?=bc)bcd"#, ["abcd"]),
        (#"^\[ERROR\] Failed to execute goal"#, ["[ERROR] Failed to execute goal"]),
        (#"x+yz"#, ["yz"]),
        (#"(?:ab|cd)+ef"#, ["ef"]),
        (#"tab\there"#, ["tab\there"]),
        // A few punctuation or digit bytes in a class are alternatives; letters, ranges, negation
        // and optional or repeated classes end the run.
        (#"\bAUTH[-_]SYNC_\d{4}\b"#, ["AUTH-SYNC_", "AUTH_SYNC_"]),
        (#"\bstatus[=: ]+503"#, ["status=", "status:", "status "]),
        (#"code[\.\]]x"#, ["code.x", "code]x"]),
        (#"error[0-9]abcdef"#, ["abcdef"]),
        (#"err[^-]abcdef"#, ["abcdef"]),
        (#"ab[xy]cdefgh"#, ["cdefgh"]),
        (#"ab[-_]?cdefgh"#, ["cdefgh"]),
        (#"ab[-_]{2}cd"#, ["ab-", "ab_"]),
        (#"a[[:punct:]]bcdef"#, ["bcdef"]),
    ])
    func extracts(_ regex: String, _ expected: [String]) {
        #expect(Self.signature(regex) == expected, "\(regex)")
    }

    @Test(arguments: [
        #"\Qa.b\E"#, #"(?x) a b c"#, #"(?#comment)abc"#, #"(?(1)a|b)"#, #"(a)\1"#, #"\x41BC"#, #"\p{L}+abc"#,
        #"(*UTF)abc"#, #"a{x"#, #"(?|a|b)"#, #"abc|.*"#, #"(?R)"#, #"[abc"#,
    ])
    func givesNoneForWhatItDoesNotRead(_ regex: String) {
        #expect(Self.signature(regex) == nil, "\(regex) gave \(String(describing: Self.signature(regex)))")
    }

    /// `SearchSuffix`: where Vectorscan may start searching a pattern PCRE2 confirms.
    @Test(arguments: [
        (#"^I\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ \w+\.go:\d+\] .*\blease\b"#, #"\.go:\d+\] .*\blease\b"#),
        (#"^\s*at [\w.$]+\.Queue\w*\.\w+\("#, #"\.Queue\w*\.\w+\("#),
        (#"(?i)\w+ fatal error"#, #"(?i) fatal error"#),
        (#"abc\w+efgh"#, "efgh"),
    ])
    func searchSuffix(_ regex: String, _ expected: String) {
        #expect(SearchSuffix.of(regex)?.expression == expected, "\(regex)")
    }

    @Test(arguments: [
        #"\w+abc|\w+defg"#, #"(\w+)barbaz"#, #"\w+\Kbarbaz"#, #"x{2}abcd"#, #"\w+abc"#, #"(?x)\w+ abcd"#, #"abcdefgh.*xyz"#,
        #"\w+\x41bcd"#, #"\p{L}+abcd"#, #"\w+$abcd"#,
        #"Received block .*? of size .*? from"#,  // a literal first: Vectorscan anchors on it already
    ])
    func searchSuffixLeavesWhole(_ regex: String) {
        #expect(SearchSuffix.of(regex) == nil, "\(regex) gave \(String(describing: SearchSuffix.of(regex)))")
    }

    @Test func caselessDropsNonASCIIButKeepsLetters() throws {
        let signature = try #require(LiteralSignature.extract(#"(?i)kelvin sign éclair"#))
        #expect(signature.caseless)
        #expect(signature.literals == [Array("kelvin sign ".utf8)], "é ends the run: engines fold non-ASCII differently")
        let plain = try #require(LiteralSignature.extract(#"café au lait"#))
        #expect(!plain.caseless && plain.literals == [Array("café au lait".utf8)])
    }

    @Test func expensiveShapes() {
        #expect(LiteralSignature.isExpensiveForVectorscan(#"\blease\b.*\bstall\b"#))
        #expect(LiteralSignature.isExpensiveForVectorscan(#"\btest[\w/.-]* \d+/\d+ failed!"#))
        #expect(!LiteralSignature.isExpensiveForVectorscan(#"--- FAIL: Test\w+"#), "a trailing repeat")
        #expect(!LiteralSignature.isExpensiveForVectorscan(#"\bOOMKill(?:ed|ing)\b"#))
        #expect(!LiteralSignature.isExpensiveForVectorscan(#"error: .*$"#))
    }
}
