import Engine
import Input

/// The documents of one input and their lines, for `logscan novel`: a log is one document; TestGrid
/// JSON (recognised by content, as `scan` does) is one document per tab, whose lines are the ones
/// `scan` matches (test names and failure messages). One per worker.
final class NovelInput {
    struct Document {
        var name: String?
        var lines = 0
        var bytes = 0
        var error: InputError?
    }

    private let options: NoveltyOptions
    private var scanner: DocumentScanner?

    init(options: NoveltyOptions) {
        self.options = options
    }

    /// Calls `begin` at each document's start and `line` for each of its lines; returns the
    /// documents in order, with their totals and errors.
    func read(_ item: InputItem, begin: (String?) -> Void, line: (Int, UnsafeRawBufferPointer) -> Void) -> [Document] {
        if let error = item.openError {
            begin(nil)
            return [Document(error: error)]
        }
        var begun = false
        do throws(InputError) {
            let opened = try InputOpener.open(item.location, inflater: options.inflater)
            // TestGrid is read again from the start by the scanner that knows its structure.
            if let patterns = options.testGridPatterns, InputOpener.canReopen(item.location),
               (try? DocumentScanner.testGridShape(opened.source)) ?? nil != nil {
                return readTestGrid(item, patterns: patterns, begin: begin, line: line)
            }
            begin(nil)
            begun = true
            let totals = try DocumentLines.read(opened, maxLineBytes: options.maxLineBytes, line)
            return [Document(lines: totals.lines, bytes: totals.bytes)]
        } catch {
            if !begun { begin(nil) }
            return [Document(error: error)]
        }
    }

    private func readTestGrid(_ item: InputItem, patterns: PatternSet, begin: (String?) -> Void,
                              line: (Int, UnsafeRawBufferPointer) -> Void) -> [Document] {
        let scanner = self.scanner ?? DocumentScanner(patterns: patterns, options: ScanOptions(inflater: options.inflater, pipelineInflate: false))
        self.scanner = scanner
        var current: String??
        withoutActuallyEscaping(begin) { begin in
            withoutActuallyEscaping(line) { line in
                scanner.testGridLineTap = { document, lines, firstLine in
                    if current != .some(document) {
                        current = .some(document)
                        begin(document)
                    }
                    var start = 0, number = firstLine
                    while start < lines.count {
                        let end = lines[start...].firstIndex(of: 0x0A) ?? lines.count
                        line(number, UnsafeRawBufferPointer(rebasing: lines[start..<end]))
                        number += 1
                        start = end + 1
                    }
                }
                defer { scanner.testGridLineTap = nil }
                results = scanner.scanDocuments(item)
            }
        }
        return results.map { result in
            Document(name: result.document, lines: result.tally.lines, bytes: result.tally.bytes, error: result.error)
        }
    }

    private var results: [DocumentResult] = []
}
