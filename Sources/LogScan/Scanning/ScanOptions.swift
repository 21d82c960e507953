import Engine
import Input

/// How documents are read and matched.
package struct ScanOptions: Sendable {
    /// Worker count; each has its own buffers and PCRE2 state.
    package var jobs: Int
    /// Keep ANSI escape sequences in lines instead of stripping them before matching.
    package var keepANSI: Bool
    /// First matching lines to quote per pattern and document.
    package var exampleLimit: Int
    package var limits: MatchLimits
    /// Initial read buffer; grows for longer lines and shrinks back after the document.
    package var bufferCapacity: Int
    /// The longest line read whole (`--max-line-bytes`): the read buffer never grows beyond it, so
    /// memory is bounded whatever the input; a longer line is matched by its first part.
    package var maxLineBytes: Int
    package static let defaultMaxLineBytes = 128 << 20
    /// The gzip decoder.
    package var inflater: Inflater
    /// Inflate on a second thread when a worker would otherwise be idle (few files left).
    package var pipelineInflate: Bool
    /// Recognise TestGrid JSON by content and scan its tabs as documents (`--testgrid auto`);
    /// false reads it as plain text.
    package var testGrid: Bool
    /// Name each log's winning pattern (`--classify`); nil = no classification.
    package var classification: ClassificationRules?
    /// Remove ISO 8601 timestamp prefixes from lines before matching (`--strip-timestamps`).
    package var stripTimestamps: Bool
    /// The part of the inputs this run scans (`--shard K/N`); nil: all of them.
    package var shard: Shard?
    /// Most inputs claimed but not yet written; nil: `ScanRunner.reorderWindow`'s default.
    package var reorderWindow: Int?

    package init(jobs: Int = 1, keepANSI: Bool = false, exampleLimit: Int = 0, limits: MatchLimits = MatchLimits(),
                bufferCapacity: Int = 256 * 1024, inflater: Inflater = .isal, pipelineInflate: Bool = true, testGrid: Bool = true,
                classification: ClassificationRules? = nil, stripTimestamps: Bool = false, shard: Shard? = nil,
                maxLineBytes: Int = ScanOptions.defaultMaxLineBytes) {
        self.jobs = max(1, jobs)
        self.keepANSI = keepANSI
        self.exampleLimit = max(0, exampleLimit)
        self.limits = limits
        self.bufferCapacity = max(4096, bufferCapacity)
        self.inflater = inflater
        self.pipelineInflate = pipelineInflate
        self.testGrid = testGrid
        self.classification = classification
        self.stripTimestamps = stripTimestamps
        self.shard = shard
        self.maxLineBytes = max(self.bufferCapacity, maxLineBytes)
    }
}
