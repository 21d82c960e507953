import RegexSyntax
import Testing

/// Strings of regex syntax characters in any order, mostly malformed: every analysis must end
/// (no trap, no endless loop) whatever the reader made of them.
@Suite struct MalformedInputTests {
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let symbols = ["(", ")", "[", "]", "{", "}", "\\", "|", "*", "+", "?", "^", "$", ".", "-", ":", "=", "!", "<", ">", "'",
                          "P", "#", "x", "i", "m", "s", "1", "0", ",", "a", "Q", "E", "k", "g", "p", "c", "N", "o", "R", "C", "&",
                          "é", "日", " ", "\n", "\"", "2"]

    @Test func everyAnalysisEnds() {
        var generator = SplitMix(state: 2026)
        var valid = 0
        for _ in 0..<20_000 {
            let regex = (0..<Int.random(in: 1...12, using: &generator)).map { _ in Self.symbols.randomElement(using: &generator)! }.joined()
            let parsed = ParsedRegex(regex)
            if parsed.isValid { valid += 1 } else { #expect(parsed.failure!.offset <= parsed.bytes.count) }
            _ = parsed.literalSignature
            _ = parsed.isExpensiveForVectorscan
            _ = parsed.vectorscanExclusionReason
            _ = parsed.confirmationReason
            _ = parsed.vectorscanForm
            _ = parsed.searchSuffix
            _ = parsed.lineLocalityReason
            _ = parsed.rustDifferences
            _ = parsed.canonicalForm
            _ = parsed.leadingWildcard
            _ = parsed.withoutLeadingIgnoreCase
        }
        #expect(valid > 5_000, "a fair share is valid, so the analyses' main paths run too")
    }

    /// A class or group left open by the error still holds what was read after it.
    @Test func openConstructsEndAtTheEnd() {
        for regex in ["[a", "(a[b", "(?:a|(b", "[a-z&&[b"] {
            let parsed = ParsedRegex(regex)
            #expect(!parsed.isValid)
            #expect(parsed.nodes.indices.allSatisfy { Int(parsed.nodes[$0].subtreeEnd) > $0 }, "\(regex)")
            _ = parsed.rustDifferences
        }
        #expect(ParsedRegex("[a-z&&[b").rustDifferences.count == 2)
    }
}
