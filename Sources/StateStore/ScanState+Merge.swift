/// `logscan merge --state`: the stores of sharded runs (or of runs at different times) combined
/// into one, as if one run had scanned everything they hold. A document both hold is taken from
/// the store that scanned it last.
extension ScanState {
    /// Copies every document, count, pattern and group of the store at `source` into this one;
    /// returns how many documents came in.
    package func merge(from source: String) throws(Failure) -> Int {
        // Opened (and locked) as a store first: a file that is not one, or one a run is writing, is refused.
        let incoming = try ScanState(path: source, create: false)
        try commit()
        var copied = 0
        try Self.sqlite(path) { () throws(SQLite.Failure) in
            try database.execute("BEGIN IMMEDIATE")
            do throws(SQLite.Failure) {
                let attach = try database.prepare("ATTACH DATABASE ? AS incoming")
                try attach.bind(.text(source)).run()
                try database.execute("""
                    INSERT OR IGNORE INTO patterns (fingerprint, pattern_id) SELECT fingerprint, pattern_id FROM incoming.patterns;
                    CREATE TEMP TABLE pattern_map AS
                        SELECT s.id AS old, t.id AS new FROM incoming.patterns s JOIN main.patterns t USING (fingerprint);
                    CREATE TEMP TABLE newer AS
                        SELECT s.* FROM incoming.documents s LEFT JOIN main.documents t ON t.path = s.path AND t.doc = s.doc
                        WHERE t.id IS NULL OR s.scanned_at >= t.scanned_at;
                    DELETE FROM main.documents WHERE id IN
                        (SELECT t.id FROM main.documents t JOIN newer n ON t.path = n.path AND t.doc = n.doc);
                    INSERT INTO main.documents (path, doc, size, mtime_ns, checksum, bytes, stored_bytes, lines, gzip,
                                                error_kind, error_message, scanned_at)
                        SELECT path, doc, size, mtime_ns, checksum, bytes, stored_bytes, lines, gzip, error_kind, error_message, scanned_at
                        FROM newer;
                    CREATE TEMP TABLE document_map AS
                        SELECT n.id AS old, t.id AS new FROM newer n JOIN main.documents t ON t.path = n.path AND t.doc = n.doc;
                    INSERT INTO main.counts (document, pattern, lines, limit_hits)
                        SELECT d.new, p.new, c.lines, c.limit_hits FROM incoming.counts c
                        JOIN document_map d ON d.old = c.document JOIN pattern_map p ON p.old = c.pattern;
                    CREATE TEMP TABLE group_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL);
                    """)
                // A group's key is made of its store's pattern rows: each is made again from this store's.
                var members: [Int64: [Int64]] = [:]
                let rows = try database.prepare("""
                    SELECT g.grp, p.new FROM incoming.group_patterns g JOIN pattern_map p ON p.old = g.pattern
                    """)
                rows.bind()
                while try rows.step() { members[rows.integer(0), default: []].append(rows.integer(1)) }
                let map = try database.prepare("INSERT INTO group_map (old, new) VALUES (?, ?)")
                for (old, patterns) in members {
                    try map.bind(.integer(old), .integer(try StateIndex.group(database, patterns))).run()
                }
                try database.execute("""
                    INSERT OR IGNORE INTO main.document_groups (document, grp)
                        SELECT d.new, g.new FROM incoming.document_groups x
                        JOIN document_map d ON d.old = x.document JOIN group_map g ON g.old = x.grp;
                    """)
                copied = Int(try Self.scalar(database, "SELECT count(*) FROM document_map"))
                try database.execute("""
                    DROP TABLE pattern_map; DROP TABLE newer; DROP TABLE document_map; DROP TABLE group_map;
                    COMMIT;
                    DETACH DATABASE incoming;
                    """)
            } catch {
                try? database.execute("ROLLBACK")
                try? database.execute("DETACH DATABASE incoming")
                throw error
            }
        }
        _ = incoming
        return copied
    }
}
