import Engine
import Glibc
import Input
import LogScan
import PatternSets

/// Decides, from the state store, what each input of a run needs (`ScanPlanner`): nothing, when
/// the store has it for every pattern of the set and the file has not changed; a scan for the
/// patterns it lacks; or a full scan. It writes what was scanned back to the store as results come.
package final class StatePlanner: ScanPlanner, @unchecked Sendable {
    // Safe to share: `plans`, `parts` and the other `let`s are read-only once built; the store is
    // touched only in `complete`, which the runner calls one at a time.
    private enum Plan {
        /// Not stored (stdin, a path that cannot be read): scanned every time.
        case unstored
        case full(DocumentIdentity)
        case part(Int, document: Int64, stored: StoredRecord)
        /// Every document of the file (one, or a TestGrid file's tabs), in order.
        case stored([StoredRecord])
    }

    private let state: ScanState
    private let patterns: PatternSet
    private let plans: [Plan]
    /// The parts of the set some documents still lack, with each part's pattern indices in the set.
    private let parts: [(set: PatternSet, indices: [Int], group: Int64)]
    private let patternRows: [Int64]
    private let rowToPattern: [Int64: Int]
    private let fullGroup: Int64
    private let onlyChanged: Bool
    private let settings: Settings
    private let items: [InputItem]
    package private(set) var documentsFromState = 0
    package private(set) var documentsScanned = 0

    /// What the fingerprint of a pattern covers besides its id and regex.
    package struct Settings: Sendable {
        package var keepANSI: Bool
        package var stripTimestamps: Bool
        package var limits: MatchLimits
        package var checksum: Bool
        package var onlyChanged: Bool
        /// `--examples N`: a document stored with another limit is read again.
        package var examplesLimit: Int
        /// With `--classify`: what a classification depends on (the whole set, ranks, skip lines);
        /// a document classified under another key is read again.
        package var classificationKey: String?

        package init(keepANSI: Bool, stripTimestamps: Bool, limits: MatchLimits, checksum: Bool, onlyChanged: Bool,
                     examplesLimit: Int = 0, classificationKey: String? = nil) {
            self.keepANSI = keepANSI
            self.stripTimestamps = stripTimestamps
            self.limits = limits
            self.checksum = checksum
            self.onlyChanged = onlyChanged
            self.examplesLimit = examplesLimit
            // Stored as text: a digest, whatever bytes the key is made of.
            self.classificationKey = classificationKey.map { key in
                var hasher = SHA256()
                hasher.update(Array(key.utf8))
                return "sha256:" + SHA256.hex(hasher.finalize())
            }
        }
    }

    package init(state: ScanState, items: [InputItem], patterns: PatternSet, settings: Settings) throws(ScanState.Failure) {
        self.state = state
        self.patterns = patterns
        self.items = items
        onlyChanged = settings.onlyChanged
        self.settings = settings
        let index = try StateIndex(state: state, patterns: patterns, settings: settings)
        patternRows = index.patternRows
        rowToPattern = Dictionary(uniqueKeysWithValues: index.patternRows.enumerated().map { ($1, $0) })
        fullGroup = index.fullGroup
        var plans: [Plan] = []
        var partOf: [[Int]: Int] = [:]
        var missingFor: [[Int64]: [Int]] = [:]
        var parts: [(set: PatternSet, indices: [Int], group: Int64)] = []
        for item in items {
            guard item.openError == nil, let path = item.location.pathBytes,
                  let identity = DocumentIdentity(item, path: path, checksum: settings.checksum) else {
                plans.append(.unstored)
                continue
            }
            let knowns = index.documents(path: path)
            guard let known = knowns.first, knowns.allSatisfy({ known in
                known.identity.matches(identity) && known.record.examplesLimit == settings.examplesLimit
                    && (settings.classificationKey == nil || known.record.classificationKey == settings.classificationKey)
            }) else {
                plans.append(.full(identity))
                continue
            }
            var lacking: Set<[Int]> = []
            for known in knowns {
                let groups = index.groups(document: known.id)
                let missing = missingFor[groups] ?? index.missing(groups)
                missingFor[groups] = missing
                lacking.insert(missing)
            }
            if lacking == [[]] {
                plans.append(.stored(knowns.map(\.record)))
                continue
            }
            // A classification is the whole set's, and a TestGrid file's tabs are scanned together:
            // either lacking patterns is read in full.
            guard settings.classificationKey == nil, knowns.count == 1, known.record.testGrid == nil,
                  let missing = lacking.first else {
                plans.append(.full(identity))
                continue
            }
            if let part = partOf[missing] {
                plans.append(.part(part, document: known.id, stored: known.record))
                continue
            }
            let set: PatternSet
            do {
                set = try PatternSet(definitions: missing.map { patterns.patterns[$0].definition }, sources: patterns.sources,
                                     engine: patterns.engine, linePreparation: patterns.linePreparation)
            } catch {
                throw ScanState.Failure(description: "compiling the patterns the state store lacks: \(error)")
            }
            partOf[missing] = parts.count
            parts.append((set, missing, try index.group(missing.map { index.patternRows[$0] })))
            plans.append(.part(parts.count - 1, document: known.id, stored: known.record))
        }
        self.plans = plans
        self.parts = parts
    }

    package func patterns(for index: Int) -> PatternSet? {
        switch plans[index] {
        case .unstored, .full: return patterns
        case .part(let part, _, _): return parts[part].set
        case .stored: return nil
        }
    }

    package func complete(_ index: Int, scanned: [DocumentResult]) -> [DocumentResult] {
        do {
            switch plans[index] {
            case .unstored:
                documentsScanned += 1
                return scanned
            case .full(let identity):
                documentsScanned += 1
                try replace(path: items[index].location.pathBytes!, identity: identity, with: scanned)
                return scanned
            case .part(let part, let document, var stored):
                documentsScanned += 1
                guard let result = scanned.first, scanned.count == 1, Self.isStorable(result) else {
                    // The file could not be read as it was: report this run's reading as it is.
                    return scanned.map { widen($0, from: parts[part].indices) }
                }
                let rows = parts[part].indices.map { patternRows[$0] }
                try state.write { () throws(SQLite.Failure) in
                    try StateRecords.addCounts(state, document: document, result: result, rows: rows, group: parts[part].group)
                }
                for (position, row) in rows.enumerated() {
                    let lines = result.tally.counts[position], limits = result.tally.limitHits[position]
                    stored.counts[row] = lines > 0 || limits > 0 ? (lines, limits) : nil
                    stored.examples[row] = result.tally.examples[position].isEmpty ? nil : result.tally.examples[position]
                }
                var merged = StateRecords.result(stored, item: items[index], rows: rowToPattern, patternCount: patterns.count)
                merged.fromState = false
                return [merged]
            case .stored(let stored):
                documentsFromState += stored.count
                if onlyChanged { return [] }
                return stored.map { StateRecords.result($0, item: items[index], rows: rowToPattern, patternCount: patterns.count) }
            }
        } catch {
            // The store failed under a running scan (disk full, say): the scan's own results stand;
            // the next run scans what was not stored.
            StateFailures.shared.record(error)
            return scanned
        }
    }

    /// Replaces what the store knows of `path` by this scan's result, when it is one worth keeping.
    private func replace(path: [UInt8], identity: DocumentIdentity, with results: [DocumentResult]) throws(ScanState.Failure) {
        let storable = !results.isEmpty && results.allSatisfy(Self.isStorable)
            && (results.count == 1 || results.allSatisfy { $0.document != nil })
        try state.write { () throws(SQLite.Failure) in
            try StateRecords.forget(state, path: path)
            guard storable else { return }
            for result in results {
                try StateRecords.insert(state, path: path, identity: identity, result: result, rows: patternRows, group: fullGroup,
                                        settings: settings)
            }
        }
    }

    /// A result the next run may take instead of reading the file: a log or TestGrid tab read in
    /// full, or stopped by damage in the file itself (which the same bytes reproduce). Not errors
    /// that may pass (a file unreadable today, an interrupted scan).
    static func isStorable(_ result: DocumentResult) -> Bool {
        guard result.tally.longLines == 0 else { return false }  // read again: rare, and not kept
        guard let error = result.error else { return true }
        return [.corruptGzip, .truncatedGzip, .malformedJSON, .invalidTestGrid].contains(error.kind)
    }

    /// A part's result with its counts in the whole set's places (the others 0).
    private func widen(_ result: DocumentResult, from indices: [Int]) -> DocumentResult {
        var widened = result
        var tally = DocumentTally(patternCount: patterns.count)
        tally.bytes = result.tally.bytes
        tally.storedBytes = result.tally.storedBytes
        tally.lines = result.tally.lines
        tally.gzipLayers = result.tally.gzipLayers
        for (position, index) in indices.enumerated() {
            tally.counts[index] = result.tally.counts[position]
            tally.limitHits[index] = result.tally.limitHits[position]
            tally.examples[index] = result.tally.examples[position]
        }
        widened.tally = tally
        return widened
    }

    /// Commits the last batch and records the run.
    package func finish(summaryFiles: Int) throws(ScanState.Failure) {
        try state.write { () throws(SQLite.Failure) in
            let statement = try state.statement("INSERT OR REPLACE INTO store_info (key, value) VALUES (?, ?)")
            try statement.bind(.text("last_run"), .text(StateRecords.isoNow())).run()
            try statement.bind(.text("last_run_files"), .text("\(summaryFiles)")).run()
            try statement.bind(.text("last_run_from_state"), .text("\(documentsFromState)")).run()
        }
        try state.commit()
    }
}

extension InputLocation {
    /// The path as bytes; nil for stdin.
    var pathBytes: [UInt8]? {
        switch self {
        case .file(let text): return Array(text.utf8)
        case .rawFile(let bytes): return bytes
        case .standardInput: return nil
        }
    }
}
