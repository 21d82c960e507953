import RegexSyntax
import Testing

/// Rust `regex` syntax PCRE2 reads differently, reported when a Rust ruleset is imported.
@Suite struct RustDifferencesTests {
    @Test func found() {
        #expect(ParsedRegex(#"^\s*(test.*) \((?:__main__\.)?(.*)\)[^\]]+[[:alpha:]]"#).rustDifferences.isEmpty)
        #expect(ParsedRegex(#"\bfatal\b \< \>"#).rustDifferences.count == 2)
        #expect(ParsedRegex(#"\b{start}x"#).rustDifferences.count == 1)
        #expect(ParsedRegex("[a-z&&[^aeiou]]").rustDifferences.count == 2)
        #expect(ParsedRegex("[a-z--b] [~~x]").rustDifferences.count == 2)
        #expect(ParsedRegex("[a-]x-- [-a]").rustDifferences.isEmpty)
        #expect(ParsedRegex("(?Rm)^x$").rustDifferences.count == 1, "PCRE2 rejects it, but what was read is still checked")
        #expect(ParsedRegex(#"[\<]\[\&&"#).rustDifferences.isEmpty)
        #expect(ParsedRegex("(?R)").rustDifferences.count == 1)
        #expect(ParsedRegex("[[:alpha:]&&x]").rustDifferences.count == 1, "a POSIX class is not a nested class")
    }
}
