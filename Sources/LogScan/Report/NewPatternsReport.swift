/// Patterns that occur in the latest window and never before it (new), and patterns that occurred
/// before it and not in it (gone). The window starts at `--since`, or at the start of the bucket
/// holding the latest document.
package struct NewPatternsReport {
    package enum Status: String { case new, gone }

    package struct Row {
        package var status: Status
        package var pattern: Int
        /// Documents and lines in the window (new) or before it (gone).
        package var files: Int
        package var lines: Int
        /// The first document in the window (new) or the last one before it (gone), and its time.
        package var document: String
        package var seen: Int
        /// The pattern's first example line in the window, when the scan kept examples.
        package var example: (line: Int, text: String)?
    }

    package var windowStart: Int?
    package var rows: [Row] = []
    package var documentsInWindow = 0
    package var documentsBefore = 0
    package var untimed = 0

    package init(_ corpus: ReportCorpus, since: Int?, bucket: TimeBucket) {
        let timed = corpus.documents.filter { $0.time != nil }
        untimed = corpus.documents.count - timed.count
        guard let latest = timed.map({ $0.time! }).max() else { return }
        let start = since ?? bucket.start(of: latest)
        windowStart = start
        struct Seen { var files = 0, lines = 0; var edge: (time: Int, name: String, example: (line: Int, text: String)?)? }
        var inside: [Int: Seen] = [:]
        var before: [Int: Seen] = [:]
        for document in timed {
            let time = document.time!
            let isInside = time >= start
            if isInside { documentsInWindow += 1 } else { documentsBefore += 1 }
            for count in document.counts {
                var seen = (isInside ? inside : before)[count.pattern] ?? Seen()
                seen.files += 1
                seen.lines += count.lines
                let candidate = (time: time, name: document.name, example: document.firstExamples[count.pattern])
                if let edge = seen.edge {
                    // Inside: the earliest document; before: the latest. Ties go to the name first in byte order.
                    let earlier = time < edge.time || (time == edge.time && document.name.utf8.lexicographicallyPrecedes(edge.name.utf8))
                    let later = time > edge.time || (time == edge.time && document.name.utf8.lexicographicallyPrecedes(edge.name.utf8))
                    if isInside ? earlier : later { seen.edge = (candidate.time, candidate.name, candidate.example ?? edge.example) }
                    else if seen.edge?.example == nil { seen.edge?.example = candidate.example }
                } else {
                    seen.edge = candidate
                }
                if isInside { inside[count.pattern] = seen } else { before[count.pattern] = seen }
            }
        }
        for (pattern, seen) in inside where before[pattern] == nil {
            rows.append(Row(status: .new, pattern: pattern, files: seen.files, lines: seen.lines,
                            document: seen.edge!.name, seen: seen.edge!.time, example: seen.edge!.example))
        }
        for (pattern, seen) in before where inside[pattern] == nil {
            rows.append(Row(status: .gone, pattern: pattern, files: seen.files, lines: seen.lines,
                            document: seen.edge!.name, seen: seen.edge!.time, example: nil))
        }
        rows.sort { a, b in
            if a.status != b.status { return a.status == .new }
            if a.files != b.files { return a.files > b.files }
            return a.pattern < b.pattern
        }
    }

    package func table(patternIDs: [String]) -> ReportTable {
        let since = windowStart.map(EpochTime.rfc3339) ?? "-"
        var table = ReportTable(title: "New and gone patterns since \(since)",
                                columns: ["status", "pattern", "files", "lines", "seen", "document", "example"])
        for row in rows {
            table.rows.append([.text(row.status.rawValue), .text(patternIDs[row.pattern]), .integer(row.files), .integer(row.lines),
                               .text(EpochTime.rfc3339(row.seen)), .text(row.document),
                               row.example.map { .text("\($0.line): \($0.text)") } ?? .missing])
        }
        table.notes.append("window from \(since): \(documentsInWindow) documents; \(documentsBefore) before it; "
                           + "new: files and lines in the window, seen = first time; gone: before it, seen = last time")
        if untimed > 0 { table.notes.append("\(untimed) documents without a time (stdin) are left out") }
        return table
    }
}
