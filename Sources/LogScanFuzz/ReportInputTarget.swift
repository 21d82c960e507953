import Foundation
import LogScan

/// `logscan report`'s reader of scan outputs, then every view and format over what it accepted.
/// Promised: an input is refused with one line naming the file (and line), or every report is
/// computed and written without a crash, its JSON parses, and its CSV has a row per table row.
final class ReportInputTarget: FuzzTarget {
    static let name = "report"

    /// Trends cut to this many buckets (the CLI allows 100,000): an input's times span centuries,
    /// and rendering one row per day of them made an execution take seconds. The cut itself (the
    /// `tooOld` note) is then exercised on most inputs.
    static let maxBuckets = 60

    init() {}

    func check(_ input: UnsafeRawBufferPointer) {
        var corpus = ReportCorpus()
        do {
            try corpus.add(Array(input), path: "fuzz.jsonl")
        } catch {
            if !isOneLine(error.description) || !error.description.hasPrefix("fuzz.jsonl") {
                violated("a report input error is not one line naming the file", error.description)
            }
            return
        }
        let labels = Set(corpus.documents.flatMap { $0.labels.keys }).sorted()
        var tables = [TopReport(corpus, by: nil).table(patternIDs: corpus.patternIDs)]
        if let label = labels.first { tables.append(TopReport(corpus, by: label, limit: 3).table(patternIDs: corpus.patternIDs)) }
        for bucket in TimeBucket.allCases {
            tables.append(TrendReport(corpus, bucket: bucket, maxBuckets: Self.maxBuckets).table(patternIDs: corpus.patternIDs))
            tables.append(NewPatternsReport(corpus, since: nil, bucket: bucket).table(patternIDs: corpus.patternIDs))
        }
        for table in tables {
            let json = TableRenderer.json(table)
            guard let rows = try? JSONSerialization.jsonObject(with: Data(json)) as? [Any], rows.count == table.rows.count else {
                violated("a report's JSON does not parse to its rows", json.shown)
            }
            let csv = TableRenderer.csv(table)
            if csv.components(separatedBy: "\r\n").count - 2 < table.rows.count { violated("a report's CSV lacks rows", Array(csv.utf8).shown) }
            _ = TableRenderer.tsv(table)
            _ = TableRenderer.markdown(table)
            _ = TableRenderer.terminal(table, style: .init(width: 80, color: false))
        }
        let top = TopReport(corpus, by: labels.first)
        _ = MonitoringExport.influx(top, corpus: corpus)
        _ = MonitoringExport.prometheus(top, corpus: corpus)
        _ = MonitoringExport.influx(TrendReport(corpus, bucket: .week, maxBuckets: Self.maxBuckets), corpus: corpus)
        let page = HTMLReport(corpus: corpus, by: labels.first, bucket: .day, since: nil, maxBuckets: Self.maxBuckets).page()
        if !page.hasSuffix("</html>\n") { violated("the HTML page is cut short") }
    }
}
