/// A line quoted in the output as evidence for a count.
public struct MatchExample: Sendable, Hashable {
    /// 1-based line number in the (decompressed) document.
    public var line: Int
    /// The cleaned line, cut at `DocumentTally.exampleTextLimit` bytes.
    public var text: [UInt8]
    /// For TestGrid documents: the test and cell the line is from.
    public var cell: TestGridCell?

    public init(line: Int, text: [UInt8], cell: TestGridCell? = nil) {
        self.line = line
        self.text = text
        self.cell = cell
    }
}

/// What one document yielded so far. Kept even when reading fails part-way, so the record can say
/// what was counted before the error.
public struct DocumentTally: Sendable {
    public static let exampleTextLimit = 1024

    /// Lines matched, per pattern (index = position in the pattern set).
    public var counts: [Int]
    /// Lines on which PCRE2 gave up (match/depth/JIT-stack limit), per pattern.
    public var limitHits: [Int]
    /// First matching lines per pattern; empty arrays unless examples were requested.
    public var examples: [[MatchExample]]
    /// Uncompressed bytes, before ANSI/CR cleaning.
    public var bytes = 0
    /// Bytes read from the file itself (compressed size for gzip).
    public var storedBytes = 0
    public var lines = 0
    public var gzipLayers = 0
    /// With classification on: the pattern that explains the document, if any matched.
    public var classification: Classification?

    public init(patternCount: Int) {
        counts = Array(repeating: 0, count: patternCount)
        limitHits = Array(repeating: 0, count: patternCount)
        examples = Array(repeating: [], count: patternCount)
    }
}
