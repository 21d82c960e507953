import Glibc
import Input
import LogScan
import Synchronization

/// Documents and counts in the store: writing a scanned result, and reading one back as the
/// result a scan would give.
enum StateRecords {
    /// Removes everything the store knows of `path` (all its documents and their counts).
    static func forget(_ state: ScanState, path: [UInt8]) throws(SQLite.Failure) {
        try state.statement("DELETE FROM documents WHERE path = ?").bind(.blob(path)).run()
    }

    static func insert(_ state: ScanState, path: [UInt8], identity: DocumentIdentity, result: DocumentResult, rows: [Int64],
                       group: Int64) throws(SQLite.Failure) {
        let tally = result.tally
        try state.statement("""
            INSERT INTO documents (path, doc, size, mtime_ns, checksum, bytes, stored_bytes, lines, gzip, error_kind, error_message, scanned_at)
            VALUES (?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).bind(.blob(path), .integer(identity.size), .integer(identity.mtimeNanoseconds), identity.checksum.map(SQLite.Value.blob) ?? .null,
                      .int(tally.bytes), .int(tally.storedBytes), .int(tally.lines), .int(tally.gzipLayers),
                      .optionalText(result.error?.kind.rawValue), .optionalText(result.error?.message), .int(Int(time(nil)))).run()
        let document = state.database.lastInsertedRow
        try addCounts(state, document: document, result: result, rows: rows, group: group)
    }

    /// Records that `document` was scanned for the patterns `rows` (in the result's order), with
    /// their non-zero counts.
    static func addCounts(_ state: ScanState, document: Int64, result: DocumentResult, rows: [Int64], group: Int64) throws(SQLite.Failure) {
        let count = try state.statement("INSERT OR REPLACE INTO counts (document, pattern, lines, limit_hits) VALUES (?, ?, ?, ?)")
        let clear = try state.statement("DELETE FROM counts WHERE document = ? AND pattern = ?")
        for (position, row) in rows.enumerated() {
            let lines = result.tally.counts[position], limits = result.tally.limitHits[position]
            if lines > 0 || limits > 0 {
                try count.bind(.integer(document), .integer(row), .int(lines), .int(limits)).run()
            } else {
                try clear.bind(.integer(document), .integer(row)).run()
            }
        }
        try state.statement("INSERT OR IGNORE INTO document_groups (document, grp) VALUES (?, ?)").bind(.integer(document), .integer(group)).run()
    }

    /// The stored document as the result a scan of `item` with the run's set gives.
    static func result(_ stored: StoredRecord, item: InputItem, rows: [Int64: Int], patternCount: Int) -> DocumentResult {
        var tally = DocumentTally(patternCount: patternCount)
        tally.bytes = stored.bytes
        tally.storedBytes = stored.storedBytes
        tally.lines = stored.lines
        tally.gzipLayers = stored.gzipLayers
        var error: InputError?
        if let kind = stored.errorKind.flatMap(InputError.Kind.init(rawValue:)) { error = InputError(kind, stored.errorMessage ?? "") }
        for (row, count) in stored.counts {
            guard let index = rows[row] else { continue }
            tally.counts[index] = count.lines
            tally.limitHits[index] = count.limitHits
        }
        var result = DocumentResult(location: item.location, tally: tally, error: error)
        result.fromState = true
        return result
    }

    static func isoNow() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

/// Store failures met while a scan runs (in `StatePlanner.complete`, which cannot throw): the run
/// goes on, and the CLI reports them at the end.
package final class StateFailures: Sendable {
    package static let shared = StateFailures()
    private let failures = Mutex<[String]>([])

    func record(_ error: any Error) { failures.withLock { $0.append("\(error)") } }
    package var all: [String] { failures.withLock { $0 } }
}

/// A document's record fields and counts as the store has them, loaded once per run.
struct StoredRecord {
    var bytes: Int
    var storedBytes: Int
    var lines: Int
    var gzipLayers: Int
    var errorKind: String?
    var errorMessage: String?
    /// Non-zero counts by pattern row.
    var counts: [Int64: (lines: Int, limitHits: Int)]
}
