import RegexSyntax
import Testing

@Suite struct ParserTests {
    @Test func parsesSomething() {
        #expect(ParsedRegex("a").isValid)
    }
}
