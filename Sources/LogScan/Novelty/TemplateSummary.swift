/// A template's novel lines across all target documents: the per-template records, the terminal
/// view's groups and `--suggest`'s candidates.
package struct TemplateSummary {
    package var hash: UInt64
    package var template: String
    package var files = 0
    package var lines = 0
    package var example: (path: String, document: String?, line: NovelBlock.Line)
    /// More real lines of it (for `examples.match`), from different documents first.
    package var samples: [String] = []
    /// Whether a block it starts looks like an error.
    package var looksLikeError = false

    /// Most widespread first: documents, then lines, then the template's text.
    package static func collect(_ documents: [NovelDocument]) -> [TemplateSummary] {
        var byHash: [UInt64: TemplateSummary] = [:]
        for document in documents {
            for (hash, entry) in document.templateLines {
                var summary = byHash[hash] ?? TemplateSummary(hash: hash, template: entry.first.template,
                                                              example: (document.location.displayPath, document.document, entry.first))
                summary.files += 1
                summary.lines += entry.lines
                if summary.samples.count < 3, !summary.samples.contains(entry.first.text) { summary.samples.append(entry.first.text) }
                byHash[hash] = summary
            }
            for block in document.blocks where block.looksLikeError { byHash[block.first.hash]?.looksLikeError = true }
        }
        return byHash.values.sorted { a, b in
            if a.files != b.files { return a.files > b.files }
            if a.lines != b.lines { return a.lines > b.lines }
            return a.template.utf8.lexicographicallyPrecedes(b.template.utf8)
        }
    }
}
