import RegexSyntax
import Testing

/// The form PCRE2Regex compiles where the JIT misses `\D \S \W` on multibyte characters: each of
/// them outside a class becomes a one-member class, and nothing else changes.
@Suite struct NegatedTypesAsClassesTests {
    @Test func escapesOutsideClassesBecomeClasses() {
        let cases: [(String, String?)] = [
            (#"panic: \S"#, #"panic: [\S]"#),
            (#"a\S+b\D{2,}\W*?"#, #"a[\S]+b[\D]{2,}[\W]*?"#),
            (#"(?<=\W)x|(?:y\S)"#, #"(?<=[\W])x|(?:y[\S])"#),
            (#"[\S]x\D[^\W\d]"#, #"[\S]x[\D][^\W\d]"#),
            (#"é\S😀"#, #"é[\S]😀"#),
            (#"\s\d\w\H\N"#, nil),
            (#"\Q\S\E"#, nil),
            (#"\\S"#, nil),
            (#"[\S"#, nil),  // does not parse: left as written
            ("plain", nil),
        ]
        for (regex, expected) in cases {
            #expect(ParsedRegex(regex).negatedTypesAsClasses == expected, "\(regex)")
        }
    }
}
