import Engine
import LogScan
import PatternSets

/// What the store knows, loaded once at the start of a run: the run's patterns as store rows
/// (added when new), and every document's identity and pattern groups, so that deciding what each
/// input needs costs a `stat` and dictionary look-ups, not queries.
struct StateIndex {
    struct Known {
        var id: Int64
        var identity: DocumentIdentity
        var record: StoredRecord
    }

    let patternRows: [Int64]
    let fullGroup: Int64
    private let state: ScanState
    /// Per path, its documents in the order they were stored (a TestGrid file's tabs in file order).
    private var documents: [[UInt8]: [Known]] = [:]
    private var groupsOf: [Int64: [Int64]] = [:]
    private var members: [Int64: Set<Int64>] = [:]

    init(state: ScanState, patterns: PatternSet, settings: StatePlanner.Settings) throws(ScanState.Failure) {
        self.state = state
        var rows: [Int64] = []
        try state.write { () throws(SQLite.Failure) in
            let insert = try state.database.prepare("INSERT OR IGNORE INTO patterns (fingerprint, pattern_id) VALUES (?, ?)")
            let find = try state.database.prepare("SELECT id FROM patterns WHERE fingerprint = ?")
            for pattern in patterns.patterns {
                let fingerprint = Self.fingerprint(pattern.definition, settings: settings)
                try insert.bind(.text(fingerprint), .text(pattern.id)).run()
                guard try find.bind(.text(fingerprint)).step() else { throw SQLite.Failure(code: 0, message: "pattern row vanished") }
                rows.append(find.integer(0))
            }
        }
        patternRows = rows
        var group: Int64 = 0
        try state.write { () throws(SQLite.Failure) in group = try Self.group(state.database, rows) }
        fullGroup = group
        try state.commit()
        do {
            var countsOf: [Int64: [Int64: (lines: Int, limitHits: Int)]] = [:]
            let counts = try state.database.prepare("SELECT document, pattern, lines, limit_hits FROM counts")
            counts.bind()
            while try counts.step() {
                countsOf[counts.integer(0), default: [:]][counts.integer(1)] = (Int(counts.integer(2)), Int(counts.integer(3)))
            }
            var examplesOf: [Int64: [Int64: [MatchExample]]] = [:]
            let examples = try state.database.prepare(
                "SELECT document, pattern, line, text, cell FROM examples ORDER BY document, pattern, position")
            examples.bind()
            while try examples.step() {
                let cell = examples.blob(4).flatMap(StoredTestGrid.decodeCell)
                examplesOf[examples.integer(0), default: [:]][examples.integer(1), default: []]
                    .append(MatchExample(line: Int(examples.integer(2)), text: examples.blob(3) ?? [], cell: cell))
            }
            let documents = try state.database.prepare("""
                SELECT id, path, size, mtime_ns, checksum, bytes, stored_bytes, lines, gzip, error_kind, error_message,
                       examples_limit, classification_key, classification, doc, testgrid
                FROM documents ORDER BY id
                """)
            documents.bind()
            while try documents.step() {
                let id = documents.integer(0)
                let identity = DocumentIdentity(size: documents.integer(2), mtimeNanoseconds: documents.integer(3), checksum: documents.blob(4))
                var record = StoredRecord(bytes: Int(documents.integer(5)), storedBytes: Int(documents.integer(6)),
                                          lines: Int(documents.integer(7)), gzipLayers: Int(documents.integer(8)),
                                          errorKind: documents.text(9), errorMessage: documents.text(10), counts: countsOf[id] ?? [:])
                record.examplesLimit = Int(documents.integer(11))
                record.examples = examplesOf[id] ?? [:]
                record.classificationKey = documents.text(12)
                if let blob = documents.blob(13) {
                    record.classification = .some(blob.isEmpty ? nil : StoredClassification(decoding: blob))
                }
                record.document = documents.text(14) ?? ""
                record.testGrid = documents.blob(15).flatMap(StoredTestGrid.init(decoding:))
                self.documents[documents.blob(1) ?? [], default: []].append(Known(id: id, identity: identity, record: record))
            }
            let groups = try state.database.prepare("SELECT document, grp FROM document_groups")
            groups.bind()
            while try groups.step() { groupsOf[groups.integer(0), default: []].append(groups.integer(1)) }
            let memberRows = try state.database.prepare("SELECT grp, pattern FROM group_patterns")
            memberRows.bind()
            while try memberRows.step() { members[memberRows.integer(0), default: []].insert(memberRows.integer(1)) }
        } catch {
            throw ScanState.describe(error, path: state.path)
        }
    }

    /// What the store holds for `path`: one document for a log, one per tab for a TestGrid file.
    func documents(path: [UInt8]) -> [Known] { documents[path] ?? [] }

    /// The groups a document has been scanned for, in a stable order: documents with the same
    /// list lack the same patterns.
    func groups(document: Int64) -> [Int64] { (groupsOf[document] ?? []).sorted() }

    /// The indices of the run's patterns that none of `groups` holds.
    func missing(_ groups: [Int64]) -> [Int] {
        var covered: Set<Int64> = []
        for group in groups { covered.formUnion(members[group] ?? []) }
        return patternRows.indices.filter { !covered.contains(patternRows[$0]) }
    }

    /// The group of these pattern rows, added when new.
    func group(_ rows: [Int64]) throws(ScanState.Failure) -> Int64 {
        var id: Int64 = 0
        try state.write { () throws(SQLite.Failure) in id = try Self.group(state.database, rows) }
        return id
    }

    static func group(_ database: SQLite, _ rows: [Int64]) throws(SQLite.Failure) -> Int64 {
        let sorted = rows.sorted()
        var hasher = SHA256()
        for row in sorted { hasher.update(Array("\(row),".utf8)) }
        let key = SHA256.hex(hasher.finalize())
        let find = try database.prepare("SELECT id FROM pattern_groups WHERE key = ?")
        if try find.bind(.text(key)).step() { return find.integer(0) }
        try database.prepare("INSERT INTO pattern_groups (key) VALUES (?)").bind(.text(key)).run()
        let id = database.lastInsertedRow
        let member = try database.prepare("INSERT INTO group_patterns (grp, pattern) VALUES (?, ?)")
        for row in sorted { try member.bind(.integer(id), .integer(row)).run() }
        return id
    }

    /// What a pattern's count depends on: its id and regex, and every option that changes what a
    /// line is or when PCRE2 gives up on one.
    static func fingerprint(_ definition: PatternDefinition, settings: StatePlanner.Settings) -> String {
        var hasher = SHA256()
        for part in [definition.id, definition.regex, "ansi=\(!settings.keepANSI)", "timestamps=\(settings.stripTimestamps)",
                     "match=\(settings.limits.matchLimit)", "depth=\(settings.limits.depthLimit)"] {
            hasher.update(Array(part.utf8) + [0])
        }
        return "sha256:" + SHA256.hex(hasher.finalize())
    }
}
