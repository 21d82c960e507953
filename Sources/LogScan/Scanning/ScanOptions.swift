/// How documents are read and matched.
public struct ScanOptions: Sendable {
    /// Worker count; each has its own buffers and PCRE2 state.
    public var jobs: Int
    /// Keep ANSI escape sequences in lines instead of stripping them before matching.
    public var keepANSI: Bool
    /// First matching lines to quote per pattern and document.
    public var exampleLimit: Int
    public var limits: MatchLimits
    /// Initial read buffer; grows for longer lines and shrinks back after the document.
    public var bufferCapacity: Int
    /// The gzip decoder.
    public var inflater: Inflater
    /// Inflate on a second thread when a worker would otherwise be idle (few files left).
    public var pipelineInflate: Bool
    /// Recognise TestGrid JSON by content and scan its tabs as documents (`--testgrid auto`);
    /// false reads it as plain text.
    public var testGrid: Bool
    /// Name each log's winning pattern (`--classify`); nil = no classification.
    public var classification: ClassificationRules?
    /// Remove ISO 8601 timestamp prefixes from lines before matching (`--strip-timestamps`).
    public var stripTimestamps: Bool

    public init(jobs: Int = 1, keepANSI: Bool = false, exampleLimit: Int = 0, limits: MatchLimits = MatchLimits(),
                bufferCapacity: Int = 256 * 1024, inflater: Inflater = .isal, pipelineInflate: Bool = true, testGrid: Bool = true,
                classification: ClassificationRules? = nil, stripTimestamps: Bool = false) {
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
    }
}
