import PatternSets

/// Writes a `ReportTable` as text: an aligned terminal table, CSV (RFC 4180), TSV, Markdown or JSON.
package enum TableRenderer {
    package struct Style {
        /// Columns available, or nil for no fitting (output that is not a terminal).
        package var width: Int?
        /// Bold header, dim notes (a terminal, and NO_COLOR unset).
        package var color: Bool

        package init(width: Int?, color: Bool) {
            self.width = width
            self.color = color
        }
    }

    /// The aligned table: numbers right-aligned, the widest text column cut (with `…`) to fit `style.width`.
    package static func terminal(_ table: ReportTable, style: Style) -> String {
        let cells = table.rows.map { row in row.map { cell in cell == .missing ? "-" : OneLineText.escape(cell.plain) } }
        var widths = table.columns.map(\.count)
        for row in cells { for (index, text) in row.enumerated() { widths[index] = max(widths[index], text.count) } }
        let numeric = table.columns.indices.map { column in
            table.rows.contains { $0[column].isNumeric } && !table.rows.contains { !$0[column].isNumeric && $0[column] != .missing }
        }
        if let width = style.width {
            let total = widths.reduce(0, +) + 2 * (widths.count - 1)
            if total > width, let widest = widths.indices.filter({ !numeric[$0] }).max(by: { widths[$0] < widths[$1] }) {
                widths[widest] = max(table.columns[widest].count, 12, widths[widest] - (total - width))
            }
        }
        func line(_ texts: [String]) -> String {
            var parts: [String] = []
            for (index, text) in texts.enumerated() {
                var shown = text
                if shown.count > widths[index] { shown = String(shown.prefix(widths[index] - 1)) + "…" }
                let padding = String(repeating: " ", count: widths[index] - shown.count)
                let isLast = index == texts.count - 1
                parts.append(numeric[index] ? padding + shown : (isLast ? shown : shown + padding))
            }
            return parts.joined(separator: "  ")
        }
        var output = ""
        let header = line(table.columns)
        output += style.color ? "\u{1B}[1m\(header)\u{1B}[0m\n" : header + "\n"
        for row in cells { output += line(row) + "\n" }
        if table.rows.isEmpty { output += "(no rows)\n" }
        for note in table.notes { output += style.color ? "\u{1B}[2m\(note)\u{1B}[0m\n" : note + "\n" }
        return output
    }

    /// RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled; CRLF line ends.
    package static func csv(_ table: ReportTable) -> String {
        func field(_ text: String) -> String {
            guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
        }
        var output = table.columns.map(field).joined(separator: ",") + "\r\n"
        for row in table.rows { output += row.map { field($0.plain) }.joined(separator: ",") + "\r\n" }
        return output
    }

    /// Tab-separated, as PostgreSQL's text format and pandas' `read_csv(sep="\t")` read it: tab,
    /// newline, CR and backslash in a value are escaped as `\t`, `\n`, `\r`, `\\`.
    package static func tsv(_ table: ReportTable) -> String {
        func field(_ text: String) -> String {
            text.escapingScalars { scalar in
                switch scalar {
                case "\t": return "\\t"
                case "\n": return "\\n"
                case "\r": return "\\r"
                case "\\": return "\\\\"
                default: return nil
                }
            }
        }
        var output = table.columns.map(field).joined(separator: "\t") + "\n"
        for row in table.rows { output += row.map { field($0.plain) }.joined(separator: "\t") + "\n" }
        return output
    }

    /// A GitHub-flavoured Markdown table: `|` escaped, line breaks as spaces, numbers right-aligned.
    package static func markdown(_ table: ReportTable) -> String {
        func field(_ text: String) -> String {
            OneLineText.escape(text).replacingAll("|", with: "\\|")
        }
        var output = "| " + table.columns.map(field).joined(separator: " | ") + " |\n"
        output += "|" + table.columns.indices.map { column in
            table.rows.first.map { $0[column].isNumeric } == true ? " ---: " : " --- "
        }.joined(separator: "|") + "|\n"
        for row in table.rows { output += "| " + row.map { field($0.plain) }.joined(separator: " | ") + " |\n" }
        return output
    }

    /// A JSON array of objects, one per row, keyed by column; missing cells are `null`.
    package static func json(_ table: ReportTable) -> [UInt8] {
        var buffer = JSONBuffer(capacity: 4096)
        buffer.raw("[")
        buffer.list(table.rows) { buffer, row in
            buffer.raw("\n{")
            buffer.list(table.columns.indices) { buffer, column in
                buffer.string(table.columns[column])
                buffer.raw(":")
                switch row[column] {
                case .text(let text): buffer.string(text)
                case .integer(let value): buffer.int(value)
                case .fraction(let value): buffer.raw(Array(ReportTable.Cell.fixed(value, places: 4).utf8))
                case .missing: buffer.raw("null")
                }
            }
            buffer.raw("}")
        }
        buffer.raw("\n]\n")
        return buffer.bytes
    }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation's replacingOccurrences, without Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
