/// The state store's tables, by schema version. A store records its version in `user_version` and
/// says it is logscan's in `application_id`; opening an older store runs the migrations after its
/// version, in one transaction, and a newer or foreign one is refused.
enum StateSchema {
    /// "LSCS" in ASCII: set in the file header, so a store is recognised as logscan's.
    static let applicationID: Int64 = 0x4C53_4353
    static var version: Int64 { Int64(migrations.count) }

    /// `migrations[n]` takes a store from version n to n + 1.
    static let migrations: [String] = [
        """
        CREATE TABLE store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- A pattern as it counts: its fingerprint covers the id, the regex and every option that
        -- changes what a line is (ANSI and timestamp stripping, PCRE2 limits).
        CREATE TABLE patterns (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL UNIQUE, pattern_id TEXT NOT NULL);
        -- A set of patterns a document was scanned for in one run.
        CREATE TABLE pattern_groups (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
        CREATE TABLE group_patterns (grp INTEGER NOT NULL REFERENCES pattern_groups ON DELETE CASCADE,
                                     pattern INTEGER NOT NULL REFERENCES patterns, PRIMARY KEY (grp, pattern)) WITHOUT ROWID;
        -- A document: a file by its path bytes (and, for a part of a file, `doc`), as it was when
        -- scanned (size, mtime, optionally a content checksum), with its record's fields.
        CREATE TABLE documents (id INTEGER PRIMARY KEY, path BLOB NOT NULL, doc TEXT NOT NULL DEFAULT '',
                                size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, checksum BLOB,
                                bytes INTEGER NOT NULL, stored_bytes INTEGER NOT NULL, lines INTEGER NOT NULL,
                                gzip INTEGER NOT NULL, error_kind TEXT, error_message TEXT, scanned_at INTEGER NOT NULL,
                                UNIQUE (path, doc));
        -- The groups a document has been scanned for: it covers the union of their patterns.
        CREATE TABLE document_groups (document INTEGER NOT NULL REFERENCES documents ON DELETE CASCADE,
                                      grp INTEGER NOT NULL REFERENCES pattern_groups, PRIMARY KEY (document, grp)) WITHOUT ROWID;
        -- Non-zero counts only: a covered pattern without a row counted 0.
        CREATE TABLE counts (document INTEGER NOT NULL REFERENCES documents ON DELETE CASCADE,
                             pattern INTEGER NOT NULL REFERENCES patterns, lines INTEGER NOT NULL, limit_hits INTEGER NOT NULL,
                             PRIMARY KEY (document, pattern)) WITHOUT ROWID;
        """,
        // 2: example lines and classifications, so `--examples` and `--classify` runs use the store.
        """
        -- The `--examples` limit a document was scanned with: another limit reads it again.
        ALTER TABLE documents ADD COLUMN examples_limit INTEGER NOT NULL DEFAULT 0;
        -- With `--classify`: what the classification depends on (the whole set, its ranks and skip
        -- lines), and the classification itself (empty when no pattern matched).
        ALTER TABLE documents ADD COLUMN classification_key TEXT;
        ALTER TABLE documents ADD COLUMN classification BLOB;
        CREATE TABLE examples (document INTEGER NOT NULL REFERENCES documents ON DELETE CASCADE,
                               pattern INTEGER NOT NULL REFERENCES patterns, position INTEGER NOT NULL,
                               line INTEGER NOT NULL, text BLOB NOT NULL,
                               PRIMARY KEY (document, pattern, position)) WITHOUT ROWID;
        """,
        // 3: TestGrid tabs, each a document of its file (`doc` is `<dashboard>/<tab>`).
        """
        ALTER TABLE documents ADD COLUMN testgrid BLOB;
        ALTER TABLE examples ADD COLUMN cell BLOB;
        """,
    ]
}
