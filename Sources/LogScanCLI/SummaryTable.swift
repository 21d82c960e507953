import Engine
import Input
import LogScan
import PatternSets

/// The closing report on stderr: totals, throughput, and the most frequent patterns.
enum SummaryTable {
    static func render(_ summary: ScanSummary, patterns: PatternSet, top: Int) -> String {
        let megabytes = Double(summary.bytes) / 1_000_000
        let rate = summary.elapsedSeconds > 0 ? megabytes / summary.elapsedSeconds : 0
        var text = "logscan: \(summary.files) files, \(fixed(megabytes)) MB (\(fixed(Double(summary.storedBytes) / 1_000_000)) MB stored), "
        text += "\(summary.lines) lines in \(fixed(summary.elapsedSeconds, places: 2)) s (\(fixed(rate)) MB/s)"
        if summary.errors > 0 {
            let kinds = summary.errorKinds.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
            text += "; \(summary.errors) with errors (\(kinds.joined(separator: ", ")))"
        }
        if summary.skipped > 0 { text += "; \(summary.skipped) skipped" }
        if summary.longLines > 0 { text += "; \(summary.longLines) lines over --max-line-bytes matched by their first part (long_lines)" }
        if summary.interrupted { text += "; INTERRUPTED" }
        text += "\n"
        let ranked = patterns.patterns.indices
            .filter { summary.patternLines[$0] > 0 }
            .sorted { (summary.patternFiles[$0], summary.patternLines[$0]) > (summary.patternFiles[$1], summary.patternLines[$1]) }
        if ranked.isEmpty || top <= 0 { return text + "  no pattern matched\n" }
        text += "  \(pad("files", 7)) \(pad("lines", 10))  pattern\n"
        for index in ranked.prefix(top) {
            text += "  \(pad(String(summary.patternFiles[index]), 7)) \(pad(String(summary.patternLines[index]), 10))  \(patterns.patterns[index].id)\n"
        }
        if ranked.count > top { text += "  … \(ranked.count - top) more patterns matched (see the JSONL summary)\n" }
        let limited = patterns.patterns.indices.filter { summary.patternLimitHits[$0] > 0 }
        for index in limited {
            text += "  warning: \(patterns.patterns[index].id) gave up on \(summary.patternLimitHits[index]) lines (PCRE2 limit)\n"
        }
        return text
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private static func fixed(_ value: Double, places: Int = 1) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        return "\(whole).\(String(repeating: "0", count: max(0, places - fraction.count)))\(fraction)"
    }
}
