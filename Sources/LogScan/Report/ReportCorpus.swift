import Engine
import Input
import PatternSets

/// The documents of one or more `logscan scan` outputs, read for `logscan report`: each input is one
/// or more complete runs (a header, records, a summary; concatenated outputs are fine), all of one
/// pattern set. A document in several inputs counts once, as the last input read has it.
package struct ReportCorpus {
    package struct Document {
        package var path: String
        package var document: String?
        package var labels: [String: String]
        package var time: Int?
        /// Matching lines per pattern index, for the patterns that matched.
        package var counts: [(pattern: Int, lines: Int)]
        package var firstExamples: [Int: (line: Int, text: String)]
        package var errorKind: String?

        /// `path` or `path#doc`: how reports name a document.
        package var name: String { document.map { "\(path)#\($0)" } ?? path }
    }

    package var patternIDs: [String] = []
    package var patternTags: [[String]] = []
    package var patternSet = ""
    package var documents: [Document] = []
    /// Documents that were in more than one input (the last one read was kept).
    package private(set) var replaced = 0

    package struct Failure: Error, CustomStringConvertible {
        package var path: String
        package var line: Int
        package var message: String
        /// One line: the values quoted from the input (a pattern set's name, a path) may hold any
        /// character a JSON string can escape.
        package var description: String {
            let path = OneLineText.escape(self.path), message = OneLineText.escape(self.message)
            return line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)"
        }
    }

    private var firstSetSource = ""
    private var indexByName: [String: Int] = [:]
    private var patternIndex: [String: Int] = [:]

    package init() {}

    /// Reads `paths` (`-` is stdin; gzip'd outputs are read as they are).
    package static func read(paths: [String]) throws(Failure) -> ReportCorpus {
        var corpus = ReportCorpus()
        for path in paths {
            let bytes: [UInt8]
            do {
                bytes = try InputFiles.readAll(path == "-" ? .standardInput : .file(path))
            } catch {
                throw Failure(path: path, line: 0, message: "cannot read: \(error.message)")
            }
            try corpus.add(bytes, path: path)
        }
        return corpus
    }

    /// Adds one input's runs.
    package mutating func add(_ bytes: [UInt8], path: String) throws(Failure) {
        var lineNumber = 0
        var inRun = false
        var start = 0
        var lastLine = 0
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: LineIndex.newline) ?? bytes.count
            let line = Array(bytes[start..<end])
            start = end + 1
            if line.isEmpty { continue }
            lastLine = lineNumber
            do throws(InputError) {
                if !inRun {
                    let header = try ScanOutput.readHeader(line)
                    try adopt(header, path: path, line: lineNumber)
                    inRun = true
                    continue
                }
                switch try ScanOutput.readBody(line) {
                case .record(let record): add(record)
                case .summary: inRun = false
                }
            } catch {
                let hint = !inRun && lineNumber > 1 ? " (after a summary, a new run's header)" : ""
                throw Failure(path: path, line: lineNumber, message: error.message + hint)
            }
        }
        if lastLine == 0 { throw Failure(path: path, line: 0, message: "empty: not a logscan scan output") }
        if inRun {
            throw Failure(path: path, line: lastLine, message: "no summary line: the scan did not finish (or the file is cut short)")
        }
    }

    private mutating func adopt(_ header: ScanOutput.Header, path: String, line: Int) throws(InputError) {
        guard !patternSet.isEmpty else {
            patternSet = header.patternSet
            patternIDs = header.patternIDs
            patternTags = header.patternTags
            firstSetSource = path
            patternIndex = [:]
            for (index, id) in patternIDs.enumerated() { patternIndex[id] = index }
            return
        }
        guard header.patternSet == patternSet else {
            throw InputError(.malformedJSON, "pattern set \(header.patternSet) differs from \(patternSet) of \(firstSetSource): "
                             + "a report covers one set; rescan with one set (or `logscan scan --state`), or report each set apart")
        }
    }

    private mutating func add(_ record: ScanOutput.Record) {
        var counts: [(pattern: Int, lines: Int)] = []
        for (id, lines) in record.counts where lines > 0 {
            if let index = patternIndex[id] { counts.append((index, lines)) }
        }
        counts.sort { $0.pattern < $1.pattern }
        var examples: [Int: (line: Int, text: String)] = [:]
        for (id, example) in record.firstExamples {
            if let index = patternIndex[id] { examples[index] = example }
        }
        var labels: [String: String] = [:]
        for label in record.labels { labels[label.name] = label.value }
        let document = Document(path: record.path, document: record.document, labels: labels, time: record.time,
                                counts: counts, firstExamples: examples, errorKind: record.errorKind)
        if let existing = indexByName[document.name] {
            documents[existing] = document
            replaced += 1
        } else {
            indexByName[document.name] = documents.count
            documents.append(document)
        }
    }
}
