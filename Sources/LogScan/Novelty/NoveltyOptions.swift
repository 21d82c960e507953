import Engine
import Input

/// How `logscan novel` reads and reports.
package struct NoveltyOptions: @unchecked Sendable {
    // @unchecked: the custom masks hold PCRE2 code objects, which are read-only once compiled and
    // matched by each worker with its own match data (see PCRE2Regex).
    package var jobs = 1
    package var inflater: Inflater = .isal
    /// Longer lines are templated by their first part (and counted), so memory stays bounded.
    package var maxLineBytes = 64 * 1024
    /// Novel lines kept per document; more are counted (`"more_novel_lines"`) but not reported.
    package var maxNovelLines = 5_000
    /// Blocks reported per document, best first (0: all).
    package var top = 0
    /// Lines of context kept before and after each block, for the terminal view.
    package var contextLines = 2
    package var disabledMasks: Set<MaskRule> = []
    package var customMasks: [LineTemplater.CustomMask] = []
    /// The set TestGrid tabs are read with (their lines are what `scan` matches); nil reads
    /// TestGrid JSON as plain text (`--testgrid off`).
    package var testGridPatterns: PatternSet?

    package init() {}

    func makeTemplater() -> LineTemplater { LineTemplater(disabled: disabledMasks, custom: customMasks) }
}
