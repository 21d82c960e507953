import Engine
import Glibc

/// Ranks blocks. A block scores higher when it looks like an error (a line matched by the active
/// pattern set, else by the error vocabulary), sits near the end of the log (where builds fail),
/// is rare in its document (a line repeated 500 times is noise), and is a burst (a stack trace):
/// `score = 0.45·error + 0.25·position + 0.2·rarity + 0.1·burst`, each part in 0…1.
package final class NoveltyScorer: @unchecked Sendable {
    // @unchecked: PCRE2 code is read-only once compiled; each worker brings its own `LineTester`.
    package static let vocabulary = #"(?i)\b(?:errors?|fail(?:s|ed|ure|ures|ing)?|exception|fatal|panic(?:ked)?|traceback|caused by|cannot|can't|could not|couldn't|unable to|denied|refused|timed out|timeout|not found|no such|undefined|segmentation fault|abort(?:ed)?|assert(?:ion)?|expected|unexpected|invalid|missing|crash(?:ed)?|killed|oom)\b"#

    private let patterns: [(id: String, regex: PCRE2Regex)]
    private let vocabularyRegex: PCRE2Regex
    let captureCount: Int

    package init(patterns: [(id: String, regex: PCRE2Regex)]) {
        self.patterns = patterns
        vocabularyRegex = try! PCRE2Regex(pattern: Self.vocabulary, multiline: false)
        captureCount = patterns.map(\.regex.captureCount).max() ?? 0
    }

    func makeTester() -> LineTester { LineTester(captureCount: captureCount) }

    func score(_ block: inout NovelBlock, totalLines: Int, occurrences: [UInt64: Int], tester: LineTester) {
        var error = 0.0
        for line in block.lines.prefix(50) {
            if block.pattern == nil, let match = patterns.first(where: { (try? tester.matches($0.regex, line: line.text).get()) == true }) {
                block.pattern = match.id
                error = 1
                break
            }
            if error == 0, (try? tester.matches(vocabularyRegex, line: line.text).get()) == true { error = 0.7 }
        }
        block.looksLikeError = error > 0
        let position = totalLines > 0 ? Double(block.first.number) / Double(totalLines) : 0
        let repeats = occurrences[block.first.hash] ?? 1
        let rarity = 1 / (1 + log2(Double(max(1, repeats))))
        let burst = min(1, Double(block.lines.count) / 10)
        block.score = 0.45 * error + 0.25 * position + 0.2 * rarity + 0.1 * burst
    }
}
