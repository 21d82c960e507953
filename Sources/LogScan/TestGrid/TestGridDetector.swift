import Engine
import Input

/// Recognises TestGrid JSON by content, from the first bytes of a (decompressed) document.
///
/// A *table* is an object whose members are TestGrid table fields; a *dump* is
/// `{dashboard: {tab: table}}`. Detection reads members in order and decides on the first field
/// only TestGrid writes (`tests`, `timestamps`, `changelists`, …), passing over the generic ones
/// TestGrid also has (`query`, `status`, …); any other name means "not TestGrid", so JSON logs and
/// other reports stay plain text.
package enum TestGridDetector {
    package enum Shape: Sendable, Equatable {
        case table
        case dump
    }

    /// Fields only a TestGrid table carries.
    static let distinctiveFields: Set<String> = [
        "test-group-name", "tests", "grid", "timestamps", "changelists", "column_ids", "column-header-names",
        "custom-columns", "row_ids", "phase-timer", "test_id_map", "test-metadata", "stale-test-threshold",
        "num-stale-tests", "clusters", "overall-status", "latest-green", "results-url-template",
    ]
    /// Fields a TestGrid table has that other JSON has too: allowed before a distinctive one.
    static let genericFields: Set<String> = [
        "query", "status", "cached", "summary", "bugs", "groups", "metrics", "description", "alert",
        "bug-component", "code-search-path", "open-test-template", "file-bug-template", "attach-bug-template",
        "code-search-url-template", "about-dashboard-url", "open-bug-template", "results-text",
        "triage-enabled", "notifications", "add-tabular-names-option", "show-tabular-names",
    ]

    /// Bytes to look at: the first distinctive field sits near the start of real tables.
    package static let prefixBytes = 256 * 1024

    /// The shape of the document starting with `prefix`, or nil when it is not TestGrid JSON (or
    /// the prefix does not say).
    package static func detect(_ prefix: [UInt8]) -> Shape? {
        var start = 0
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < prefix.count, [0x20, 0x0A, 0x0D, 0x09].contains(prefix[start]) { start += 1 }
        guard start < prefix.count, prefix[start] == UInt8(ascii: "{") else { return nil }
        let tokenizer = JSONTokenizer(source: MemorySource(Array(prefix[start...])), bufferSize: 64 * 1024)
        do throws(InputError) {
            guard try tokenizer.next() == .beginObject else { return nil }
            guard try tokenizer.next() == .key else { return nil }
            let firstKey = String(decoding: tokenizer.text, as: UTF8.self)
            if distinctiveFields.contains(firstKey) || genericFields.contains(firstKey) {
                return try isTable(tokenizer, pendingKey: firstKey) ? .table : nil
            }
            // A dump: the first dashboard holding a tab decides.
            var key: String? = firstKey
            while key != nil {
                let dashboard = try tokenizer.next()
                if dashboard == .beginObject {
                    let tab = try tokenizer.next()
                    if tab == .key {
                        guard try tokenizer.next() == .beginObject, try tokenizer.next() == .key else { return nil }
                        return try isTable(tokenizer, pendingKey: String(decoding: tokenizer.text, as: UTF8.self)) ? .dump : nil
                    }
                    // An empty dashboard: look at the next one.
                } else {
                    return nil
                }
                let after = try tokenizer.next()
                key = after == .key ? String(decoding: tokenizer.text, as: UTF8.self) : nil
            }
            return nil
        } catch {
            return nil
        }
    }

    /// Reads members of the object the tokenizer is in, `pendingKey` being the first name read.
    private static func isTable(_ tokenizer: JSONTokenizer, pendingKey: String) throws(InputError) -> Bool {
        var key = pendingKey
        while true {
            if distinctiveFields.contains(key) { return true }
            guard genericFields.contains(key) else { return false }
            try tokenizer.skipValue(startingWith: try tokenizer.next(captureStrings: false))
            guard try tokenizer.next() == .key else { return false }
            key = String(decoding: tokenizer.text, as: UTF8.self)
        }
    }
}
