import Engine

/// Writes the JSONL stream described in docs/output.md: a header, one record per document in
/// input order, and a summary. Pattern ids are escaped once, up front, since every record repeats them.
package final class JSONLinesSink: DocumentSink {
    package static let schemaVersion = 1

    private let output: OutputChannel
    /// The set, for the header; nil when the header comes from elsewhere (`logscan merge`).
    private let patterns: PatternSet?
    private let escapedIDs: [[UInt8]]
    private var line = JSONBuffer(capacity: 64 * 1024)
    /// Records carry `classification` (null when no pattern matched) and the summary its tally.
    private let classify: Bool
    /// What the header says about `labels` and `time` (`--label-path`, `--time-from`).
    package var labelPaths: [String] = []
    package var timeFrom: TimeSource?

    package convenience init(output: OutputChannel, patterns: PatternSet, classify: Bool = false) {
        self.init(output: output, patterns: patterns, patternIDs: patterns.patterns.map(\.id), classify: classify)
    }

    /// A writer for records and a summary of a set known by its ids alone; `begin` is not available.
    package convenience init(output: OutputChannel, patternIDs: [String], classify: Bool) {
        self.init(output: output, patterns: nil, patternIDs: patternIDs, classify: classify)
    }

    private init(output: OutputChannel, patterns: PatternSet?, patternIDs: [String], classify: Bool) {
        self.output = output
        self.patterns = patterns
        self.classify = classify
        escapedIDs = patternIDs.map { id in
            var buffer = JSONBuffer(capacity: id.utf8.count + 2)
            buffer.string(id)
            return buffer.bytes
        }
    }

    package var failure: OutputChannel.Failure? { output.failure }

    package func begin(version: String, options: ScanOptions) {
        guard let patterns else { preconditionFailure("logscan bug: a header needs the pattern set") }
        line.removeAll()
        line.field("{\"type\":\"header\",\"schema\":", Self.schemaVersion)
        if let shard = options.shard {
            line.raw(",\"shard\":")
            line.string(shard.description)
        }
        line.raw(",\"version\":")
        line.string(version)
        line.raw(",\"pattern_set\":")
        line.string(patterns.fingerprint)
        line.raw(",\"pattern_sources\":")
        line.strings(patterns.sources)
        line.raw(",\"keep_ansi\":")
        line.bool(options.keepANSI)
        if options.stripTimestamps { line.raw(",\"strip_timestamps\":true") }
        if !labelPaths.isEmpty {
            line.raw(",\"label_paths\":")
            line.strings(labelPaths)
        }
        if let timeFrom {
            line.raw(",\"time_from\":")
            line.string(timeFrom.description)
        }
        line.raw(",\"patterns\":[")
        line.list(patterns.patterns.indices) { line, index in
            line.raw("{\"id\":")
            line.raw(escapedIDs[index])
            line.raw(",\"regex\":")
            line.string(patterns.patterns[index].definition.regex)
            line.raw(",\"tags\":")
            line.strings(patterns.patterns[index].definition.tags)
            line.raw("}")
        }
        line.raw("]}\n")
        output.write(line.bytes)
    }

    package func record(_ result: DocumentResult) {
        let tally = result.tally
        line.removeAll()
        line.raw("{\"type\":\"file\",\"path\":")
        line.string(result.location.displayPath)
        if let document = result.document {
            line.raw(",\"doc\":")
            line.string(document)
        }
        if !result.labels.isEmpty {
            line.raw(",\"labels\":{")
            line.list(result.labels) { line, label in
                line.string(label.name)
                line.raw(":")
                line.string(label.value)
            }
            line.raw("}")
        }
        if let time = result.time { line.field(",\"time\":", time) }
        line.field(",\"bytes\":", tally.bytes)
        line.field(",\"stored_bytes\":", tally.storedBytes)
        line.field(",\"lines\":", tally.lines)
        if tally.longLines > 0 { line.field(",\"long_lines\":", tally.longLines) }
        if tally.gzipLayers > 0 { line.field(",\"gzip\":", tally.gzipLayers) }
        line.raw(",\"counts\":{")
        members(where: { tally.counts[$0] > 0 }) { line, index in line.int(tally.counts[index]) }
        line.raw("}")
        if tally.limitHits.contains(where: { $0 > 0 }) {
            line.raw(",\"limit_hits\":{")
            members(where: { tally.limitHits[$0] > 0 }) { line, index in line.int(tally.limitHits[index]) }
            line.raw("}")
        }
        if let testGrid = result.testGrid { writeTestGrid(testGrid) }
        if classify, result.testGrid == nil { writeClassification(tally.classification) }
        if tally.examples.contains(where: { !$0.isEmpty }) {
            line.raw(",\"examples\":{")
            members(where: { !tally.examples[$0].isEmpty }) { line, index in
                line.raw("[")
                line.list(tally.examples[index]) { line, example in
                    line.field("{\"line\":", example.line)
                    line.raw(",\"text\":")
                    line.string(example.text)
                    if let cell = example.cell { Self.writeCell(cell, into: &line) }
                    line.raw("}")
                }
                line.raw("]")
            }
            line.raw("}")
        }
        if let error = result.error {
            line.raw(",\"error\":{\"kind\":")
            line.string(error.kind.rawValue)
            line.raw(",\"message\":")
            line.string(error.message)
            line.raw("}")
        }
        if result.fromState { line.raw(",\"from_state\":true") }
        // Last, so that `logscan merge` can drop it and leave the record a single run writes.
        if let sequence = result.sequence { line.field(",\"seq\":", sequence) }
        line.raw("}\n")
        output.write(line.bytes)
        output.flush()
    }

    /// `"<id>":<value>` for every pattern index `include` accepts, in set order, comma-separated.
    private func members(where include: (Int) -> Bool, _ value: (inout JSONBuffer, Int) -> Void) {
        line.list(escapedIDs.indices.lazy.filter(include)) { line, index in
            line.raw(escapedIDs[index])
            line.raw(":")
            value(&line, index)
        }
    }

    private func writeTestGrid(_ testGrid: TestGridSummary) {
        line.field(",\"testgrid\":{\"tests\":", testGrid.tests)
        line.field(",\"columns\":", testGrid.columns)
        line.field(",\"cells\":{\"pass\":", testGrid.cells.pass)
        line.field(",\"fail\":", testGrid.cells.fail)
        line.field(",\"flaky\":", testGrid.cells.flaky)
        line.field(",\"other\":", testGrid.cells.other)
        line.field(",\"no_result\":", testGrid.cells.noResult)
        line.raw("},\"first_ts\":")
        if let first = testGrid.firstTimestamp { line.int(first) } else { line.raw("null") }
        line.raw(",\"last_ts\":")
        if let last = testGrid.lastTimestamp { line.int(last) } else { line.raw("null") }
        line.raw(",\"patterns\":{")
        members(where: { testGrid.patterns[$0] != nil }) { line, index in
            let matches = testGrid.patterns[index]!
            line.field("{\"cells\":", matches.cells)
            line.field(",\"tests\":", matches.tests)
            line.raw(",\"top_tests\":[")
            line.list(matches.topTests) { line, test in
                line.raw("{\"name\":")
                line.string(test.name)
                line.field(",\"cells\":", test.cells)
                line.raw("}")
            }
            line.raw("]}")
        }
        line.raw("}}")
    }

    private func writeClassification(_ classification: Classification?) {
        guard let classification else {
            line.raw(",\"classification\":null")
            return
        }
        line.raw(",\"classification\":{\"id\":")
        line.raw(escapedIDs[classification.pattern])
        line.field(",\"line\":", classification.line)
        line.raw(",\"text\":")
        line.string(classification.text)
        line.raw(",\"captures\":[")
        line.list(classification.captures) { line, capture in line.string(capture) }
        line.raw("]}")
    }

    private static func writeCell(_ cell: TestGridCell, into line: inout JSONBuffer) {
        line.raw(",\"test\":")
        line.string(cell.test)
        if let column = cell.column { line.field(",\"column\":", column) }
        if let changelist = cell.changelist {
            line.raw(",\"changelist\":")
            line.string(changelist)
        }
        if let columnID = cell.columnID {
            line.raw(",\"column_id\":")
            line.string(columnID)
        }
        if let status = cell.status { line.field(",\"status\":", status) }
    }

    /// A line written as it is (`logscan merge` passes shard records through).
    package func raw(_ bytes: [UInt8]) { output.write(bytes) }

    package func finish(_ summary: ScanSummary) {
        line.removeAll()
        line.field("{\"type\":\"summary\",\"files\":", summary.files)
        line.field(",\"errors\":", summary.errors)
        line.field(",\"skipped\":", summary.skipped)
        line.field(",\"bytes\":", summary.bytes)
        line.field(",\"stored_bytes\":", summary.storedBytes)
        line.field(",\"lines\":", summary.lines)
        if summary.longLines > 0 { line.field(",\"long_lines\":", summary.longLines) }
        line.raw(",\"totals\":{")
        members(where: { summary.patternLines[$0] > 0 || summary.patternLimitHits[$0] > 0 }) { line, index in
            line.field("{\"lines\":", summary.patternLines[index])
            line.field(",\"files\":", summary.patternFiles[index])
            if summary.patternLimitHits[index] > 0 { line.field(",\"limit_hits\":", summary.patternLimitHits[index]) }
            line.raw("}")
        }
        line.raw("}")
        if classify {
            line.raw(",\"classified\":{")
            members(where: { summary.classifiedFiles[$0] > 0 }) { line, index in line.int(summary.classifiedFiles[index]) }
            line.field("},\"unclassified\":", summary.unclassifiedFiles)
        }
        line.raw(",\"elapsed_s\":")
        line.decimal(summary.elapsedSeconds, places: 3)
        line.raw(",\"interrupted\":")
        line.bool(summary.interrupted)
        line.raw("}\n")
        output.write(line.bytes)
        output.flush()
    }
}
