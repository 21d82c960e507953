import Foundation
import LogScan
import Testing

/// The report aggregations on a small scan output whose answers are worked out by hand below.
@Suite struct ReportTests {
    static let day1 = 1_733_443_200  // 2024-12-06T00:00:00Z, a Friday
    static let day2 = day1 + 86_400
    static let day3 = day1 + 2 * 86_400

    /// Patterns a, b, c (c tagged `failure` when `tagged`); five documents:
    /// p1 job=x day1 a:2 b:1 · p2 job=x day1 a:1 · p3 job=y day2 b:3 · p4 job=y day2 nothing · p5 (no job) day3 c:1 (example).
    static func output(tagged: Bool = false, set: String = "sha256:one") -> String {
        let tags = tagged ? "[\"failure\"]" : "[]"
        return """
        {"type":"header","schema":1,"version":"0.1.0","pattern_set":"\(set)","pattern_sources":["t.yaml"],"keep_ansi":false,"patterns":[{"id":"a","regex":"a","tags":[]},{"id":"b","regex":"b","tags":[]},{"id":"c","regex":"c","tags":\(tags)}]}
        {"type":"file","path":"p1","labels":{"job":"x"},"time":\(day1 + 10),"bytes":1,"stored_bytes":1,"lines":3,"counts":{"a":2,"b":1}}
        {"type":"file","path":"p2","labels":{"job":"x"},"time":\(day1 + 10),"bytes":1,"stored_bytes":1,"lines":1,"counts":{"a":1}}
        {"type":"file","path":"p3","labels":{"job":"y"},"time":\(day2 + 5),"bytes":1,"stored_bytes":1,"lines":3,"counts":{"b":3}}
        {"type":"file","path":"p4","labels":{"job":"y"},"time":\(day2 + 7),"bytes":1,"stored_bytes":1,"lines":1,"counts":{}}
        {"type":"file","path":"p5","time":\(day3 + 60),"bytes":1,"stored_bytes":1,"lines":9,"counts":{"c":1},"examples":{"c":[{"line":7,"text":"c happened"}]}}
        {"type":"summary","files":5,"errors":0,"skipped":0,"bytes":5,"stored_bytes":5,"lines":17,"totals":{},"elapsed_s":0.001,"interrupted":false}

        """
    }

    static func corpus(_ text: String) throws -> ReportCorpus {
        var corpus = ReportCorpus()
        try corpus.add(Array(text.utf8), path: "fixture.jsonl")
        return corpus
    }

    @Test func topOverall() throws {
        let corpus = try Self.corpus(Self.output())
        let top = TopReport(corpus, by: nil)
        #expect(top.documents == 5 && top.failing == 4)
        let rows = top.rows.map { (corpus.patternIDs[$0.pattern], $0.files, $0.lines, $0.share) }
        #expect(rows.count == 3)
        #expect(rows[0] == ("b", 2, 4, 0.5))
        #expect(rows[1] == ("a", 2, 3, 0.5))
        #expect(rows[2] == ("c", 1, 1, 0.25))
    }

    @Test func topByLabel() throws {
        let corpus = try Self.corpus(Self.output())
        let top = TopReport(corpus, by: "job")
        #expect(top.groups.map(\.value) == ["x", "y", nil])
        #expect(top.groups.map(\.failing) == [2, 1, 1])
        let rows = top.rows.map { "\($0.group ?? "-") \(corpus.patternIDs[$0.pattern]) \($0.files) \($0.lines) \($0.share)" }
        #expect(rows == ["x a 2 3 1.0", "x b 1 1 0.5", "y b 1 3 1.0", "- c 1 1 1.0"])
        #expect(TopReport(corpus, by: "job", limit: 1).rows.count == 3)
    }

    @Test func failureTagDecidesWhichDocumentsFail() throws {
        let corpus = try Self.corpus(Self.output(tagged: true))
        let top = TopReport(corpus, by: nil)
        #expect(top.failing == 1)
        let shares = Dictionary(uniqueKeysWithValues: top.rows.map { (corpus.patternIDs[$0.pattern], $0.share) })
        #expect(shares == ["a": 0, "b": 0, "c": 1])
    }

