import Engine
import Input

/// The outcome for one document: what was counted, and the error that cut it short, if any.
package struct DocumentResult: Sendable {
    package var location: InputLocation
    package var tally: DocumentTally
    package var error: InputError?
    /// The part of the file this record covers: `<dashboard>/<tab>` for a tab of a TestGrid dump;
    /// nil for a whole file.
    package var document: String?
    /// For TestGrid documents: the table's shape and what each pattern matched in it.
    package var testGrid: TestGridSummary?
    /// The input's place among all the run's inputs, for a sharded run (see `InputItem.sequence`).
    package var sequence: Int?
    /// Read from a state store, not scanned by this run (`--state`).
    package var fromState = false
    /// For a tab of a TestGrid dump: its dashboard and tab names (`document` joins them with `/`).
    package var testGridTab: TestGridTab?
    /// From `--label-path` and the TestGrid tab, set by `DocumentAnnotator` as the record is written.
    package var labels: [DocumentLabel] = []
    /// Epoch seconds (`--time-from`), set by `DocumentAnnotator`; nil for stdin.
    package var time: Int?

    package init(location: InputLocation, tally: DocumentTally, error: InputError?,
                document: String? = nil, testGrid: TestGridSummary? = nil) {
        self.location = location
        self.tally = tally
        self.error = error
        self.document = document
        self.testGrid = testGrid
    }
}

package struct TestGridTab: Sendable, Equatable {
    package var dashboard: String
    package var tab: String

    package init(dashboard: String, tab: String) {
        self.dashboard = dashboard
        self.tab = tab
    }
}
