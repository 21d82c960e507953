import Engine

/// A line quoted in the output as evidence for a count.
package struct MatchExample: Sendable, Hashable {
    /// 1-based line number in the (decompressed) document.
    package var line: Int
    /// The cleaned line, cut at `DocumentTally.exampleTextLimit` bytes.
    package var text: [UInt8]
    /// For TestGrid documents: the test and cell the line is from.
    package var cell: TestGridCell?

    package init(line: Int, text: [UInt8], cell: TestGridCell? = nil) {
        self.line = line
        self.text = text
        self.cell = cell
    }
}

/// What one document yielded so far. Kept even when reading fails part-way, so the record can say
/// what was counted before the error.
package struct DocumentTally: Sendable {
    package static let exampleTextLimit = 1024

    /// Lines matched, per pattern (index = position in the pattern set).
    package var counts: [Int]
    /// Lines on which PCRE2 gave up (match/depth/JIT-stack limit), per pattern.
    package var limitHits: [Int]
    /// First matching lines per pattern; empty arrays unless examples were requested.
    package var examples: [[MatchExample]]
    /// Uncompressed bytes, before ANSI/CR cleaning.
    package var bytes = 0
    /// Bytes read from the file itself (compressed size for gzip).
    package var storedBytes = 0
    package var lines = 0
    /// Lines longer than `ScanOptions.maxLineBytes`, matched by their first part only.
    package var longLines = 0
    package var gzipLayers = 0
    /// With classification on: the pattern that explains the document, if any matched.
    package var classification: Classification?

    package init(patternCount: Int) {
        counts = Array(repeating: 0, count: patternCount)
        limitHits = Array(repeating: 0, count: patternCount)
        examples = Array(repeating: [], count: patternCount)
    }
}