    @Test func trendPerDayAndWeek() throws {
        let corpus = try Self.corpus(Self.output())
        let trend = TrendReport(corpus, bucket: .day)
        #expect(trend.buckets == [Self.day1, Self.day2, Self.day3])
        #expect(trend.documentsPerBucket == [2, 2, 1])
        #expect(trend.series.map { corpus.patternIDs[$0.pattern] } == ["a", "b", "c"])
        #expect(trend.series.map(\.files) == [[2, 0, 0], [1, 1, 0], [0, 0, 1]])
        #expect(trend.series.map(\.lines) == [[3, 0, 0], [1, 3, 0], [0, 0, 1]])
        let table = trend.table(patternIDs: corpus.patternIDs)
        #expect(table.rows[0] == [.text("a"), .text("2024-12-06"), .integer(2), .integer(3), .missing])
        #expect(table.rows[1] == [.text("a"), .text("2024-12-07"), .integer(0), .integer(0), .integer(-2)])
        // 2024-12-06 is a Friday: its ISO week starts Monday 2024-12-02; Sunday the 8th is in it too.
        let weekly = TrendReport(corpus, bucket: .week)
        #expect(weekly.buckets == [Self.day1 - 4 * 86_400])
        #expect(weekly.series.map(\.files) == [[2], [2], [1]])
    }

    @Test func newAndGonePatterns() throws {
        let corpus = try Self.corpus(Self.output())
        let report = NewPatternsReport(corpus, since: nil, bucket: .day)
        #expect(report.windowStart == Self.day3)
        #expect(report.documentsInWindow == 1 && report.documentsBefore == 4)
        let rows = report.rows.map { "\($0.status) \(corpus.patternIDs[$0.pattern]) \($0.files) \($0.lines) \($0.document) \($0.seen)" }
        #expect(rows == ["new c 1 1 p5 \(Self.day3 + 60)", "gone a 2 3 p1 \(Self.day1 + 10)", "gone b 2 4 p3 \(Self.day2 + 5)"])
        #expect(report.rows[0].example?.line == 7 && report.rows[0].example?.text == "c happened")
        // From day 2 on, b occurs in the window and before it: neither new nor gone.
        let since = NewPatternsReport(corpus, since: Self.day2, bucket: .day)
        #expect(since.rows.map { "\($0.status) \(corpus.patternIDs[$0.pattern])" } == ["new c", "gone a"])
    }

    @Test func badInputsNameTheFileAndLine() throws {
        func failure(_ text: String) -> String {
            do {
                _ = try Self.corpus(text)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        let full = Self.output()
        let lines = full.split(separator: "\n").map(String.init)
        // Cut short: no summary.
        #expect(failure(lines.prefix(4).joined(separator: "\n")) == "fixture.jsonl:4: no summary line: the scan did not finish (or the file is cut short)")
        // Cut mid-record.
        #expect(failure(lines.prefix(3).joined(separator: "\n") + "\n" + lines[3].prefix(30)).hasPrefix("fixture.jsonl:4: "))
        // Another schema version.
        #expect(failure(full.replacingOccurrences(of: "\"schema\":1", with: "\"schema\":2")) == "fixture.jsonl:1: schema 2, expected 1")
        // Two sets in one input.
        let mixed = full + Self.output(set: "sha256:two")
        #expect(failure(mixed).hasPrefix("fixture.jsonl:8: pattern set sha256:two differs from sha256:one of fixture.jsonl"))
        // A header without what joins runs (fuzzing found one without pattern_set, then one
        // without patterns, make a report index past its pattern list).
        #expect(failure(full.replacingOccurrences(of: "\"pattern_set\"", with: "\"pattern_sot\""))
                == "fixture.jsonl:1: the header has no pattern_set")
        #expect(failure(full.replacingOccurrences(of: "\"patterns\"", with: "\"patternz\"")) == "fixture.jsonl:1: the header has no patterns")
        #expect(failure(full.replacingOccurrences(of: "{\"id\":\"b\",", with: "{")) == "fixture.jsonl:1: a pattern in the header has no id")
        // Values quoted from the input are escaped: the message stays one line.
        #expect(failure(full + Self.output(set: "sha\\u0000two\\n")).hasPrefix("fixture.jsonl:8: pattern set sha\\x00two\\n differs"))
        // Not a scan output at all.
        #expect(failure("{\"a\":1}\n").hasPrefix("fixture.jsonl:1: "))
        #expect(failure("") == "fixture.jsonl: empty: not a logscan scan output")
    }

    @Test func concatenatedRunsOfOneSetCountEachDocumentOnce() throws {
        var corpus = ReportCorpus()
        try corpus.add(Array((Self.output() + Self.output()).utf8), path: "twice.jsonl")
        #expect(corpus.documents.count == 5)
        #expect(corpus.replaced == 5)
    }

    @Test func timesAreParsedFromEveryDocumentedForm() {
        #expect(EpochTime.parse("1733443200") == 1_733_443_200)
        #expect(EpochTime.parse("1733443200123") == 1_733_443_200)
        #expect(EpochTime.parse("2024-12-06") == 1_733_443_200)
        #expect(EpochTime.parse("2024-12-06T01:02:03Z") == 1_733_443_200 + 3723)
        #expect(EpochTime.parse("2024-12-06 01:02:03.5+01:00") == 1_733_443_200 + 123)
        #expect(EpochTime.parse("2024-02-30") == nil)
        #expect(EpochTime.parse("yesterday") == nil)
        #expect(EpochTime.rfc3339(1_733_443_200 + 3723) == "2024-12-06T01:02:03Z")
        #expect(EpochTime.dateString(-1) == "1969-12-31")
    }
}

/// The escapes of each export format, character by character.
@Suite struct ExportEscapingTests {
    @Test func influxLineProtocol() {
        let point = InfluxPoint(tags: [(key: "pattern", value: "oom"), (key: "job", value: "a,b c=d \"q\""), (key: "empty", value: ""),
                                       (key: "nl", value: "x\ny"), (key: "slash", value: "end\\")],
                                integerFields: [(key: "files", value: 2), (key: "lines", value: 7)],
                                stringFields: [(key: "path", value: "p \"q\" \\ r")], time: 1_733_443_200)
        #expect(point.line == #"logscan,job=a\,b\ c\=d\ "q",nl=x\ny,pattern=oom,slash=end\\ files=2i,lines=7i,path="p \"q\" \\ r" 1733443200000000000"# + "\n")
        #expect(InfluxPoint(tags: [], integerFields: [(key: "files", value: 1)], time: nil).line == "logscan files=1i\n")
    }

