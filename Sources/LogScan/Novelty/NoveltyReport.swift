import Input
import PatternSets

/// What `logscan novel` writes: JSONL (`novel` records per block, a `file` record per document,
/// `template` records, a summary), or the terminal view grouped by template.
package enum NoveltyReport {
    package struct Totals {
        package var baselineFiles = 0
        package var baselineTemplates = 0
        package var elapsedSeconds = 0.0

        package init(baselineFiles: Int, baselineTemplates: Int, elapsedSeconds: Double) {
            self.baselineFiles = baselineFiles
            self.baselineTemplates = baselineTemplates
            self.elapsedSeconds = elapsedSeconds
        }
    }

    package static func jsonLines(_ documents: [NovelDocument], templates: [TemplateSummary], totals: Totals,
                                  version: String, masks: [String]) -> [UInt8] {
        var out = JSONBuffer(capacity: 64 * 1024)
        out.raw("{\"type\":\"header\",\"command\":\"novel\",\"schema\":1,\"version\":")
        out.string(version)
        out.field(",\"baseline\":{\"files\":", totals.baselineFiles)
        out.field(",\"templates\":", totals.baselineTemplates)
        out.raw("},\"masks\":")
        out.strings(masks)
        out.raw("}\n")
        var novelBlocks = 0, novelLines = 0, errors = 0
        for document in documents {
            let path = document.location.displayPath
            for block in document.blocks {
                novelBlocks += 1
                out.raw("{\"type\":\"novel\",\"path\":")
                out.string(path)
                if let name = document.document {
                    out.raw(",\"doc\":")
                    out.string(name)
                }
                out.field(",\"line\":", block.first.number)
                if block.lines.count > 1 {
                    out.field(",\"end_line\":", block.lastNumber)
                    out.field(",\"lines\":", block.lines.count)
                }
                out.raw(",\"text\":")
                out.string(block.first.text)
                out.raw(",\"template\":")
                out.string(block.first.template)
                out.raw(",\"template_id\":")
                out.string(TemplateHash.id(block.first.hash))
                out.raw(",\"score\":")
                out.decimal(block.score, places: 3)
                if let pattern = block.pattern {
                    out.raw(",\"pattern\":")
                    out.string(pattern)
                }
                out.raw("}\n")
            }
            novelLines += document.novelLines
            out.raw("{\"type\":\"file\",\"path\":")
            out.string(path)
            if let name = document.document {
                out.raw(",\"doc\":")
                out.string(name)
            }
            out.field(",\"bytes\":", document.bytes)
            out.field(",\"lines\":", document.lines)
            out.field(",\"novel_lines\":", document.novelLines)
            out.field(",\"blocks\":", document.blocks.count)
            if document.moreNovelLines > 0 { out.field(",\"more_novel_lines\":", document.moreNovelLines) }
            if let error = document.error {
                errors += 1
                out.raw(",\"error\":{\"kind\":")
                out.string(error.kind.rawValue)
                out.raw(",\"message\":")
                out.string(error.message)
                out.raw("}")
            }
            out.raw("}\n")
        }
        for summary in templates {
            out.raw("{\"type\":\"template\",\"template\":")
            out.string(summary.template)
            out.raw(",\"template_id\":")
            out.string(TemplateHash.id(summary.hash))
            out.field(",\"files\":", summary.files)
            out.field(",\"lines\":", summary.lines)
            out.raw(",\"example\":{\"path\":")
            out.string(summary.example.path)
            if let name = summary.example.document {
                out.raw(",\"doc\":")
                out.string(name)
            }
            out.field(",\"line\":", summary.example.line.number)
            out.raw(",\"text\":")
            out.string(summary.example.line.text)
            out.raw("}}\n")
        }
        out.field("{\"type\":\"summary\",\"files\":", documents.count)
        out.field(",\"errors\":", errors)
        out.field(",\"novel_lines\":", novelLines)
        out.field(",\"blocks\":", novelBlocks)
        out.field(",\"templates\":", templates.count)
        out.raw(",\"elapsed_s\":")
        out.decimal(totals.elapsedSeconds, places: 3)
        out.raw("}\n")
        return out.bytes
    }

    /// Blocks grouped by their first line's template, most widespread first, each with a few
    /// occurrences and their context.
    package static func terminal(_ documents: [NovelDocument], templates: [TemplateSummary], groups: Int, color: Bool) -> String {
        var blocksByTemplate: [UInt64: [(path: String, block: NovelBlock)]] = [:]
        for document in documents {
            let name = document.location.displayPath + (document.document.map { "#\($0)" } ?? "")
            for block in document.blocks { blocksByTemplate[block.first.hash, default: []].append((name, block)) }
        }
        let dim = color ? "\u{1B}[2m" : "", bold = color ? "\u{1B}[1m" : "", reset = color ? "\u{1B}[0m" : ""
        // Most widespread first; among equals, the best-ranked block first.
        let best = blocksByTemplate.mapValues { $0.map(\.block.score).max() ?? 0 }
        let ordered = templates.filter { blocksByTemplate[$0.hash] != nil }.sorted { a, b in
            a.files != b.files ? a.files > b.files : best[a.hash]! > best[b.hash]!
        }
        var text = ""
        var shown = 0
        for summary in ordered {
            guard shown < groups else { break }
            shown += 1
            let occurrences = blocksByTemplate[summary.hash]!
            text += "\(bold)\(OneLineText.escape(summary.template))\(reset)\n"
            text += "\(dim)  \(summary.files) documents, \(summary.lines) lines\(reset)\n"
            for (path, block) in occurrences.prefix(3) {
                text += "  \(OneLineText.escape(path)):\(block.first.number)\(block.lines.count > 1 ? "-\(block.lastNumber)" : "")"
                text += block.pattern.map { "  [\($0)]" } ?? ""
                text += "\n"
                for line in block.before { text += "\(dim)    \(OneLineText.escape(line))\(reset)\n" }
                for line in block.lines.prefix(6) { text += "  > \(OneLineText.escape(line.text))\n" }
                if block.lines.count > 6 { text += "\(dim)    … \(block.lines.count - 6) more novel lines\(reset)\n" }
                for line in block.after { text += "\(dim)    \(OneLineText.escape(line))\(reset)\n" }
            }
            if occurrences.count > 3 { text += "\(dim)  … and \(occurrences.count - 3) more\(reset)\n" }
            text += "\n"
        }
        if shown == 0 { text += "No novel lines: every line's template is in the baseline.\n" }
        return text
    }
}
