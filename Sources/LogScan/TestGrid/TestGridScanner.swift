import Engine
import Glibc
import Input

/// Scans a TestGrid table or dump as documents of "lines", streaming, one tab at a time.
///
/// A tab's lines are each test's name and each non-empty failure message (one line per cell: a
/// message's own line breaks become spaces). They are batched into a reused buffer and matched by
/// the worker's `ChunkMatcher` as log lines are, with the matcher's line log attributing every
/// counted line to its test and cell. `messages` in TestGrid are sparse (one per cell with a
/// result, in column order), so a message's column is found from the row's `statuses`.
///
/// Memory is the tokenizer's buffer, one batch, the current rows, and per tab the column ids and
/// per-pattern top tests: never the document.
final class TestGridScanner {
    private let matcher: ChunkMatcher
    /// The open tab's counts; this scanner attributes the same lines to rows and cells.
    private let counting: CountingSink
    private lazy var sink = FanOutSink([counting, Attribution(scanner: self)])
    /// The line number of the batch's first line, while it is matched.
    private var batchFirstLine = 1
    private let patternCount: Int
    private let options: ScanOptions
    private let control: ScanControl

    /// Pending lines (each ends with `\n`) and, per line, the row and message it came from.
    // Exempt from dynamic exclusivity checks: one worker's, never passed inout to re-entrant code.
    @exclusivity(unchecked) private var batch: UnsafeMutableRawBufferPointer
    @exclusivity(unchecked) private var batchFilled = 0
    @exclusivity(unchecked) private var batchOrigins: [LineOrigin] = []
    private static let batchTarget = 256 * 1024
    private static let maxPendingRows = 4096

    /// Rows whose lines are in the batch; the last may still be open.
    private var rows: [Row] = []
    private var rowCount = 0
    private var rowOpen = false

    // Per document.
    /// One per worker, reset per document (a `let`, so calls on it need no retain).
    private let tokenizer = JSONTokenizer(source: MemorySource([]))
    private var raw: FileDescriptorSource!
    private var location = InputLocation.standardInput
    private var gzipLayers = 0
    private var results: [DocumentResult] = []
    private var boundaryOffset = 0
    private var boundaryStored = 0
    private var bytesReported = 0
    private var storedReported = 0
    private var tab: Tab?
    /// Given every batch of a tab's lines as matched (cleaned, `\n`-separated) with the number of
    /// its first line: how `logscan novel` reads TestGrid documents.
    var lineTap: ((_ document: String?, _ lines: UnsafeRawBufferPointer, _ firstLine: Int) -> Void)?

    private struct LineOrigin {
        var row: Int
        /// Index in the row's `messages`, or -1 for its name.
        var message: Int
    }

    private final class Row {
        var name: [UInt8] = []
        var runs: [(count: Int, status: Int)] = []
        /// Matched cells per pattern, and whether the name matched.
        var matches: [Int: (cells: Int, name: Bool)] = [:]
        var examples: [(pattern: Int, line: Int, text: [UInt8], message: Int)] = []

        func reset() {
            name.removeAll(keepingCapacity: true)
            runs.removeAll(keepingCapacity: true)
            matches.removeAll(keepingCapacity: true)
            examples.removeAll(keepingCapacity: true)
        }
    }

    private final class Tab {
        let document: String?
        var place: TestGridTab?
        var tally: DocumentTally
        var summary = TestGridSummary()
        var timestamps = 0
        var changelists: [String] = []
        var columnIDs: [String] = []
        var longestRow = 0
        var nextLine = 1
        /// Examples waiting for the changelists, which may come after the tests.
        var examples: [[MatchExample]]
        var examplesTaken: [Int]

        init(document: String?, patternCount: Int, exampleLimit: Int) {
            self.document = document
            tally = DocumentTally(patternCount: patternCount)
            examples = exampleLimit > 0 ? Array(repeating: [], count: patternCount) : []
            examplesTaken = exampleLimit > 0 ? Array(repeating: 0, count: patternCount) : []
        }
    }

    init(matcher: ChunkMatcher, patternCount: Int, options: ScanOptions, control: ScanControl) {
        self.matcher = matcher
        counting = CountingSink(patternCount: patternCount)
        self.patternCount = patternCount
        self.options = options
        self.control = control
        batch = .allocate(byteCount: Self.batchTarget * 2, alignment: 64)
    }

