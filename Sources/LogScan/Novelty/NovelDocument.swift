import Input

/// One reported block of a target document: consecutive lines whose templates the baseline does
/// not know (a stack trace is one block), ranked by `score`.
package struct NovelBlock: Sendable {
    package struct Line: Sendable {
        package var number: Int
        /// What a terminal shows of the line, cut at 1 KiB.
        package var text: String
        package var template: String
        package var hash: UInt64
    }

    package var lines: [Line]
    package var before: [String] = []
    package var after: [String] = []
    package var score = 0.0
    /// The first pattern of the active set that matches a line of the block.
    package var pattern: String?
    package var looksLikeError = false

    package var first: Line { lines[0] }
    package var lastNumber: Int { lines[lines.count - 1].number }
}

package struct NovelDocument: Sendable {
    package var location: InputLocation
    /// For a TestGrid tab: `<dashboard>/<tab>`, as `scan` writes `doc`; nil for a log.
    package var document: String?
    package var lines = 0
    package var bytes = 0
    /// Blocks in score order (best first), at most `--top`.
    package var blocks: [NovelBlock] = []
    /// Every novel line's template hash and count, for the per-template records (before `--top`).
    package var templateLines: [UInt64: (lines: Int, first: NovelBlock.Line)] = [:]
    package var novelLines = 0
    /// Novel lines past `maxNovelLines`, counted only.
    package var moreNovelLines = 0
    /// Lines the baseline knows, seen next to novel ones: `nomatch` examples for `--suggest`.
    package var knownNeighbours: [String] = []
    package var error: InputError?
}
