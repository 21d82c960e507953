/// Totals over every document of a run, for the JSONL summary line and the human table.
public struct ScanSummary: Sendable {
    public var files = 0
    public var errors = 0
    public var bytes = 0
    public var storedBytes = 0
    public var lines = 0
    /// Paths passed over on purpose while walking directories (special files, symlink loops).
    public var skipped = 0
    public var patternLines: [Int]
    public var patternFiles: [Int]
    public var patternLimitHits: [Int]
    /// With classification on: documents each pattern classified, and documents none did.
    public var classifiedFiles: [Int]
    public var unclassifiedFiles = 0
    public var elapsedSeconds = 0.0
    public var stopReason = ScanControl.StopReason.none
    /// How each error kind occurred, for the exit status and stderr.
    public var errorKinds: [InputError.Kind: Int] = [:]

    public var interrupted: Bool { stopReason == .interrupted }

    public init(patternCount: Int) {
        patternLines = Array(repeating: 0, count: patternCount)
        patternFiles = Array(repeating: 0, count: patternCount)
        patternLimitHits = Array(repeating: 0, count: patternCount)
        classifiedFiles = Array(repeating: 0, count: patternCount)
    }

    mutating func add(_ result: DocumentResult) {
        files += 1
        if let error = result.error {
            errors += 1
            errorKinds[error.kind, default: 0] += 1
        }
        bytes += result.tally.bytes
        storedBytes += result.tally.storedBytes
        lines += result.tally.lines
        if let classification = result.tally.classification {
            classifiedFiles[classification.pattern] += 1
        } else if result.testGrid == nil {
            unclassifiedFiles += 1
        }
        for index in patternLines.indices {
            let count = result.tally.counts[index]
            patternLines[index] += count
            if count > 0 { patternFiles[index] += 1 }
            patternLimitHits[index] += result.tally.limitHits[index]
        }
    }
}