    deinit { batch.deallocate() }

    /// Every tab of the document as a result, in file order; a read or format error ends the
    /// document and is carried by the record of the tab it happened in (or of the file).
    func scan(_ source: ByteSource, shape: TestGridDetector.Shape, location: InputLocation,
              raw: FileDescriptorSource, gzipLayers: Int) -> [DocumentResult] {
        tokenizer.reset(source: source)
        self.raw = raw
        self.location = location
        self.gzipLayers = gzipLayers
        results = []
        boundaryOffset = 0
        boundaryStored = 0
        bytesReported = 0
        storedReported = 0
        tab = nil
        var dashboard: String?
        do throws(InputError) {
            try expectObject(try tokenizer.next(), what: "the document")
            switch shape {
            case .table:
                try readTable(document: nil, place: nil)
            case .dump:
                while try nextKey() {
                    dashboard = tokenizer.textString
                    let value = try tokenizer.next()
                    guard value == .beginObject else {
                        // Not a dashboard (TestGrid dumps hold only objects here): nothing to count.
                        try tokenizer.skipValue(startingWith: value)
                        continue
                    }
                    while try nextKey() {
                        let place = TestGridTab(dashboard: dashboard!, tab: tokenizer.textString)
                        let document = place.dashboard + "/" + place.tab
                        let tabValue = try tokenizer.next()
                        guard tabValue == .beginObject else {
                            try tokenizer.skipValue(startingWith: tabValue)
                            continue
                        }
                        try readTable(document: document, place: place)
                    }
                    dashboard = nil
                }
            }
            guard try tokenizer.next() == .end else { throw tokenizer.malformed("unexpected data after the document") }
            finishDocument(error: nil, dashboard: nil)
        } catch {
            finishDocument(error: error, dashboard: dashboard)
        }
        tokenizer.reset(source: MemorySource([]))
        self.raw = nil
        return results
    }

    // MARK: - Structure

    /// Reads a table's members; the tokenizer is just past its `{`.
    private func readTable(document: String?, place: TestGridTab?) throws(InputError) {
        let tab = Tab(document: document, patternCount: patternCount, exampleLimit: options.exampleLimit)
        tab.place = place
        self.tab = tab
        counting.reset()
        while try nextKey() {
            let key = tokenizer.textString
            switch key {
            case "tests", "grid":
                guard try arrayOrNull(key) else { continue }
                while true {
                    let element = try tokenizer.next()
                    if element == .endArray { break }
                    try expectObject(element, what: "a row of \"\(key)\"")
                    try readRow(tab)
                }
            case "timestamps":
                guard try arrayOrNull(key) else { continue }
                while true {
                    let element = try tokenizer.next()
                    if element == .endArray { break }
                    if element == .null { continue }
                    guard element == .number, let value = tokenizer.integerValue else {
                        throw invalid("\"timestamps\" holds a non-number")
                    }
                    tab.timestamps += 1
                    tab.summary.firstTimestamp = min(tab.summary.firstTimestamp ?? value, value)
                    tab.summary.lastTimestamp = max(tab.summary.lastTimestamp ?? value, value)
                }
            case "changelists", "column_ids":
                guard try arrayOrNull(key) else { continue }
                while true {
                    let element = try tokenizer.next()
                    if element == .endArray { break }
                    let text: String
                    switch element {
                    case .string, .number: text = tokenizer.textString
                    case .null: text = ""
                    default: throw invalid("\"\(key)\" holds a \(describe(element)), expected strings")
                    }
                    if key == "changelists" { tab.changelists.append(text) } else { tab.columnIDs.append(text) }
                }
            default:
                try tokenizer.skipValue(startingWith: try tokenizer.next(captureStrings: false))
            }
        }
        try finishTab()
    }

