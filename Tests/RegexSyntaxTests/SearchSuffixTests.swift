import RegexSyntax
import Testing

/// `searchSuffix`: where Vectorscan may start searching a pattern PCRE2 confirms.
@Suite struct SearchSuffixTests {
    @Test(arguments: [
        (#"^I\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ \w+\.go:\d+\] .*\blease\b"#, #"\.go:\d+\] .*\blease\b"#, #"\.go:"#),
        (#"^\s*at [\w.$]+\.Queue\w*\.\w+\("#, #"\.Queue\w*\.\w+\("#, #"\.Queue"#),
        (#"(?i)\w+ fatal error"#, #"(?i) fatal error"#, " fatal error"),
        (#"abc\w+efgh"#, "efgh", "efgh"),
        (#"(?im)\d+ élan vital(x)"#, #"(?im) élan vital(x)"#, " élan vital"),
    ])
    func cuts(_ regex: String, _ expected: String, _ literal: String) {
        let suffix = ParsedRegex(regex).searchSuffix
        #expect(suffix?.expression == expected, "\(regex)")
        #expect(suffix?.literal == literal, "\(regex)")
    }

    @Test(arguments: [
        #"\w+abc|\w+defg"#, #"(\w+)barbaz"#, #"\w+\Kbarbaz"#, #"x{2}abcd"#, #"\w+abc"#, #"(?x)\w+ abcd"#, #"abcdefgh.*xyz"#,
        #"\w+\x41bcd"#, #"\p{L}+abcd"#, #"\w+$abcd"#,
        #"Received block .*? of size .*? from"#,  // a literal first: Vectorscan anchors on it already
        #"\w+\Qabcd\E"#, #"(?-i)\w+abcd"#, #"\w+a{,3}bcde"#, #"\w+\tabcd"#,
    ])
    func leavesWhole(_ regex: String) {
        #expect(ParsedRegex(regex).searchSuffix == nil, "\(regex) gave \(String(describing: ParsedRegex(regex).searchSuffix))")
    }
}
