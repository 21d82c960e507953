/// One `name: value` pair a record carries under `"labels"`: from a `--label-path` regex's named
/// group, or the dashboard and tab of a TestGrid document.
package struct DocumentLabel: Sendable, Equatable {
    package var name: String
    package var value: String

    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
