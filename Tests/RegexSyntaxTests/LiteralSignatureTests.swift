import RegexSyntax
import Testing

/// Literal signatures: what Vectorscan may search instead of an expensive regex. Every literal
/// set must be one that every match contains; unclear syntax must give none.
@Suite struct LiteralSignatureTests {
    static func signature(_ regex: String) -> [String]? {
        ParsedRegex(regex).literalSignature?.literals.map { String(decoding: $0, as: UTF8.self) }
    }

    static func factors(_ regex: String) -> Set<[String]> {
        Set((ParsedRegex(regex).literalSignature?.factors ?? []).map { $0.map { String(decoding: $0, as: UTF8.self) } })
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
        #"(*UTF)abc"#, #"a{x"#, #"(?|a|b)"#, #"abc|.*"#, #"(?R)"#, #"[abc"#, #"abc{,3}"#, #"(a)(?(1)b|c)"#, #"(?<n>a)(?P=n)"#,
        #"(*pla:abc)def"#, #"\eabc"#, #"\nabc"#, #"é\Qx\E"#,
    ])
    func givesNoneForWhatItDoesNotRead(_ regex: String) {
        #expect(Self.signature(regex) == nil, "\(regex) gave \(String(describing: Self.signature(regex)))")
    }

    @Test func caselessDropsNonASCIIButKeepsLetters() throws {
        let signature = try #require(ParsedRegex(#"(?i)kelvin sign éclair"#).literalSignature)
        #expect(signature.caseless)
        #expect(signature.literals == [Array("kelvin sign ".utf8)], "é ends the run: engines fold non-ASCII differently")
        let plain = try #require(ParsedRegex(#"café au lait"#).literalSignature)
        #expect(!plain.caseless && plain.literals == [Array("café au lait".utf8)])
    }

    /// Caselessness follows the options in force where each literal is, not "an `i` seen so far".
    @Test func caselessIsScoped() throws {
        #expect(try #require(ParsedRegex("(?-i)abcdef").literalSignature).caseless == false)
        #expect(try #require(ParsedRegex("abcdef(?i)").literalSignature).caseless == false)
        let scoped = try #require(ParsedRegex("(?i:ab)cdé fgh").literalSignature)
        #expect(scoped.caseless)
        #expect(scoped.literals == [Array("abcdé fgh".utf8)], "é after the caseless group closes is matched as written")
    }

    @Test func everyRequiredFactorIsFound() {
        #expect(Self.factors(#"\bqueue\b.*\b(?:status|code|HTTP)[=: ]+(?:504|409)\b"#)
            == [["queue"], ["status=", "status:", "status ", "code=", "code:", "code ", "HTTP=", "HTTP:", "HTTP "], ["504", "409"]],
                "a small class joins the group before it")
        #expect(Self.factors(#"\breconcile\b.*\borphaned\b"#) == [["reconcile"], ["orphaned"]])
        // A group's factors are required when the group is: once, not optional, one branch.
        #expect(Self.factors(#"(?:alpha.*beta)+ gamma"#) == [["alpha"], ["beta"], [" gamma"]])
        #expect(Self.factors(#"(?:alpha.*beta)? gamma"#) == [[" gamma"]])
        #expect(Self.factors(#"(?:alpha.*beta|delta) gamma"#).contains(["alpha", "delta"]))
        #expect(!Self.factors(#"(?:alpha.*beta|delta) gamma"#).contains(["beta"]), "only one branch requires beta")
        // Lookarounds consume nothing: what they hold is not a factor of the match.
        #expect(Self.factors(#"(?!.*ignored)error: .*timeout"#) == [["error: "], ["timeout"]])
    }

    @Test func expensiveShapes() {
        #expect(ParsedRegex(#"\blease\b.*\bstall\b"#).isExpensiveForVectorscan)
        #expect(ParsedRegex(#"\btest[\w/.-]* \d+/\d+ failed!"#).isExpensiveForVectorscan)
        #expect(!ParsedRegex(#"--- FAIL: Test\w+"#).isExpensiveForVectorscan, "a trailing repeat")
        #expect(!ParsedRegex(#"\bOOMKill(?:ed|ing)\b"#).isExpensiveForVectorscan)
        #expect(!ParsedRegex(#"error: .*$"#).isExpensiveForVectorscan)
        #expect(!ParsedRegex(#"error: (.*)\b"#).isExpensiveForVectorscan, "group ends and one final \\b are nothing")
        #expect(ParsedRegex(#"[^"]+" failed"#).isExpensiveForVectorscan)
        #expect(!ParsedRegex(#"a\w{2,}b"#).isExpensiveForVectorscan, "only * and + are read as the expensive shape")
    }

    /// A POSIX class is a class: `[[:alpha:]]+x` repeats a broad class (the old inline class skip
    /// stopped at the `]` of `:]`).
    @Test func posixClassesAreClasses() {
        #expect(ParsedRegex(#"[[:alpha:]]+ failed"#).isExpensiveForVectorscan)
        #expect(ParsedRegex(#"id=[[:alnum:]_-]* failed"#).isExpensiveForVectorscan)
    }
}
