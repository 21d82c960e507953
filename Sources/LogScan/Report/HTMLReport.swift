import PatternSets

/// `report --html`: one static page with everything inline (CSS and SVG drawn here, no script, no
/// network), readable from a phone's width up: the summary, a top-patterns bar chart, a pattern ×
/// label heatmap, per-pattern trend sparklines and the new-pattern table with example lines.
package struct HTMLReport {
    let corpus: ReportCorpus
    let top: TopReport
    let trend: TrendReport
    let novelty: NewPatternsReport
    /// The label the heatmap spreads patterns over: `--by`, else the label most documents carry.
    let heatmapLabel: String?

    static let maxBars = 20
    static let maxHeatmapRows = 15
    static let maxHeatmapColumns = 12

    package init(corpus: ReportCorpus, by: String?, bucket: TimeBucket, since: Int?, maxBuckets: Int = TrendReport.maxBuckets) {
        self.corpus = corpus
        top = TopReport(corpus, by: nil)
        trend = TrendReport(corpus, bucket: bucket, maxBuckets: maxBuckets)
        novelty = NewPatternsReport(corpus, since: since, bucket: bucket)
        // The label most documents carry; among those, the one with the fewest values (a job, not a build number).
        var carried: [String: Int] = [:]
        var values: [String: Set<String>] = [:]
        for document in corpus.documents {
            for (name, value) in document.labels {
                carried[name, default: 0] += 1
                values[name, default: []].insert(value)
            }
        }
        heatmapLabel = by ?? carried.keys.sorted().min { a, b in
            carried[a]! != carried[b]! ? carried[a]! > carried[b]! : values[a]!.count < values[b]!.count
        }
    }

    package func page() -> String {
        var html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>logscan report</title>
        <style>\(Self.css)</style>
        </head><body><main>
        <h1>logscan report</h1>

        """
        html += summary() + bars() + heatmap() + trends() + newPatterns()
        html += "<footer>Written by logscan from \(corpus.documents.count) records of pattern set <code>\(Self.escape(corpus.patternSet))</code>.</footer>\n"
        html += "</main></body></html>\n"
        return html
    }

    private func summary() -> String {
        let times = corpus.documents.compactMap(\.time)
        let range = times.isEmpty ? "no times" : "\(EpochTime.dateString(times.min()!)) to \(EpochTime.dateString(times.max()!))"
        let errors = corpus.documents.filter { $0.errorKind != nil }.count
        let matched = Set(corpus.documents.flatMap { $0.counts.map(\.pattern) }).count
        let items = [("Documents", "\(top.documents)"), ("Failing", "\(top.failing)"), ("Patterns matched", "\(matched) of \(corpus.patternIDs.count)"),
                     ("Read errors", "\(errors)"), ("Time span", range)]
        var html = "<section class=\"summary\">"
        for (name, value) in items { html += "<div><span>\(name)</span><strong>\(Self.escape(value))</strong></div>" }
        html += "</section>\n"
        if FailureRule(patternTags: corpus.patternTags).usesTags {
            html += "<p class=\"note\">A document fails when a pattern tagged <code>failure</code> matched in it.</p>\n"
        }
        return html
    }

    /// One row per pattern: its name as text (wraps on a phone), the bar as a stretched SVG.
    private func bars() -> String {
        let rows = Array(top.rows.prefix(Self.maxBars))
        var html = "<section><h2>Top patterns</h2>\n"
        guard let most = rows.first?.files, most > 0 else { return html + "<p>No pattern matched.</p></section>\n" }
        html += "<div class=\"bars\" role=\"list\">\n"
        for row in rows {
            let id = corpus.patternIDs[row.pattern]
            let length = max(0.5, 100 * Double(row.files) / Double(most))
            html += "<div class=\"bar\" role=\"listitem\"><span class=\"name\">\(Self.escape(id))</span>"
            html += "<svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><rect width=\"\(ReportTable.Cell.fixed(length, places: 2))\" height=\"10\" rx=\"1\"/></svg>"
            html += "<span class=\"value\" title=\"\(row.lines) lines\">\(row.files) · \(Int((row.share * 100).rounded()))%</span></div>\n"
        }
        html += "</div>\n<p class=\"note\">Documents in which each pattern matched, and the share of failing documents it matched in.</p></section>\n"
        return html
    }

    private func heatmap() -> String {
        guard let label = heatmapLabel else { return "" }
        let byLabel = TopReport(corpus, by: label)
        let columns = byLabel.groups.filter { $0.value != nil }.prefix(Self.maxHeatmapColumns).map { $0.value! }
        let patterns = top.rows.prefix(Self.maxHeatmapRows).map(\.pattern)
        guard !columns.isEmpty, !patterns.isEmpty else { return "" }
        var cells: [String: Int] = [:]
        for row in byLabel.rows { if let value = row.group { cells["\(row.pattern)\u{0}\(value)"] = row.files } }
        let most = max(1, cells.values.max() ?? 1)
        let cell = 30, labelWidth = 230
        // Column names are drawn at -55°: room above for the longest, and to the right for its run.
        let longest = columns.map { Self.shorten($0, 18).count }.max() ?? 1
        let header = 14 + longest * 6, width = labelWidth + columns.count * cell + longest * 4 + 10
        let height = header + patterns.count * cell + 4
        var html = "<section><h2>Patterns by \(Self.escape(label))</h2>\n<div class=\"scroll\">"
        html += "<svg class=\"heatmap\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"Documents per pattern and \(Self.escape(label))\">\n"
        for (index, value) in columns.enumerated() {
            let x = labelWidth + index * cell + cell / 2
            html += "<text transform=\"translate(\(x + 4),\(header - 6)) rotate(-55)\">\(Self.escape(Self.shorten(value, 18)))<title>\(Self.escape(value))</title></text>\n"
        }
        for (rowIndex, pattern) in patterns.enumerated() {
            let y = header + rowIndex * cell
            html += "<text x=\"\(labelWidth - 6)\" y=\"\(y + cell / 2 + 5)\" text-anchor=\"end\">\(Self.escape(Self.shorten(corpus.patternIDs[pattern], 30)))</text>"
            for (index, value) in columns.enumerated() {
                let files = cells["\(pattern)\u{0}\(value)"] ?? 0
                let opacity = files == 0 ? 0.0 : 0.15 + 0.85 * Double(files) / Double(most)
                html += "<rect x=\"\(labelWidth + index * cell + 1)\" y=\"\(y + 1)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" class=\"\(files == 0 ? "empty" : "hot")\" fill-opacity=\"\(ReportTable.Cell.fixed(opacity, places: 2))\"><title>\(Self.escape(corpus.patternIDs[pattern])) · \(Self.escape(value)): \(files) documents</title></rect>"
                if files > 0 { html += "<text x=\"\(labelWidth + index * cell + cell / 2)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"middle\" class=\"count\">\(files)</text>" }
            }
            html += "\n"
        }
        html += "</svg></div>\n<p class=\"note\">Documents per pattern and \(Self.escape(label)) value: the \(patterns.count) most widespread patterns, the \(columns.count) values with the most failing documents.</p></section>\n"
        return html
    }

    private func trends() -> String {
        guard !trend.buckets.isEmpty, !trend.series.isEmpty else { return "" }
        var html = "<section><h2>Trend per \(trend.bucket.rawValue)</h2>\n"
        html += "<p class=\"note\">\(EpochTime.dateString(trend.buckets.first!)) to \(EpochTime.dateString(trend.buckets.last!)), \(trend.buckets.count) \(trend.bucket.rawValue)s; the last value and its change against the \(trend.bucket.rawValue) before.</p>\n"
        html += "<table class=\"trend\"><thead><tr><th>pattern</th><th>documents</th><th class=\"num\">last</th><th class=\"num\">change</th></tr></thead><tbody>\n"
        for series in trend.series.prefix(Self.maxBars) {
            let last = series.files.last ?? 0
            let change = series.files.count > 1 ? last - series.files[series.files.count - 2] : 0
            html += "<tr><td>\(Self.escape(corpus.patternIDs[series.pattern]))</td><td>\(Self.sparkline(series.files))</td>"
            html += "<td class=\"num\">\(last)</td><td class=\"num \(change > 0 ? "up" : change < 0 ? "down" : "")\">\(change > 0 ? "+" : "")\(change)</td></tr>\n"
        }
        return html + "</tbody></table></section>\n"
    }

    static func sparkline(_ values: [Int]) -> String {
        let width = 160, height = 28
        let most = max(1, values.max() ?? 1)
        let step = values.count > 1 ? Double(width - 4) / Double(values.count - 1) : 0
        let points = values.enumerated().map { index, value in
            let x = 2 + step * Double(index)
            let y = Double(height - 3) - Double(height - 6) * Double(value) / Double(most)
            return "\(ReportTable.Cell.fixed(x, places: 1)),\(ReportTable.Cell.fixed(y, places: 1))"
        }
        let line = values.count == 1 ? "M\(points[0]) h\(width - 4)" : "M" + points.joined(separator: " L")
        return "<svg class=\"spark\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(values.map(String.init).joined(separator: ", "))\"><path d=\"\(line)\"/></svg>"
    }

    private func newPatterns() -> String {
        guard let start = novelty.windowStart else { return "" }
        var html = "<section><h2>New since \(EpochTime.rfc3339(start))</h2>\n"
        let new = novelty.rows.filter { $0.status == .new }, gone = novelty.rows.filter { $0.status == .gone }
        if new.isEmpty {
            html += "<p>No pattern is new in this window (\(novelty.documentsInWindow) documents).</p>\n"
        } else {
            html += "<table><thead><tr><th>pattern</th><th class=\"num\">documents</th><th>first seen</th><th>example</th></tr></thead><tbody>\n"
            for row in new {
                let example = row.example.map { "<code>\(Self.escape($0.text))</code><small>\(Self.escape(row.document)):\($0.line)</small>" }
                    ?? "<small>\(Self.escape(row.document))</small>"
                html += "<tr><td>\(Self.escape(corpus.patternIDs[row.pattern]))</td><td class=\"num\">\(row.files)</td><td class=\"when\">\(EpochTime.rfc3339(row.seen).replacingAll("T", with: " ").replacingAll("Z", with: ""))</td><td class=\"example\">\(example)</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        if !gone.isEmpty {
            html += "<p class=\"note\">Not seen in this window any more: " + gone.map { "<code>\(Self.escape(corpus.patternIDs[$0.pattern]))</code> (last \(EpochTime.dateString($0.seen)))" }.joined(separator: ", ") + ".</p>\n"
        }
        return html + "</section>\n"
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// Text for HTML content and attribute values; control characters as U+FFFD so the page stays well-formed.
    static func escape(_ text: String) -> String {
        text.escapingScalars { scalar in
            switch scalar {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&#39;"
            case _ where scalar.value < 0x20 && scalar != "\t": return "\u{FFFD}"
            default: return nil
            }
        }
    }

    static let css = """
    :root{--fg:#1d2433;--muted:#5b6475;--bg:#fff;--card:#f5f7fa;--bar:#3a6fd8;--hot:#c2410c;--line:#dde2ea;--up:#b42318;--down:#067647}
    @media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#a2abbd;--bg:#12151c;--card:#1b2029;--bar:#6d9bf1;--hot:#f97316;--line:#2c3340;--up:#f97066;--down:#47cd89}}
    *{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
    main{max-width:1100px;margin:0 auto;padding:16px}h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
    section{margin-bottom:1rem}.summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px}
    .summary div{background:var(--card);border-radius:8px;padding:10px 12px}.summary span{display:block;color:var(--muted);font-size:.8rem}
    .summary strong{font-size:1.05rem;overflow-wrap:anywhere}svg{display:block}svg text{fill:var(--fg);font-size:13px}.heatmap{max-width:none}
    .bars{display:grid;grid-template-columns:minmax(8rem,17rem) 1fr 5.5rem;gap:4px 10px;align-items:center}.bar{display:contents}
    .bar .name{text-align:right;overflow-wrap:anywhere;font-size:.9rem}.bar svg{width:100%;height:14px}.bar rect{fill:var(--bar)}
    .bar .value{color:var(--muted);font-size:.85rem;font-variant-numeric:tabular-nums}.heatmap rect.hot{fill:var(--hot)}.heatmap rect.empty{fill:var(--card)}
    .heatmap .count{font-size:11px}.scroll{overflow-x:auto}.spark{width:160px;height:28px}.spark path{fill:none;stroke:var(--bar);stroke-width:1.6}
    table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
    th{font-size:.8rem;color:var(--muted);font-weight:600}.num{text-align:right;font-variant-numeric:tabular-nums}.up{color:var(--up)}.down{color:var(--down)}
    td.example code{display:block;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.85rem}td.example small{color:var(--muted);overflow-wrap:anywhere}
    td.when{white-space:nowrap}code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}.note{color:var(--muted);font-size:.85rem}footer{color:var(--muted);font-size:.8rem;margin-top:2rem;overflow-wrap:anywhere}
    @media (max-width:600px){main{padding:10px}.bars{grid-template-columns:1fr auto}.bar .name{text-align:left;grid-column:1/3}.bar svg{grid-column:1}th,td{padding:5px 4px}.trend td:nth-child(2){width:45%}.spark{width:100%}}
    """
}
