import Engine
import Input

/// Totals over every document of a run, for the JSONL summary line and the human table.
package struct ScanSummary: Sendable {
    package var files = 0
    package var errors = 0
    package var bytes = 0
    package var storedBytes = 0
    package var lines = 0
    /// Lines over `--max-line-bytes`, matched by their first part (see `DocumentTally.longLines`).
    package var longLines = 0
    /// Paths passed over on purpose while walking directories (special files, symlink loops).
    package var skipped = 0
    package var patternLines: [Int]
    package var patternFiles: [Int]
    package var patternLimitHits: [Int]
    /// With classification on: documents each pattern classified, and documents none did.
    package var classifiedFiles: [Int]
    package var unclassifiedFiles = 0
    package var elapsedSeconds = 0.0
    package var stopReason = ScanControl.StopReason.none
    /// How each error kind occurred, for the exit status and stderr.
    package var errorKinds: [InputError.Kind: Int] = [:]

    package var interrupted: Bool { stopReason == .interrupted }

    package init(patternCount: Int) {
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
        longLines += result.tally.longLines
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
