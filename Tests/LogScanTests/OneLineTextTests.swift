import PatternSets
import Testing

@Suite struct OneLineTextTests {
    @Test func controlCharactersAreEscapedAndTheRestKept() {
        #expect(OneLineText.escape("plain \\d+ é") == "plain \\d+ é")
        #expect(OneLineText.escape("a\nb\r\tc\u{0}\u{1B}\u{7F}\u{85}") == "a\\nb\\r\\tc\\x00\\x1b\\x7f\\u{85}")
    }
}
