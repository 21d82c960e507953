/// `report --format influx|prometheus`: the top and trend reports as monitoring series.
package enum MonitoringExport {
    /// One point per pattern (and `--by` value): the counts over all documents, at the latest
    /// document's time, so that each report run adds one point per series.
    package static func influx(_ top: TopReport, corpus: ReportCorpus) -> String {
        let time = corpus.documents.compactMap(\.time).max()
        return top.rows.map { row in
            var tags = [(key: "pattern", value: corpus.patternIDs[row.pattern])]
            if let by = top.by, let value = row.group { tags.append((by, value)) }
            return InfluxPoint(tags: tags, integerFields: [("files", row.files), ("lines", row.lines)], time: time).line
        }.joined()
    }

    /// One point per pattern and bucket, at the bucket's start.
    package static func influx(_ trend: TrendReport, corpus: ReportCorpus) -> String {
        var output = ""
        for series in trend.series {
            for (slot, start) in trend.buckets.enumerated() {
                output += InfluxPoint(tags: [(key: "pattern", value: corpus.patternIDs[series.pattern])],
                                      integerFields: [("files", series.files[slot]), ("lines", series.lines[slot])], time: start).line
            }
        }
        return output
    }

    package static func prometheus(_ top: TopReport, corpus: ReportCorpus) -> String {
        PrometheusExposition.text(top.rows.map { row in
            var labels = [(name: "pattern", value: corpus.patternIDs[row.pattern])]
            if let by = top.by, let value = row.group { labels.append((by, value)) }
            return PrometheusExposition.Sample(labels: labels, files: row.files, lines: row.lines)
        })
    }
}