    /// Reads one row object; the tokenizer is just past its `{`.
    private func readRow(_ tab: Tab) throws(InputError) {
        let row = openRow()
        var total = 0
        while try nextKey() {
            switch tokenizer.textString {
            case "name":
                let value = try tokenizer.next()
                switch value {
                case .string:
                    row.name.removeAll(keepingCapacity: true)
                    row.name.append(contentsOf: tokenizer.text)
                    Self.fold(&row.name)
                    if !row.name.isEmpty { try appendLine(row.name, message: -1) }
                case .null: break
                default: throw invalid("a test's \"name\" is a \(describe(value)), expected a string")
                }
            case "messages":
                guard try arrayOrNull("messages") else { continue }
                var index = 0
                while true {
                    let element = try tokenizer.next()
                    if element == .endArray { break }
                    switch element {
                    case .string:
                        if !tokenizer.text.isEmpty { try appendLine(tokenizer.text, message: index) }
                    case .null: break
                    default: throw invalid("\"messages\" holds a \(describe(element)), expected strings")
                    }
                    index += 1
                }
            case "statuses":
                guard try arrayOrNull("statuses") else { continue }
                while true {
                    let element = try tokenizer.next()
                    if element == .endArray { break }
                    try expectObject(element, what: "a \"statuses\" entry")
                    var count = 1
                    var status = 0
                    while try nextKey() {
                        let field = tokenizer.textString
                        let value = try tokenizer.next()
                        if field == "count" || field == "value" {
                            guard value == .number, let number = tokenizer.integerValue, number >= 0 else {
                                throw invalid("a status \"\(field)\" is not a non-negative integer")
                            }
                            if field == "count" { count = number } else { status = number }
                        } else {
                            try tokenizer.skipValue(startingWith: value)
                        }
                    }
                    guard count <= 100_000_000 else { throw invalid("a status run of \(count) cells") }
                    tab.summary.cells.add(status: status, count: count)
                    total += count
                    if options.exampleLimit > 0 { row.runs.append((count, status)) }
                }
            default:
                try tokenizer.skipValue(startingWith: try tokenizer.next(captureStrings: false))
            }
        }
        tab.summary.tests += 1
        tab.longestRow = max(tab.longestRow, total)
        rowOpen = false
        if batchFilled >= Self.batchTarget || rowCount >= Self.maxPendingRows { flushBatch() }
    }

    private func openRow() -> Row {
        if rowCount == rows.count { rows.append(Row()) }
        let row = rows[rowCount]
        row.reset()
        rowCount += 1
        rowOpen = true
        return row
    }

    // MARK: - Lines

    /// Adds one line (plus `\n`) to the batch, folded, matching the batch first when it is full.
    private func appendLine(_ text: [UInt8], message: Int) throws(InputError) {
        if batchFilled + text.count + 1 > batch.count {
            flushBatch()
            if text.count + 1 > batch.count {
                batch.deallocate()
                batch = .allocate(byteCount: text.count + 1, alignment: 64)
            }
        }
        text.withUnsafeBytes { bytes in
            (batch.baseAddress! + batchFilled).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        }
        let base = batch.baseAddress!.assumingMemoryBound(to: UInt8.self)
        for index in batchFilled..<(batchFilled + text.count) where base[index] == 0x0A || base[index] == 0x0D {
            base[index] = 0x20
        }
        batchFilled += text.count
        batch[batchFilled] = TextCleaner.newline
        batchFilled += 1
        batchOrigins.append(LineOrigin(row: rowCount - 1, message: message))
    }

    /// A cell is one line: the message's own line breaks are matched as spaces.
    static func fold(_ text: inout [UInt8]) {
        for index in text.indices where text[index] == 0x0A || text[index] == 0x0D { text[index] = 0x20 }
    }

    /// Matches the batched lines, gives each counted line to its row, and closes complete rows.
    private func flushBatch() {
        guard let tab else { return }
        if batchFilled > 0 {
            let base = batch.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let length = TextCleaner.clean(base, count: batchFilled, stripANSI: !options.keepANSI)
            batchFirstLine = tab.nextLine
            lineTap?(tab.document, UnsafeRawBufferPointer(start: base, count: length), batchFirstLine)
            let lines = matcher.match(UnsafePointer(base), length: length, firstLine: batchFirstLine, sink: sink)
            tab.nextLine += lines
            tab.tally.lines += lines
            batchFilled = 0
            batchOrigins.removeAll(keepingCapacity: true)
        }
        let complete = rowOpen ? rowCount - 1 : rowCount
        for index in 0..<complete { finishRow(rows[index]) }
        if rowOpen {
            rows.swapAt(0, rowCount - 1)
            rowCount = 1
        } else {
            rowCount = 0
        }
        reportProgress()
    }

