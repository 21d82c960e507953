import Foundation
@testable import StateStore
import Testing

/// The state store's schema: an older store is migrated in place, a newer one refused.
@Suite struct StateSchemaTests {
    /// A store as schema 1 left it: its tables and one document, built with schema 1's own migration.
    static func versionOneStore(at path: String) throws {
        let database = try SQLite(path: path, create: true)
        try database.execute(StateSchema.migrations[0])
        try database.execute("""
            INSERT INTO documents (path, doc, size, mtime_ns, bytes, stored_bytes, lines, gzip, scanned_at)
            VALUES (x'2f6c6f67', '', 10, 1, 10, 10, 2, 0, 0);
            PRAGMA application_id=\(StateSchema.applicationID); PRAGMA user_version=1;
            """)
    }

    @Test func versionOneIsMigratedKeepingItsDocuments() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v1.db").path
        try Self.versionOneStore(at: path)
        let state = try ScanState(path: path, create: false)
        let info = try state.info()
        #expect(info.schema == StateSchema.version)
        #expect(info.documents == 1, "the migration keeps what the store held")
        let limit = try ScanState.scalar(state.database, "SELECT examples_limit FROM documents")
        #expect(limit == 0, "new columns take their defaults")
    }

    @Test func newerStoresAreRefused() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v99.db").path
        try Self.versionOneStore(at: path)
        try SQLite(path: path, create: false).execute("PRAGMA user_version=99")
        #expect(throws: ScanState.Failure.self) { try ScanState(path: path, create: false) }
        do {
            _ = try ScanState(path: path, create: false)
        } catch {
            #expect(error.description.contains("has schema 99, newer than this logscan's"))
        }
    }
}
