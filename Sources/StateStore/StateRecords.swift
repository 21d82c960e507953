import Glibc
import Input
import LogScan
import Synchronization

/// Documents and counts in the store: writing a scanned result, and reading one back as the
/// result a scan would give.
enum StateRecords {
    /// Removes everything the store knows of `path` (all its documents and their counts).
    static func forget(_ database: SQLite, path: [UInt8]) throws(SQLite.Failure) {
        try database.prepare("DELETE FROM documents WHERE path = ?").bind(.blob(path)).run()
    }

    static func insert(_ database: SQLite, path: [UInt8], identity: FileIdentity, result: DocumentResult, rows: [Int64],
                       group: Int64) throws(SQLite.Failure) {
        let tally = result.tally
        try database.prepare("""
            INSERT INTO documents (path, doc, size, mtime_ns, checksum, bytes, stored_bytes, lines, gzip, error_kind, error_message, scanned_at)
            VALUES (?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).bind(.blob(path), .integer(identity.size), .integer(identity.mtimeNanoseconds), identity.checksum.map(SQLite.Value.blob) ?? .null,
                      .int(tally.bytes), .int(tally.storedBytes), .int(tally.lines), .int(tally.gzipLayers),
                      .optionalText(result.error?.kind.rawValue), .optionalText(result.error?.message), .int(Int(time(nil)))).run()
        let document = database.lastInsertedRow
        try addCounts(database, document: document, result: result, rows: rows, group: group)
    }

    /// Records that `document` was scanned for the patterns `rows` (in the result's order), with
    /// their non-zero counts.
    static func addCounts(_ database: SQLite, document: Int64, result: DocumentResult, rows: [Int64], group: Int64) throws(SQLite.Failure) {
        let count = try database.prepare("INSERT OR REPLACE INTO counts (document, pattern, lines, limit_hits) VALUES (?, ?, ?, ?)")
        let clear = try database.prepare("DELETE FROM counts WHERE document = ? AND pattern = ?")
        for (position, row) in rows.enumerated() {
            let lines = result.tally.counts[position], limits = result.tally.limitHits[position]
            if lines > 0 || limits > 0 {
                try count.bind(.integer(document), .integer(row), .int(lines), .int(limits)).run()
            } else {
                try clear.bind(.integer(document), .integer(row)).run()
            }
        }
        try database.prepare("INSERT OR IGNORE INTO document_groups (document, grp) VALUES (?, ?)").bind(.integer(document), .integer(group)).run()
    }

    /// The stored document as the result a scan of `item` with the run's set gives.
    static func result(_ state: ScanState, document: Int64, item: InputItem, rows: [Int64: Int],
                       patternCount: Int) throws(ScanState.Failure) -> DocumentResult? {
        do {
            let row = try state.database.prepare(
                "SELECT bytes, stored_bytes, lines, gzip, error_kind, error_message FROM documents WHERE id = ?")
            guard try row.bind(.integer(document)).step() else { return nil }
            var tally = DocumentTally(patternCount: patternCount)
            tally.bytes = Int(row.integer(0))
            tally.storedBytes = Int(row.integer(1))
            tally.lines = Int(row.integer(2))
            tally.gzipLayers = Int(row.integer(3))
            var error: InputError?
            if let kind = row.text(4).flatMap(InputError.Kind.init(rawValue:)) { error = InputError(kind, row.text(5) ?? "") }
            let counts = try state.database.prepare("SELECT pattern, lines, limit_hits FROM counts WHERE document = ?")
            counts.bind(.integer(document))
            while try counts.step() {
                guard let index = rows[counts.integer(0)] else { continue }
                tally.counts[index] = Int(counts.integer(1))
                tally.limitHits[index] = Int(counts.integer(2))
            }
            var result = DocumentResult(location: item.location, tally: tally, error: error)
            result.fromState = true
            return result
        } catch {
            throw ScanState.describe(error, path: state.path)
        }
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