    /// Folds a complete row's matches into the tab: cells, tests, top tests, examples.
    private func finishRow(_ row: Row) {
        guard let tab, !row.matches.isEmpty else { return }
        let name = String(decoding: row.name, as: UTF8.self)
        for (pattern, entry) in row.matches {
            var stats = tab.summary.patterns[pattern] ?? TestGridSummary.PatternMatches()
            stats.cells += entry.cells
            stats.tests += 1
            Self.offer(TestGridSummary.TopTest(name: name, cells: entry.cells), to: &stats.topTests)
            tab.summary.patterns[pattern] = stats
        }
        for example in row.examples {
            var cell = TestGridCell(test: name)
            if example.message >= 0, let (column, status) = Self.column(ofMessage: example.message, runs: row.runs) {
                cell.column = column
                cell.status = status
            }
            tab.examples[example.pattern].append(MatchExample(line: example.line, text: example.text, cell: cell))
        }
    }

    /// Keeps the best `topTestLimit` rows: most cells first; among equals, the earlier row (offered first).
    static func offer(_ test: TestGridSummary.TopTest, to top: inout [TestGridSummary.TopTest]) {
        var index = top.count
        while index > 0, top[index - 1].cells < test.cells { index -= 1 }
        guard index < TestGridSummary.topTestLimit else { return }
        top.insert(test, at: index)
        if top.count > TestGridSummary.topTestLimit { top.removeLast() }
    }

    /// The column of the `message`-th cell that has a result, and its status.
    static func column(ofMessage message: Int, runs: [(count: Int, status: Int)]) -> (Int, Int)? {
        var column = 0
        var remaining = message
        for run in runs {
            if run.status != 0 {
                if remaining < run.count { return (column + remaining, run.status) }
                remaining -= run.count
            }
            column += run.count
        }
        return nil
    }

    // MARK: - Records

    private func finishTab() throws(InputError) {
        flushBatch()
        closeTab(error: nil)
    }

    /// Writes the open tab's record: columns settled, examples given their changelist and column id.
    private func closeTab(error: InputError?) {
        guard let tab else { return }
        tab.summary.columns = tab.timestamps > 0 ? tab.timestamps
            : (!tab.changelists.isEmpty ? tab.changelists.count : tab.longestRow)
        var tally = tab.tally
        tally.counts = counting.counts
        tally.limitHits = counting.limitHits
        if options.exampleLimit > 0 {
            for pattern in tab.examples.indices where !tab.examples[pattern].isEmpty {
                tally.examples[pattern] = tab.examples[pattern].map { example in
                    var example = example
                    if let column = example.cell?.column {
                        if column < tab.changelists.count { example.cell!.changelist = tab.changelists[column] }
                        if column < tab.columnIDs.count { example.cell!.columnID = tab.columnIDs[column] }
                    }
                    return example
                }
            }
        }
        appendRecord(tally: tally, document: tab.document, summary: tab.summary, error: error, place: tab.place)
        self.tab = nil
    }

    private func appendRecord(tally: DocumentTally, document: String?, summary: TestGridSummary?, error: InputError?,
                              place: TestGridTab? = nil) {
        var tally = tally
        let offset = tokenizer.offset
        let stored = raw.bytesRead
        tally.bytes = offset - boundaryOffset
        // Plain text: stored bytes are the bytes. gzip: what the file was read up to, which runs a
        // buffer ahead of the parse; the records still add up to the file.
        tally.storedBytes = gzipLayers == 0 ? tally.bytes : stored - boundaryStored
        tally.gzipLayers = gzipLayers
        boundaryOffset = offset
        boundaryStored = stored
        var result = DocumentResult(location: location, tally: tally, error: error, document: document, testGrid: summary)
        result.testGridTab = place
        results.append(result)
    }

