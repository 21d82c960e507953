/// The variable parts of a log line that a template hides, in the order they are tried at each
/// position: this list is the documentation (`logscan novel --list-masks` prints it) and each rule
/// can be turned off by name (`--no-mask`); `--mask NAME=REGEX` adds masks of one's own.
package enum MaskRule: String, CaseIterable, Sendable {
    case runnerPrefix = "runner-prefix", url, uuid, timestamp, date, time, ip, tmpPath = "tmp-path", hex, id, number, punctuationRun = "punct-run", whitespace

    /// The rule's bit in a `LineTemplater`'s set of rules in force.
    var bit: UInt16 {
        switch self {
        case .runnerPrefix: return 1 << 12
        case .url: return 1 << 0
        case .uuid: return 1 << 1
        case .timestamp: return 1 << 2
        case .date: return 1 << 3
        case .time: return 1 << 4
        case .ip: return 1 << 5
        case .tmpPath: return 1 << 6
        case .hex: return 1 << 7
        case .id: return 1 << 8
        case .number: return 1 << 9
        case .punctuationRun: return 1 << 10
        case .whitespace: return 1 << 11
        }
    }

    package var summary: String {
        switch self {
        case .runnerPrefix: return "first, what CI runners put before a line: a leading ISO timestamp, gh run view --log's job and step columns, ##[group] ##[endgroup] ##[command] ##[section], [Pipeline] → removed"
        case .url: return "scheme://… up to a space or quote → <url>"
        case .uuid: return "8-4-4-4-12 hex digits → <uuid>"
        case .timestamp: return "2024-07-08T16:59:08.17Z, 2024-07-08 16:59:08,123+02:00 → <ts>"
        case .date: return "2024-07-08 → <date>"
        case .time: return "16:59:08, 16:59:08.123 → <time>"
        case .ip: return "10.0.0.1, 10.0.0.1:8080 → <ip>"
        case .tmpPath: return "/tmp/…, /var/folders/…, /private/var/… up to a space, quote or colon → <tmp>"
        case .hex: return "a word of 8+ hex digits with a digit and a letter a-f (commit ids, digests, pod hashes), 0x… → <hex>"
        case .id: return "a word mixing letters and digits, 8+ long or with 2+ of each (random suffixes: x2k4q, build names) → <id>"
        case .number: return "digits (with a decimal part, or a unit such as ms, s, MB: 1.5s → <n>s) → <n>"
        case .punctuationRun: return "the same punctuation 3+ times (----, ====) → three of it"
        case .whitespace: return "runs of spaces and tabs → one space; leading and trailing ones dropped"
        }
    }
}
