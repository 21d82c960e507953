/// Per pattern, the documents (and lines) it matched in per time bucket, every bucket from the
/// first document's to the last one's, with the change in documents against the bucket before.
package struct TrendReport {
    package struct Series {
        package var pattern: Int
        /// Per bucket, in `buckets` order.
        package var files: [Int]
        package var lines: [Int]
    }

    package var bucket: TimeBucket
    /// Bucket starts, epoch seconds, ascending.
    package var buckets: [Int] = []
    /// Documents per bucket (matching or not).
    package var documentsPerBucket: [Int] = []
    /// Patterns that matched somewhere, most documents first.
    package var series: [Series] = []
    /// Documents without a time (stdin), left out.
    package var untimed = 0
    /// Documents older than the last `maxBuckets` buckets, left out.
    package var tooOld = 0

    /// At most this many buckets (over 270 years of days): a stray time far in the past (a file
    /// with a zero mtime) would otherwise make the table as long as the span.
    package static let maxBuckets = 100_000
    private let bucketLimit: Int

    /// `maxBuckets` below the default serves the fuzz target, whose inputs span centuries.
    package init(_ corpus: ReportCorpus, bucket: TimeBucket, maxBuckets: Int = Self.maxBuckets) {
        self.bucket = bucket
        bucketLimit = max(1, maxBuckets)
        let times = corpus.documents.compactMap(\.time)
        untimed = corpus.documents.count - times.count
        guard var first = times.min(), let last = times.max() else { return }
        let earliest = bucket.start(of: last) - (bucketLimit - 1) * bucket.seconds
        if first < earliest {
            tooOld = times.filter { $0 < earliest }.count
            first = earliest
        }
        var start = bucket.start(of: first)
        while start <= last {
            buckets.append(start)
            // Week and day buckets are fixed lengths in UTC (no daylight saving).
            start += bucket.seconds
        }
        let origin = buckets[0]
        documentsPerBucket = Array(repeating: 0, count: buckets.count)
        var byPattern: [Int: Series] = [:]
        for document in corpus.documents {
            guard let time = document.time, time >= origin else { continue }
            let slot = (bucket.start(of: time) - origin) / bucket.seconds
            documentsPerBucket[slot] += 1
            for count in document.counts {
                var series = byPattern[count.pattern] ?? Series(pattern: count.pattern, files: Array(repeating: 0, count: buckets.count),
                                                               lines: Array(repeating: 0, count: buckets.count))
                series.files[slot] += 1
                series.lines[slot] += count.lines
                byPattern[count.pattern] = series
            }
        }
        series = byPattern.values.sorted { a, b in
            let filesA = a.files.reduce(0, +), filesB = b.files.reduce(0, +)
            if filesA != filesB { return filesA > filesB }
            return a.pattern < b.pattern
        }
    }

    package func table(patternIDs: [String]) -> ReportTable {
        var table = ReportTable(title: "Documents per \(bucket.rawValue) and pattern",
                                columns: ["pattern", bucket.rawValue, "files", "lines", "change"])
        for series in series {
            for (slot, start) in buckets.enumerated() {
                table.rows.append([.text(patternIDs[series.pattern]), .text(EpochTime.dateString(start)),
                                   .integer(series.files[slot]), .integer(series.lines[slot]),
                                   slot == 0 ? .missing : .integer(series.files[slot] - series.files[slot - 1])])
            }
        }
        if untimed > 0 { table.notes.append("\(untimed) documents without a time (stdin) are left out") }
        if tooOld > 0, let first = buckets.first {
            table.notes.append("\(tooOld) documents before \(EpochTime.dateString(first)) are left out: a trend has at most \(bucketLimit) buckets")
        }
        return table
    }
}
