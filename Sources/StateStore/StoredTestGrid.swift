import LogScan

/// A TestGrid tab's summary as the store keeps it: per pattern by its store row, so that a run with
/// another set (one that dropped patterns) takes only its own.
struct StoredTestGrid {
    var summary: TestGridSummary
    /// `summary.patterns` by pattern row.
    var patterns: [Int64: TestGridSummary.PatternMatches]

    init(_ summary: TestGridSummary, rows: [Int64]) {
        self.summary = summary
        patterns = Dictionary(uniqueKeysWithValues: summary.patterns.map { (rows[$0.key], $0.value) })
    }

    /// The summary with the run's pattern indices.
    func summary(rows: [Int64: Int]) -> TestGridSummary {
        var result = summary
        result.patterns = [:]
        for (row, matches) in patterns {
            if let index = rows[row] { result.patterns[index] = matches }
        }
        return result
    }

    var encoded: [UInt8] {
        var encoder = StateEncoder()
        for value in [summary.tests, summary.columns, summary.cells.pass, summary.cells.fail, summary.cells.flaky,
                      summary.cells.other, summary.cells.noResult] {
            encoder.integer(value)
        }
        encoder.optional(summary.firstTimestamp)
        encoder.optional(summary.lastTimestamp)
        encoder.integer(patterns.count)
        for (row, matches) in patterns.sorted(by: { $0.key < $1.key }) {
            encoder.integer(row)
            encoder.integer(matches.cells)
            encoder.integer(matches.tests)
            encoder.integer(matches.topTests.count)
            for test in matches.topTests {
                encoder.string(test.name)
                encoder.integer(test.cells)
            }
        }
        return encoder.bytes
    }

    init?(decoding bytes: [UInt8]) {
        var decoder = StateDecoder(bytes)
        var summary = TestGridSummary()
        guard let tests = decoder.int(), let columns = decoder.int(), let pass = decoder.int(), let fail = decoder.int(),
              let flaky = decoder.int(), let other = decoder.int(), let noResult = decoder.int(),
              let first = decoder.optional(), let last = decoder.optional(), let count = decoder.int(), count >= 0 else { return nil }
        summary.tests = tests
        summary.columns = columns
        summary.cells.pass = pass
        summary.cells.fail = fail
        summary.cells.flaky = flaky
        summary.cells.other = other
        summary.cells.noResult = noResult
        summary.firstTimestamp = first
        summary.lastTimestamp = last
        var patterns: [Int64: TestGridSummary.PatternMatches] = [:]
        for _ in 0..<count {
            guard let row = decoder.integer(), let cells = decoder.int(), let testCount = decoder.int(), let tops = decoder.int(), tops >= 0 else {
                return nil
            }
            var matches = TestGridSummary.PatternMatches(cells: cells, tests: testCount)
            for _ in 0..<tops {
                guard let name = decoder.string(), let cells = decoder.int() else { return nil }
                matches.topTests.append(TestGridSummary.TopTest(name: name, cells: cells))
            }
            patterns[row] = matches
        }
        self.summary = summary
        self.patterns = patterns
    }

    /// An example's TestGrid cell, for the `examples` table.
    static func encode(_ cell: TestGridCell) -> [UInt8] {
        var encoder = StateEncoder()
        encoder.string(cell.test)
        encoder.optional(cell.column)
        encoder.optional(cell.changelist)
        encoder.optional(cell.columnID)
        encoder.optional(cell.status)
        return encoder.bytes
    }

    static func decodeCell(_ bytes: [UInt8]) -> TestGridCell? {
        var decoder = StateDecoder(bytes)
        guard let test = decoder.string(), let column = decoder.optional(), let changelist = decoder.optionalString(),
              let columnID = decoder.optionalString(), let status = decoder.optional() else { return nil }
        var cell = TestGridCell(test: test)
        cell.column = column
        cell.changelist = changelist
        cell.columnID = columnID
        cell.status = status
        return cell
    }
}
