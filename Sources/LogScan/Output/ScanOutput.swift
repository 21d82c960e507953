import Engine
import Input

/// A `logscan scan` JSONL output read back: the header, every record (its bytes as written, and
/// what a summary is made of), and the summary. For `logscan merge`; read with the same streaming
/// JSON tokenizer that reads TestGrid, so nothing but the fields needed is decoded.
package struct ScanOutput {
    package struct Header {
        /// The header line as written, without its `\n`.
        package var line: [UInt8]
        package var patternSet = ""
        package var patternIDs: [String] = []
        /// Each pattern's tags, in set order.
        package var patternTags: [[String]] = []
        package var shard: Shard?
        /// The line without its `"shard"` field: what one unsharded run writes.
        package var lineWithoutShard: [UInt8] = []
    }

    package struct Record {
        /// The record line as written, without its `\n`.
        package var line: [UInt8]
        package var sequence: Int?
        package var bytes = 0
        package var storedBytes = 0
        package var lines = 0
        package var longLines = 0
        package var counts: [String: Int] = [:]
        package var limitHits: [String: Int] = [:]
        package var errorKind: String?
        /// The classification's id; `.some(nil)` for `"classification":null`; nil without the field.
        package var classification: String??
        package var isTestGrid = false
        package var path = ""
        package var document: String?
        package var labels: [DocumentLabel] = []
        package var time: Int?
        /// The first example of each pattern that has one (`--examples`).
        package var firstExamples: [String: (line: Int, text: String)] = [:]
    }

    package struct Trailer {
        package var skipped = 0
        package var elapsedSeconds = 0.0
        package var interrupted = false
        package var classified = false
    }

    package var path: String
    package var header: Header
    package var records: [Record]
    package var summary: Trailer

    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var path: String
        package var line: Int
        package var message: String
        package var description: String { "\(path):\(line): \(message)" }
    }

    package static func read(path: String) throws(Failure) -> ScanOutput {
        let bytes: [UInt8]
        do {
            bytes = try InputFiles.readAll(.file(path))
        } catch {
            throw Failure(path: path, line: 0, message: "cannot read: \(error.message)")
        }
        var lines = bytes.split(separator: LineIndex.newline, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first else { throw Failure(path: path, line: 1, message: "empty: not a logscan scan output") }
        var header: Header
        do {
            header = try readHeader(Array(first))
        } catch {
            throw Failure(path: path, line: 1, message: error.message)
        }
        var records: [Record] = []
        var summary: Trailer?
        for (index, line) in lines.enumerated().dropFirst() {
            guard summary == nil else { throw Failure(path: path, line: index + 1, message: "data after the summary") }
            do {
                switch try readBody(Array(line)) {
                case .record(let record): records.append(record)
                case .summary(let trailer): summary = trailer
                }
            } catch {
                throw Failure(path: path, line: index + 1, message: error.message)
            }
        }
        guard let summary else {
            throw Failure(path: path, line: lines.count, message: "no summary line: the scan did not finish (or the file is cut short)")
        }
        header.line = Array(first)
        return ScanOutput(path: path, header: header, records: records, summary: summary)
    }

    package static func readHeader(_ line: [UInt8]) throws(InputError) -> Header {
        var header = Header(line: line)
        let tokenizer = try object(line)
        var type: String?
        var hasPatterns = false
        try members(tokenizer) { (key: String) throws(InputError) in
            switch key {
            case "type": type = try string(tokenizer)
            case "schema":
                guard try tokenizer.next() == .number, tokenizer.integerValue == JSONLinesSink.schemaVersion else {
                    throw InputError(.malformedJSON, "schema \(tokenizer.textString), expected \(JSONLinesSink.schemaVersion)")
                }
            case "pattern_set": header.patternSet = try string(tokenizer)
            case "shard":
                let text = try string(tokenizer)
                guard let shard = Shard(text) else { throw InputError(.malformedJSON, "shard \(text) is not K/N") }
                header.shard = shard
            case "patterns":
                guard try tokenizer.next() == .beginArray else { throw InputError(.malformedJSON, "patterns is not an array") }
                hasPatterns = true
                while true {
                    let token = try tokenizer.next()
                    if token == .endArray { break }
                    guard token == .beginObject else { throw InputError(.malformedJSON, "a pattern is not an object") }
                    var tags: [String] = []
                    var id: String?
                    try members(tokenizer) { (field: String) throws(InputError) in
                        switch field {
                        case "id": id = try string(tokenizer)
                        case "tags":
                            guard try tokenizer.next() == .beginArray else { throw InputError(.malformedJSON, "tags is not an array") }
                            while try tokenizer.next() == .string { tags.append(tokenizer.textString) }
                        default: try skip(tokenizer)
                        }
                    }
                    // Counts name patterns by id, in this order: a pattern without one would shift the rest.
                    guard let id else { throw InputError(.malformedJSON, "a pattern in the header has no id") }
                    header.patternIDs.append(id)
                    header.patternTags.append(tags)
                }
            default: try skip(tokenizer)
            }
        }
        guard type == "header" else { throw InputError(.malformedJSON, "the first line is not a logscan header") }
        // What joins runs (report, merge) is the set's fingerprint and its patterns: a header without them is not one.
        guard !header.patternSet.isEmpty else { throw InputError(.malformedJSON, "the header has no pattern_set") }
        guard hasPatterns else { throw InputError(.malformedJSON, "the header has no patterns") }
        header.lineWithoutShard = header.shard.map { removing(",\"shard\":\"\($0)\"", from: line) } ?? line
        return header
    }

    package enum Body {
        case record(Record)
        case summary(Trailer)
    }

    /// A line after the header: a file record or the summary, as its `type` says.
    package static func readBody(_ line: [UInt8]) throws(InputError) -> Body {
        var record = Record(line: line)
        var summary = Trailer()
        var type: String?
        let tokenizer = try object(line)
        try members(tokenizer) { (key: String) throws(InputError) in
            switch key {
            case "type": type = try string(tokenizer)
            case "path": record.path = try string(tokenizer)
            case "doc": record.document = try string(tokenizer)
            case "time":
                let time = try integer(tokenizer)
                // ±2^40 s is about ±34,800 years: anything beyond is not a time a log was written.
                guard abs(time) <= 1 << 40 else { throw InputError(.malformedJSON, "time \(time) is out of range") }
                record.time = time
            case "labels":
                guard try tokenizer.next() == .beginObject else { throw InputError(.malformedJSON, "labels is not an object") }
                try members(tokenizer) { (name: String) throws(InputError) in
                    record.labels.append(DocumentLabel(name: name, value: try string(tokenizer)))
                }
            case "examples":
                guard try tokenizer.next() == .beginObject else { throw InputError(.malformedJSON, "examples is not an object") }
                try members(tokenizer) { (id: String) throws(InputError) in
                    guard try tokenizer.next() == .beginArray else { throw InputError(.malformedJSON, "examples of \(id) are not an array") }
                    while true {
                        let token = try tokenizer.next()
                        if token == .endArray { break }
                        guard token == .beginObject else { throw InputError(.malformedJSON, "an example is not an object") }
                        var example = (line: 0, text: "")
                        try members(tokenizer) { (field: String) throws(InputError) in
                            switch field {
                            case "line": example.line = try integer(tokenizer)
                            case "text": example.text = try string(tokenizer)
                            default: try skip(tokenizer)
                            }
                        }
                        if record.firstExamples[id] == nil { record.firstExamples[id] = example }
                    }
                }
            case "bytes": record.bytes = try integer(tokenizer)
            case "stored_bytes": record.storedBytes = try integer(tokenizer)
            case "lines": record.lines = try integer(tokenizer)
            case "long_lines": record.longLines = try integer(tokenizer)
            case "seq": record.sequence = try integer(tokenizer)
            case "counts": record.counts = try counts(tokenizer)
            case "limit_hits": record.limitHits = try counts(tokenizer)
            case "testgrid":
                record.isTestGrid = true
                try skip(tokenizer)
            case "error":
                guard try tokenizer.next() == .beginObject else { throw InputError(.malformedJSON, "error is not an object") }
                try members(tokenizer) { (field: String) throws(InputError) in
                    if field == "kind" { record.errorKind = try string(tokenizer) } else { try skip(tokenizer) }
                }
            case "classification":
                let token = try tokenizer.next()
                if token == .null {
                    record.classification = .some(nil)
                } else {
                    guard token == .beginObject else { throw InputError(.malformedJSON, "classification is not an object") }
                    try members(tokenizer) { (field: String) throws(InputError) in
                        if field == "id" { record.classification = .some(try string(tokenizer)) } else { try skip(tokenizer) }
                    }
                }
            case "skipped": summary.skipped = try integer(tokenizer)
            case "elapsed_s":
                _ = try tokenizer.next()
                summary.elapsedSeconds = Double(tokenizer.textString) ?? 0
            case "interrupted": summary.interrupted = try tokenizer.next() == .bool(true)
            case "classified":
                summary.classified = true
                try skip(tokenizer)
            default: try skip(tokenizer)
            }
        }
        switch type {
        case "summary":
            return .summary(summary)
        case "file":
            if let sequence = record.sequence { record.line = removing(",\"seq\":\(sequence)", from: line, atEnd: true) }
            return .record(record)
        default:
            throw InputError(.malformedJSON, "a line that is neither a file record nor the summary")
        }
    }

    /// A tokenizer over `line`, past the `{` that opens it.
    private static func object(_ line: [UInt8]) throws(InputError) -> JSONTokenizer {
        let tokenizer = JSONTokenizer(source: MemorySource(line), bufferSize: 64 * 1024)
        guard try tokenizer.next() == .beginObject else { throw InputError(.malformedJSON, "not a JSON object") }
        return tokenizer
    }

    /// Calls `body` for each member of the object just opened, `body` reading its value.
    private static func members(_ tokenizer: JSONTokenizer, _ body: (String) throws(InputError) -> Void) throws(InputError) {
        while true {
            let token = try tokenizer.next()
            if token == .endObject { return }
            guard token == .key else { throw InputError(.malformedJSON, "expected a key") }
            try body(tokenizer.textString)
        }
    }

    private static func string(_ tokenizer: JSONTokenizer) throws(InputError) -> String {
        guard try tokenizer.next() == .string else { throw InputError(.malformedJSON, "expected a string") }
        return tokenizer.textString
    }

    private static func integer(_ tokenizer: JSONTokenizer) throws(InputError) -> Int {
        guard try tokenizer.next() == .number, let value = tokenizer.integerValue else { throw InputError(.malformedJSON, "expected an integer") }
        return value
    }

    private static func counts(_ tokenizer: JSONTokenizer) throws(InputError) -> [String: Int] {
        guard try tokenizer.next() == .beginObject else { throw InputError(.malformedJSON, "expected an object of counts") }
        var result: [String: Int] = [:]
        try members(tokenizer) { (id: String) throws(InputError) in result[id] = try integer(tokenizer) }
        return result
    }

    private static func skip(_ tokenizer: JSONTokenizer) throws(InputError) {
        try tokenizer.skipValue(startingWith: try tokenizer.next(captureStrings: false))
    }

    /// `line` without the first occurrence of `text` (the last, with `atEnd`).
    private static func removing(_ text: String, from line: [UInt8], atEnd: Bool = false) -> [UInt8] {
        let needle = Array(text.utf8)
        guard needle.count <= line.count else { return line }
        let starts = Array(0...(line.count - needle.count))
        let found = (atEnd ? starts.reversed() : starts).first { line[$0..<($0 + needle.count)].elementsEqual(needle) }
        guard let found else { return line }
        return Array(line[..<found] + line[(found + needle.count)...])
    }
}