    @Test func prometheusExposition() {
        let text = PrometheusExposition.text([.init(labels: [(name: "pattern", value: "a\"b\\c\nd"), (name: "bad-name", value: "v")], files: 3, lines: 4)])
        #expect(text.contains(#"logscan_pattern_files{pattern="a\"b\\c\nd",bad_name="v"} 3"#))
        #expect(text.contains(#"logscan_pattern_lines{pattern="a\"b\\c\nd",bad_name="v"} 4"#))
        #expect(text.hasPrefix("# HELP logscan_pattern_files "))
    }

    @Test func csvTsvAndMarkdownCells() {
        var table = ReportTable(title: "t", columns: ["a", "b"])
        table.rows = [[.text("x,\"y\"\nz"), .fraction(1.0 / 3)], [.missing, .integer(-2)]]
        #expect(TableRenderer.csv(table) == "a,b\r\n\"x,\"\"y\"\"\nz\",0.3333\r\n,-2\r\n")
        #expect(TableRenderer.tsv(table) == "a\tb\nx,\"y\"\\nz\t0.3333\n\t-2\n")
        #expect(TableRenderer.markdown(table).contains("| x,\"y\"\\nz | 0.3333 |"))
        #expect(String(decoding: TableRenderer.json(table), as: UTF8.self) == "[\n{\"a\":\"x,\\\"y\\\"\\nz\",\"b\":0.3333},\n{\"a\":null,\"b\":-2}\n]\n")
    }
}

@Suite struct ReportBoundsTests {
    @Test func aStrayOldTimeDoesNotMakeATrendAsLongAsTheSpan() throws {
        let text = ReportTests.output().replacingOccurrences(of: "\"time\":\(ReportTests.day1 + 10)", with: "\"time\":0")
        let corpus = try ReportTests.corpus(text)
        let trend = TrendReport(corpus, bucket: .day)
        // p1 and p2 were at day 1; with time 0 they are 20,000 days back: still within the bound.
        #expect(trend.buckets.count == (ReportTests.day3 - 0) / 86_400 + 1 && trend.tooOld == 0)
        let far = try ReportTests.corpus(ReportTests.output().replacingOccurrences(of: "\"time\":\(ReportTests.day1 + 10)", with: "\"time\":-1000000000000"))
        let bounded = TrendReport(far, bucket: .day)
        #expect(bounded.buckets.count == TrendReport.maxBuckets && bounded.tooOld == 2)
        #expect(bounded.table(patternIDs: far.patternIDs).notes.contains { $0.contains("2 documents before") })
        // Beyond ±2^40 s a time is refused with its line.
        #expect(throws: ReportCorpus.Failure.self) {
            try ReportTests.corpus(ReportTests.output().replacingOccurrences(of: "\"time\":\(ReportTests.day2 + 5)", with: "\"time\":9223372036854775807"))
        }
    }
}
