import Glibc
import Engine
import Input
import LogScan

/// Documents and counts in the store: writing a scanned result, and reading one back as the
/// result a scan would give.
enum StateRecords {
    /// Removes everything the store knows of `path` (all its documents and their counts).
    static func forget(_ state: ScanState, path: [UInt8]) throws(SQLite.Failure) {
        try state.statement("DELETE FROM documents WHERE path = ?").bind(.blob(path)).run()
    }

    static func insert(_ state: ScanState, path: [UInt8], identity: DocumentIdentity, result: DocumentResult, rows: [Int64],
                       group: Int64, settings: StatePlanner.Settings) throws(SQLite.Failure) {
        let tally = result.tally
        var classification = SQLite.Value.null
        if settings.classificationKey != nil {
            classification = .blob(tally.classification.map {
                StoredClassification(patternRow: rows[$0.pattern], line: $0.line, text: $0.text, captures: $0.captures).encoded
            } ?? [])
        }
        let testGrid = result.testGrid.map { SQLite.Value.blob(StoredTestGrid($0, rows: rows).encoded) } ?? .null
        try state.statement("""
            INSERT INTO documents (path, doc, size, mtime_ns, checksum, bytes, stored_bytes, lines, gzip, error_kind, error_message,
                                   scanned_at, examples_limit, classification_key, classification, testgrid)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).bind(.blob(path), .text(result.document ?? ""), .integer(identity.size), .integer(identity.mtimeNanoseconds), identity.checksum.map(SQLite.Value.blob) ?? .null,
                      .int(tally.bytes), .int(tally.storedBytes), .int(tally.lines), .int(tally.gzipLayers),
                      .optionalText(result.error?.kind.rawValue), .optionalText(result.error?.message), .int(Int(time(nil))),
                      .int(settings.examplesLimit), .optionalText(settings.classificationKey), classification, testGrid).run()
        let document = state.database.lastInsertedRow
        try addCounts(state, document: document, result: result, rows: rows, group: group, fresh: true)
    }

    /// Records that `document` was scanned for the patterns `rows` (in the result's order), with
    /// their non-zero counts and examples; `fresh`: the document was just inserted, so it has no
    /// rows to replace.
    static func addCounts(_ state: ScanState, document: Int64, result: DocumentResult, rows: [Int64], group: Int64,
                          fresh: Bool = false) throws(SQLite.Failure) {
        let count = try state.statement("INSERT OR REPLACE INTO counts (document, pattern, lines, limit_hits) VALUES (?, ?, ?, ?)")
        let clear = try state.statement("DELETE FROM counts WHERE document = ? AND pattern = ?")
        let clearExamples = try state.statement("DELETE FROM examples WHERE document = ? AND pattern = ?")
        let example = try state.statement("INSERT INTO examples (document, pattern, position, line, text, cell) VALUES (?, ?, ?, ?, ?, ?)")
        for (position, row) in rows.enumerated() {
            let lines = result.tally.counts[position], limits = result.tally.limitHits[position]
            if lines > 0 || limits > 0 {
                try count.bind(.integer(document), .integer(row), .int(lines), .int(limits)).run()
            } else if !fresh {
                try clear.bind(.integer(document), .integer(row)).run()
            }
            if !fresh { try clearExamples.bind(.integer(document), .integer(row)).run() }
            for (order, quoted) in result.tally.examples[position].enumerated() {
                try example.bind(.integer(document), .integer(row), .int(order), .int(quoted.line), .blob(quoted.text),
                                 quoted.cell.map { .blob(StoredTestGrid.encode($0)) } ?? .null).run()
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
        for (row, examples) in stored.examples {
            guard let index = rows[row] else { continue }
            tally.examples[index] = examples
        }
        if case .some(.some(let classification)) = stored.classification, let index = rows[classification.patternRow] {
            tally.classification = Classification(pattern: index, line: classification.line, text: classification.text,
                                                  captures: classification.captures)
        }
        var result = DocumentResult(location: item.location, tally: tally, error: error,
                                    document: stored.document.isEmpty ? nil : stored.document,
                                    testGrid: stored.testGrid?.summary(rows: rows))
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
    private let failures = Locked<[String]>([])

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
    var examplesLimit = 0
    /// Example lines by pattern row, in order.
    var examples: [Int64: [MatchExample]] = [:]
    var classificationKey: String?
    /// The stored classification: its pattern row and the rest; nil inside for "none matched".
    var classification: StoredClassification??
    /// `<dashboard>/<tab>` for a tab of a TestGrid file, empty for a whole file.
    var document = ""
    var testGrid: StoredTestGrid?
}

/// A classification as the store keeps it: the winner by pattern row, its line, text and captures.
struct StoredClassification {
    var patternRow: Int64
    var line: Int
    var text: [UInt8]
    var captures: [[UInt8]]

    /// Row, line, text, then each capture (`StateEncoder`).
    var encoded: [UInt8] {
        var encoder = StateEncoder()
        encoder.integer(patternRow)
        encoder.integer(line)
        encoder.data(text)
        encoder.integer(captures.count)
        for capture in captures { encoder.data(capture) }
        return encoder.bytes
    }

    init(patternRow: Int64, line: Int, text: [UInt8], captures: [[UInt8]]) {
        self.patternRow = patternRow
        self.line = line
        self.text = text
        self.captures = captures
    }

    /// Nil for bytes `encoded` did not write.
    init?(decoding bytes: [UInt8]) {
        var decoder = StateDecoder(bytes)
        guard let row = decoder.integer(), let line = decoder.int(), let text = decoder.data(), let count = decoder.int(), count >= 0 else {
            return nil
        }
        var captures: [[UInt8]] = []
        for _ in 0..<count {
            guard let capture = decoder.data() else { return nil }
            captures.append(capture)
        }
        self.init(patternRow: row, line: line, text: text, captures: captures)
    }
}
