import Glibc
import Input

/// `logscan state info` and `logscan state prune`.
extension ScanState {
    package struct Info: Sendable {
        package var schema: Int64
        package var documents: Int64
        package var documentsWithErrors: Int64
        package var patterns: Int64
        package var counts: Int64
        package var bytes: Int64
        package var fileBytes: Int64
        package var lastRun: String?
        package var lastRunFiles: String?
        package var lastRunFromState: String?
    }

    package func info() throws(Failure) -> Info {
        try Self.sqlite(path) { () throws(SQLite.Failure) in
            func text(_ key: String) throws(SQLite.Failure) -> String? {
                let statement = try database.prepare("SELECT value FROM store_info WHERE key = ?")
                return try statement.bind(.text(key)).step() ? statement.text(0) : nil
            }
            let fileBytes = fileSize(path)
            return Info(schema: try Self.scalar(database, "PRAGMA user_version"),
                        documents: try Self.scalar(database, "SELECT count(*) FROM documents"),
                        documentsWithErrors: try Self.scalar(database, "SELECT count(*) FROM documents WHERE error_kind IS NOT NULL"),
                        patterns: try Self.scalar(database, "SELECT count(*) FROM patterns"),
                        counts: try Self.scalar(database, "SELECT count(*) FROM counts"),
                        bytes: try Self.scalar(database, "SELECT coalesce(sum(bytes), 0) FROM documents"),
                        fileBytes: fileBytes, lastRun: try text("last_run"), lastRunFiles: try text("last_run_files"),
                        lastRunFromState: try text("last_run_from_state"))
        }
    }

    /// Removes the documents whose file is gone (no longer at its path), and the pattern groups
    /// no document uses; returns how many documents went.
    package func prune() throws(Failure) -> Int {
        var gone: [[UInt8]] = []
        try Self.sqlite(path) { () throws(SQLite.Failure) in
            let paths = try database.prepare("SELECT DISTINCT path FROM documents")
            paths.bind()
            while try paths.step() {
                let path = paths.blob(0) ?? []
                var info = stat()
                if withCPath(path, { stat($0, &info) }) != 0, errno == ENOENT || errno == ENOTDIR { gone.append(path) }
            }
        }
        var removed = 0
        for path in gone {
            try write { () throws(SQLite.Failure) in
                try StateRecords.forget(self, path: path)
                removed += database.changes
            }
        }
        try write { () throws(SQLite.Failure) in
            try database.execute("DELETE FROM pattern_groups WHERE id NOT IN (SELECT grp FROM document_groups)")
        }
        try commit()
        try Self.sqlite(path) { () throws(SQLite.Failure) in try database.execute("VACUUM") }
        return removed
    }
}

private func fileSize(_ path: String) -> Int64 {
    var info = stat()
    return stat(path, &info) == 0 ? Int64(info.st_size) : 0
}
