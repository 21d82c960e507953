import Engine

/// `scan --format influx`: one point per pattern, label set and document time, with `files` (the
/// documents that share those and matched) and `lines`. InfluxDB keeps one point per series and
/// timestamp, so documents that would collide are summed here rather than overwrite each other;
/// points are written at the end, in time order. Writing the same scan again gives the same points,
/// which InfluxDB then overwrites with equal values: re-scans do not double-count.
package final class InfluxLinesSink: DocumentSink {
    private let output: OutputChannel
    private let patternIDs: [String]
    private struct Key: Hashable {
        var pattern: Int
        var labels: [String]
        var time: Int?
    }
    private var sums: [Key: (files: Int, lines: Int)] = [:]

    package init(output: OutputChannel, patternIDs: [String]) {
        self.output = output
        self.patternIDs = patternIDs
    }

    package var failure: OutputChannel.Failure? { output.failure }

    package func begin(version: String, options: ScanOptions) {}

    package func record(_ result: DocumentResult) {
        let labels = result.labels.filter { $0.name != "pattern" }.flatMap { [$0.name, $0.value] }
        for (index, lines) in result.tally.counts.enumerated() where lines > 0 {
            let key = Key(pattern: index, labels: labels, time: result.time)
            let sum = sums[key] ?? (0, 0)
            sums[key] = (sum.files + 1, sum.lines + lines)
        }
    }

    package func finish(_ summary: ScanSummary) {
        let keys = sums.keys.sorted { a, b in
            if a.time != b.time { return (a.time ?? Int.min) < (b.time ?? Int.min) }
            if a.pattern != b.pattern { return a.pattern < b.pattern }
            return a.labels.lexicographicallyPrecedes(b.labels)
        }
        var text = ""
        for key in keys {
            let sum = sums[key]!
            var tags = [(key: "pattern", value: patternIDs[key.pattern])]
            for pair in stride(from: 0, to: key.labels.count, by: 2) { tags.append((key.labels[pair], key.labels[pair + 1])) }
            text += InfluxPoint(tags: tags, integerFields: [("files", sum.files), ("lines", sum.lines)], time: key.time).line
            if text.utf8.count > 64 * 1024 {
                output.write(Array(text.utf8))
                text = ""
            }
        }
        output.write(Array(text.utf8))
        output.flush()
    }
}
