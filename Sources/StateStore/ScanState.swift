import Glibc
import Input
import PatternSets

/// The scan state store (`scan --state FILE`): one SQLite file remembering, per document, what it
/// was when scanned and what it counted for which patterns, so a later run reads only what
/// changed. One run at a time holds it (an exclusive `flock` on the file); results are committed
/// in batches as they come, so a run killed at any point loses at most its last batch.
package final class ScanState {
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var description: String
    }

    package let path: String
    let database: SQLite
    private let lock: Int32
    private var statements: [String: SQLite.Statement] = [:]
    private var inTransaction = false
    private var pendingWrites = 0
    private var lastCommit = 0.0

    /// Commit after this many documents or this many seconds, whichever comes first.
    static let batchDocuments = 500
    static let batchSeconds = 2.0

    /// Opens the store at `path`, creating it when `create` and it does not exist.
    package init(path: String, create: Bool) throws(Failure) {
        self.path = path
        var info = stat()
        let exists = stat(path, &info) == 0
        if !exists, !create { throw Failure(description: "state store \(path) does not exist") }
        if exists, (info.st_mode & S_IFMT) != S_IFREG { throw Failure(description: "state store \(path) is not a regular file") }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: "cannot open state store \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw Failure(description: "state store \(path) is in use by another logscan run; try again when it has finished")
        }
        lock = fd
        do {
            database = try SQLite(path: path, create: true)
        } catch {
            close(fd)
            throw Self.describe(error, path: path)
        }
        database.setBusyTimeout(milliseconds: 10_000)
        do {
            try Self.prepare(database, path: path)
        } catch {
            close(fd)
            throw error
        }
    }

    /// Runs SQLite calls, turning their failure into one that names the store.
    static func sqlite<T>(_ path: String, _ body: () throws(SQLite.Failure) -> T) throws(Failure) -> T {
        do {
            return try body()
        } catch {
            throw describe(error, path: path)
        }
    }

    deinit {
        try? commit()
        statements.removeAll()
        close(lock)
    }

    /// Checks the file is a logscan store of a version this logscan reads, creating or migrating
    /// it as needed; anything else is refused, never rebuilt over.
    private static func prepare(_ database: SQLite, path: String) throws(Failure) {
        let (application, version, tables) = try sqlite(path) { () throws(SQLite.Failure) in
            (try scalar(database, "PRAGMA application_id"), try scalar(database, "PRAGMA user_version"),
             try scalar(database, "SELECT count(*) FROM sqlite_master"))
        }
        if application != StateSchema.applicationID {
            guard application == 0, version == 0, tables == 0 else {
                throw Failure(description: "\(path) is not a logscan state store (an SQLite database of something else); "
                              + "name another file with --state")
            }
        }
        guard version <= StateSchema.version else {
            throw Failure(description: "state store \(path) has schema \(version), newer than this logscan's \(StateSchema.version): "
                          + "use a newer logscan")
        }
        try sqlite(path) { () throws(SQLite.Failure) in
            try database.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON")
            if version < StateSchema.version {
                try database.execute("BEGIN IMMEDIATE")
                for migration in StateSchema.migrations[Int(version)...] { try database.execute(migration) }
                try database.execute("PRAGMA application_id=\(StateSchema.applicationID); PRAGMA user_version=\(StateSchema.version)")
                try database.execute("COMMIT")
            }
        }
    }

    static func scalar(_ database: SQLite, _ sql: String) throws(SQLite.Failure) -> Int64 {
        let statement = try database.prepare(sql)
        guard try statement.bind().step() else { return 0 }
        return statement.integer(0)
    }

    static func describe(_ failure: SQLite.Failure, path: String) -> Failure {
        switch failure.code & 0xFF {
        case SQLite.notADatabase:
            return Failure(description: "\(path) is not a logscan state store (not an SQLite database); name another file with --state")
        case SQLite.corrupt:
            return Failure(description: "state store \(path) is damaged (\(failure.message)); restore it from a copy, or start a new one with another --state file")
        case SQLite.busy:
            return Failure(description: "state store \(path) stayed locked by another process for 10 s (\(failure.message))")
        default:
            return Failure(description: "state store \(path): \(failure.message)")
        }
    }

    /// The prepared statement for `sql`, prepared once per run: a store touches each document with
    /// the same few statements, and preparing one costs more than running it.
    func statement(_ sql: String) throws(SQLite.Failure) -> SQLite.Statement {
        if let prepared = statements[sql] { return prepared }
        let prepared = try database.prepare(sql)
        statements[sql] = prepared
        return prepared
    }

    // MARK: - Writes in batches

    /// Runs `body` inside the current batch transaction, committing the batch when it is due.
    func write(_ body: () throws(SQLite.Failure) -> Void) throws(Failure) {
        try Self.sqlite(path) { () throws(SQLite.Failure) in
            if !inTransaction {
                try database.execute("BEGIN IMMEDIATE")
                inTransaction = true
                lastCommit = Self.now()
            }
            try body()
        }
        pendingWrites += 1
        if pendingWrites >= Self.batchDocuments || Self.now() - lastCommit >= Self.batchSeconds { try commit() }
    }

    /// Commits what was written since the last commit.
    package func commit() throws(Failure) {
        guard inTransaction else { return }
        do {
            try database.execute("COMMIT")
        } catch {
            throw Self.describe(error, path: path)
        }
        inTransaction = false
        pendingWrites = 0
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
