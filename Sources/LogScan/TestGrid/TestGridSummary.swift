import Engine

/// What a TestGrid tab adds to its record beside the pattern counts (`"testgrid"` in the JSONL).
package struct TestGridSummary: Sendable, Equatable {
    /// Cells per status class. TestGrid's codes: 1 PASS, 2 PASS_WITH_ERRORS, 3 PASS_WITH_SKIPS and
    /// 15 BUILD_PASSED pass; 9 TIMED_OUT, 10 CATEGORIZED_FAIL, 11 BUILD_FAIL, 12 FAIL and 14 TOOL_FAIL
    /// fail; 13 is FLAKY; 0 NO_RESULT is a column the test did not run in; any other code is other.
    package struct Cells: Sendable, Equatable {
        package var pass = 0
        package var fail = 0
        package var flaky = 0
        package var other = 0
        package var noResult = 0

        package init() {}

        mutating func add(status: Int, count: Int) {
            switch status {
            case 0: noResult += count
            case 1, 2, 3, 15: pass += count
            case 9, 10, 11, 12, 14: fail += count
            case 13: flaky += count
            default: other += count
            }
        }
    }

    /// A test row ranked by how many of its cells a pattern matched.
    package struct TopTest: Sendable, Equatable {
        package var name: String
        /// Failure-message cells matched (0 when only the test's name matched).
        package var cells: Int

        package init(name: String, cells: Int) {
            self.name = name
            self.cells = cells
        }
    }

    /// One pattern's matches in the tab, beyond its line count.
    package struct PatternMatches: Sendable, Equatable {
        /// Cells whose failure message matched (the rest of the count is test names).
        package var cells = 0
        /// Test rows with a match in the name or in a cell.
        package var tests = 0
        /// The rows with most matched cells, first row first among equals.
        package var topTests: [TopTest] = []

        package init(cells: Int = 0, tests: Int = 0, topTests: [TopTest] = []) {
            self.cells = cells
            self.tests = tests
            self.topTests = topTests
        }
    }

    /// How many rows `topTests` keeps per pattern.
    package static let topTestLimit = 5

    /// Test rows.
    package var tests = 0
    /// Columns (runs): the timestamps, else the changelists, else the longest row.
    package var columns = 0
    package var cells = Cells()
    /// Oldest and newest column timestamp, as written (TestGrid uses milliseconds since the epoch).
    package var firstTimestamp: Int?
    package var lastTimestamp: Int?
    /// Per pattern index, only for patterns that matched.
    package var patterns: [Int: PatternMatches] = [:]

    package init() {}
}

/// Where a TestGrid example line comes from: a test's name, or one of its cells.
package struct TestGridCell: Sendable, Hashable {
    package var test: String
    /// 0-based column, for a failure message (nil for the test's name, or when `statuses` do not
    /// account for the message).
    package var column: Int?
    /// The column's build id (`changelists`), and `column_ids` entry, when the table has them.
    package var changelist: String?
    package var columnID: String?
    /// The cell's TestGrid status code.
    package var status: Int?

    package init(test: String, column: Int? = nil, changelist: String? = nil, columnID: String? = nil, status: Int? = nil) {
        self.test = test
        self.column = column
        self.changelist = changelist
        self.columnID = columnID
        self.status = status
    }
}
