import Engine

/// The first `limit` matching lines per pattern, quoted with their line numbers (`--examples`).
final class ExampleSink: LineSink {
    private let limit: Int
    private(set) var examples: [[MatchExample]]

    init(patternCount: Int, limit: Int) {
        self.limit = limit
        examples = Array(repeating: [], count: patternCount)
    }

    func reset() {
        for index in examples.indices where !examples[index].isEmpty { examples[index].removeAll() }
    }

    func matched(_ pattern: Int, _ line: MatchedLine) {
        guard examples[pattern].count < limit else { return }
        examples[pattern].append(MatchExample(line: line.number, text: line.text(limit: DocumentTally.exampleTextLimit)))
    }

    func gaveUp(_ pattern: Int, _ line: MatchedLine) {}
}
