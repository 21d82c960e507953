/// Where a record's `"time"` comes from (`--time-from`).
package enum TimeSource: Sendable, Equatable, CustomStringConvertible {
    /// The file's modification time.
    case mtime
    /// A label's value (from `--label-path`): epoch seconds, epoch milliseconds or RFC 3339.
    case label(String)
    /// `finished.json` (else `started.json`) in the document's directory, as Prow's GCS layout keeps
    /// beside `build-log.txt`: its `timestamp`.
    case prow

    package init?(argument: String) {
        switch argument {
        case "mtime": self = .mtime
        case "prow": self = .prow
        default:
            guard argument.hasPrefix("label:"), argument.count > 6 else { return nil }
            self = .label(String(argument.dropFirst(6)))
        }
    }

    package var description: String {
        switch self {
        case .mtime: return "mtime"
        case .prow: return "prow"
        case .label(let name): return "label:\(name)"
        }
    }
}
