/// Patterns by the documents they matched in and their matching lines, overall or per value of one
/// label (`--by job`), with the share of the group's failing documents each one matched in.
package struct TopReport {
    package struct Row {
        /// The `--by` label's value; nil for documents without that label (or without `--by`).
        package var group: String?
        package var pattern: Int
        package var files: Int
        package var lines: Int
        /// Failing documents of the group this pattern matched in, over all failing documents of the group.
        package var share: Double
    }

    package struct Group {
        package var value: String?
        package var documents = 0
        package var failing = 0
    }

    package var by: String?
    package var groups: [Group] = []
    package var rows: [Row] = []
    package var documents = 0
    package var failing = 0

    /// `limit`: rows per group (0: all).
    package init(_ corpus: ReportCorpus, by: String?, limit: Int = 0) {
        self.by = by
        let rule = FailureRule(patternTags: corpus.patternTags)
        struct Tally { var files = 0, lines = 0, failingFiles = 0 }
        var groupIndex: [String?: Int] = [:]
        var tallies: [[Int: Tally]] = []
        for document in corpus.documents {
            let value = by.flatMap { document.labels[$0] }
            let index: Int
            if let known = groupIndex[value] {
                index = known
            } else {
                index = groups.count
                groupIndex[value] = index
                groups.append(Group(value: value))
                tallies.append([:])
            }
            let fails = rule.fails(document)
            groups[index].documents += 1
            if fails { groups[index].failing += 1 }
            for count in document.counts {
                var tally = tallies[index][count.pattern, default: Tally()]
                tally.files += 1
                tally.lines += count.lines
                if fails { tally.failingFiles += 1 }
                tallies[index][count.pattern] = tally
            }
        }
        documents = corpus.documents.count
        failing = groups.reduce(0) { $0 + $1.failing }
        // Groups with the most failing documents first; documents without the label last.
        let order = groups.indices.sorted { left, right in
            let a = groups[left], b = groups[right]
            if (a.value == nil) != (b.value == nil) { return b.value == nil }
            if a.failing != b.failing { return a.failing > b.failing }
            return (a.value ?? "").utf8.lexicographicallyPrecedes((b.value ?? "").utf8)
        }
        groups = order.map { groups[$0] }
        for (position, original) in order.enumerated() {
            let group = groups[position]
            var groupRows = tallies[original].map { pattern, tally in
                Row(group: group.value, pattern: pattern, files: tally.files, lines: tally.lines,
                    share: group.failing > 0 ? Double(tally.failingFiles) / Double(group.failing) : 0)
            }
            groupRows.sort { a, b in
                if a.files != b.files { return a.files > b.files }
                if a.lines != b.lines { return a.lines > b.lines }
                return a.pattern < b.pattern
            }
            if limit > 0 { groupRows = Array(groupRows.prefix(limit)) }
            rows += groupRows
        }
    }

    package func table(patternIDs: [String]) -> ReportTable {
        var table = ReportTable(title: by.map { "Top patterns by \($0)" } ?? "Top patterns",
                                columns: (by.map { [$0] } ?? []) + ["pattern", "files", "lines", "share"])
        for row in rows {
            var cells: [ReportTable.Cell] = []
            if by != nil { cells.append(row.group.map { .text($0) } ?? .missing) }
            cells += [.text(patternIDs[row.pattern]), .integer(row.files), .integer(row.lines), .fraction(row.share)]
            table.rows.append(cells)
        }
        table.notes.append("\(documents) documents, \(failing) failing; share: of the failing documents\(by == nil ? "" : " of the group"), those the pattern matched in")
        return table
    }
}