    /// Ends the document: the open tab (if any) takes the error; bytes after the last tab go to the
    /// last record so the records add up to the file.
    private func finishDocument(error: InputError?, dashboard: String?) {
        if tab != nil {
            // What the rows read so far matched still counts, the row cut short included.
            rowOpen = false
            flushBatch()
            closeTab(error: error)
        } else if error != nil || results.isEmpty {
            appendRecord(tally: DocumentTally(patternCount: patternCount), document: dashboard, summary: nil, error: error)
        } else {
            // Trailing whitespace after the last tab: its bytes join the last record.
            let offset = tokenizer.offset
            let stored = raw.bytesRead
            results[results.count - 1].tally.bytes += offset - boundaryOffset
            results[results.count - 1].tally.storedBytes += gzipLayers == 0 ? offset - boundaryOffset : stored - boundaryStored
        }
        rowCount = 0
        rowOpen = false
        batchFilled = 0
        batchOrigins.removeAll(keepingCapacity: true)
        reportProgress()
    }

    private func reportProgress() {
        guard let raw else { return }
        let offset = tokenizer.offset
        let stored = raw.bytesRead
        control.bytesDone.add(offset - bytesReported, ordering: .relaxed)
        control.storedBytesDone.add(stored - storedReported, ordering: .relaxed)
        bytesReported = offset
        storedReported = stored
    }

    // MARK: - Tokens

    /// The next member's key (true), or the end of the object (false).
    private func nextKey() throws(InputError) -> Bool {
        if control.shouldStop { throw InputError(.interrupted, "scan stopped before the end of this document") }
        let token = try tokenizer.next()
        if token == .key { return true }
        if token == .endObject { return false }
        throw tokenizer.malformed("expected a key or '}'")
    }

    /// True for an array (now open), false for null (consumed); anything else is an error.
    private func arrayOrNull(_ key: String) throws(InputError) -> Bool {
        let token = try tokenizer.next(captureStrings: false)
        if token == .beginArray { return true }
        if token == .null { return false }
        throw invalid("\"\(key)\" is a \(describe(token)), expected an array")
    }

    private func expectObject(_ token: JSONTokenizer.Token, what: String) throws(InputError) {
        guard token == .beginObject else { throw invalid("\(what) is a \(describe(token)), expected an object") }
    }

    private func invalid(_ what: String) -> InputError {
        InputError(.invalidTestGrid, "at byte \(tokenizer.offset): \(what)")
    }

    private func describe(_ token: JSONTokenizer.Token) -> String {
        switch token {
        case .beginObject: return "object"
        case .beginArray: return "array"
        case .string: return "string"
        case .number: return "number"
        case .bool: return "boolean"
        case .null: return "null"
        case .key, .endObject, .endArray, .end: return "misplaced token"
        }
    }
}

// MARK: - Line sink

/// Passes matched lines on to the scanner that owns this sink. Unowned: a strong reference back
/// would keep the scanner and its buffers alive after its worker is done.
private final class Attribution: LineSink {
    unowned let scanner: TestGridScanner

    init(scanner: TestGridScanner) { self.scanner = scanner }

    func matched(_ pattern: Int, _ line: MatchedLine) { scanner.matched(pattern, line) }
    func gaveUp(_ pattern: Int, _ line: MatchedLine) {}
}

/// The TestGrid line sink: each matched line of a batch goes to the row (test) and cell it came
/// from, and the first few per pattern become examples with their cell.
extension TestGridScanner {
    func matched(_ pattern: Int, _ line: MatchedLine) {
        guard let tab else { return }
        let number = line.number
        let origin = batchOrigins[number - batchFirstLine]
        let row = rows[origin.row]
        var entry = row.matches[pattern] ?? (0, false)
        if origin.message < 0 { entry.name = true } else { entry.cells += 1 }
        row.matches[pattern] = entry
        if options.exampleLimit > 0, tab.examplesTaken[pattern] < options.exampleLimit {
            tab.examplesTaken[pattern] += 1
            row.examples.append((pattern, number, line.text(limit: DocumentTally.exampleTextLimit), origin.message))
        }
    }
}

extension JSONTokenizer {
    /// The current key or string as text (invalid UTF-8 shows as U+FFFD).
    var textString: String { String(decoding: text, as: UTF8.self) }
}
