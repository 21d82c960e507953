import CLogScanSQLite

/// A thin typed wrapper over one SQLite connection: the only code that calls `sqlite3_*`.
final class SQLite {
    struct Failure: Error, Sendable {
        var code: Int32
        var message: String
    }

    private let handle: OpaquePointer

    /// Opens (or, with `create`, creates) the database file at `path`.
    init(path: String, create: Bool) throws(Failure) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw Failure(code: status, message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { sqlite3_close_v2(handle) }

    /// How long a statement waits for another connection's lock before failing with SQLITE_BUSY.
    func setBusyTimeout(milliseconds: Int32) { sqlite3_busy_timeout(handle, milliseconds) }

    /// Runs SQL without results (several statements allowed).
    func execute(_ sql: String) throws(Failure) {
        var error: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &error)
        guard status == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(error)
            throw Failure(code: status, message: message)
        }
    }

    func prepare(_ sql: String) throws(Failure) -> Statement {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw Failure(code: status, message: lastMessage) }
        return Statement(statement, connection: self)
    }

    var lastInsertedRow: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int { Int(sqlite3_changes(handle)) }
    fileprivate var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// One prepared statement, reset and reused.
    final class Statement {
        private let statement: OpaquePointer
        private unowned let connection: SQLite

        fileprivate init(_ statement: OpaquePointer, connection: SQLite) {
            self.statement = statement
            self.connection = connection
        }

        deinit { sqlite3_finalize(statement) }

        /// Binds `values` to the parameters in order, after a reset.
        @discardableResult
        func bind(_ values: Value...) -> Statement {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            for (offset, value) in values.enumerated() {
                let index = Int32(offset + 1)
                switch value {
                case .null: sqlite3_bind_null(statement, index)
                case .integer(let number): sqlite3_bind_int64(statement, index, number)
                case .text(let text):
                    // With its byte length: a NUL inside the text must not end it.
                    let bytes = Array(text.utf8) + [0]
                    bytes.withUnsafeBufferPointer { buffer in
                        buffer.withMemoryRebound(to: CChar.self) { chars in
                            _ = sqlite3_bind_text(statement, index, chars.baseAddress, Int32(chars.count - 1), logscan_sqlite_transient())
                        }
                    }
                case .blob(let bytes):
                    bytes.withUnsafeBytes { raw in
                        // A zero-length blob still needs a non-null pointer to be a blob, not NULL.
                        _ = sqlite3_bind_blob64(statement, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64(raw.count),
                                                logscan_sqlite_transient())
                    }
                }
            }
            return self
        }

        /// The next row, false when there is none.
        func step() throws(Failure) -> Bool {
            let status = sqlite3_step(statement)
            if status == SQLITE_ROW { return true }
            if status == SQLITE_DONE { return false }
            throw Failure(code: status, message: connection.lastMessage)
        }

        /// Runs a statement that returns no rows.
        func run() throws(Failure) { _ = try step() }

        func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
        func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

        func text(_ column: Int32) -> String? {
            guard let bytes = sqlite3_column_text(statement, column) else { return nil }
            return String(cString: bytes)
        }

        func blob(_ column: Int32) -> [UInt8]? {
            guard !isNull(column) else { return nil }
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count > 0, let bytes = sqlite3_column_blob(statement, column) else { return [] }
            return Array(UnsafeRawBufferPointer(start: bytes, count: count))
        }
    }

    enum Value {
        case null
        case integer(Int64)
        case text(String)
        case blob([UInt8])

        static func int(_ value: Int) -> Value { .integer(Int64(value)) }
        static func optionalText(_ value: String?) -> Value { value.map(Value.text) ?? .null }
    }

    static let busy = SQLITE_BUSY
    static let notADatabase = SQLITE_NOTADB
    static let corrupt = SQLITE_CORRUPT
}
