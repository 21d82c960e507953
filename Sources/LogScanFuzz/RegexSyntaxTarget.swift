import Engine
import RegexSyntax

/// The regex syntax reader and every analysis of its parsed form, on one regex (the input's first
/// line). Promised beyond not crashing: the literal signature is sound, so every line PCRE2
/// matches holds one literal of each required factor (else the prefilter would lose matches),
/// and the canonical form of a regex PCRE2 accepts reads back to itself.
final class RegexSyntaxTarget: FuzzTarget {
    static let name = "regex"

    init() {}

    func check(_ input: UnsafeRawBufferPointer) {
        let split = RegexesAndText(input, maxRegexes: 1)
        guard let source = split.regexes.first else { return }
        let parsed = ParsedRegex(source)
        let signature = parsed.literalSignature
        _ = (parsed.canonicalForm, parsed.confirmationReason, parsed.vectorscanExclusionReason, parsed.unsetsMultiline,
             parsed.withoutLeadingIgnoreCase, parsed.leadingWildcard, parsed.lineLocalityReason, parsed.lintTokens,
             parsed.rustDifferences, parsed.searchSuffix, parsed.isExpensiveForVectorscan, parsed.vectorscanForm)
        guard let set = try? PatternSet(definitions: split.definitions(), sources: ["fuzz"], allowBufferSearch: false, engine: .pcre2)
        else { return }
        if parsed.isValid, !parsed.hasOpaqueSyntax {
            let again = ParsedRegex(parsed.canonicalForm)
            if again.canonicalForm != parsed.canonicalForm {
                violated("the canonical form is not stable", "\(source) -> \(parsed.canonicalForm) -> \(again.canonicalForm)")
            }
        }
        guard let signature else { return }
        let recorder = LineRecorder.run(set, over: split.text)
        for number in recorder.matches[0] {
            let line = Array(split.lines[number - 1])
            for factor in signature.factors where !factor.contains(where: { Self.contains(line, $0, caseless: signature.caseless) }) {
                violated("a matched line lacks a required literal",
                         "regex \(source), line \(line.shown), none of \(factor.map(\.shown))")
            }
        }
    }

    private static func contains(_ line: [UInt8], _ literal: [UInt8], caseless: Bool) -> Bool {
        guard !literal.isEmpty else { return true }
        guard line.count >= literal.count else { return false }
        let fold: (UInt8) -> UInt8 = { caseless && $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let wanted = literal.map(fold)
        for start in 0...(line.count - literal.count) {
            var index = 0
            while index < wanted.count, fold(line[start + index]) == wanted[index] { index += 1 }
            if index == wanted.count { return true }
        }
        return false
    }
}
