import Engine

/// `scan --format influx`: for every document, one point per pattern that matched in it, tagged
/// with the pattern and the document's labels, with `files=1i` and the document's `lines`, at the
/// document's time; the path (and TestGrid document) as string fields, which InfluxDB does not index.
package final class InfluxLinesSink: DocumentSink {
    private let output: OutputChannel
    private let patternIDs: [String]

    package init(output: OutputChannel, patternIDs: [String]) {
        self.output = output
        self.patternIDs = patternIDs
    }

    package var failure: OutputChannel.Failure? { output.failure }

    package func begin(version: String, options: ScanOptions) {}

    package func record(_ result: DocumentResult) {
        var text = ""
        for (index, lines) in result.tally.counts.enumerated() where lines > 0 {
            var strings = [(key: "path", value: result.location.displayPath)]
            if let document = result.document { strings.append((key: "doc", value: document)) }
            let point = InfluxPoint(
                tags: [(key: "pattern", value: patternIDs[index])] + result.labels.filter { $0.name != "pattern" }.map { ($0.name, $0.value) },
                integerFields: [(key: "files", value: 1), (key: "lines", value: lines)],
                stringFields: strings, time: result.time)
            text += point.line
        }
        guard !text.isEmpty else { return }
        output.write(Array(text.utf8))
        output.flush()
    }

    package func finish(_ summary: ScanSummary) { output.flush() }
}
