import ArgumentParser
import Glibc
import LogScan

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Tables, pages and monitoring series from scan outputs: top patterns, trends, new patterns.",
        discussion: """
            Reads one or more `logscan scan` JSONL outputs (- for stdin; gzip'd is fine), all of one \
            pattern set. Exit status: 0 the report was written, 2 an input could not be used (the \
            message names the file and line) or the output could not be written.
            """,
        subcommands: [TopCommand.self, TrendCommand.self, NewCommand.self],
        defaultSubcommand: TopCommand.self
    )
}

/// What every report reads and how it writes.
struct ReportOptions: ParsableArguments {
    @Argument(help: "Scan outputs (JSONL), or - for stdin (the default when stdin is not a terminal).")
    var inputs: [String] = []

    @Option(help: ArgumentHelp("table (aligned, for a terminal), csv, tsv, markdown, json, influx (InfluxDB line protocol) or prometheus (text exposition).", valueName: "format"))
    var format: ReportFormat = .table

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE instead of stdout.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Also write one self-contained HTML page (top patterns, pattern × label heatmap, trends, new patterns, summary) to FILE.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Trend buckets: day or week (ISO weeks, Monday first), in UTC.", valueName: "bucket"))
    var bucket: TimeBucket = .day

    func corpus() throws -> ReportCorpus {
        var paths = inputs
        if paths.isEmpty {
            guard !Terminal.stdinIsTerminal else { throw ValidationError("no inputs: name scan outputs, or pipe one into stdin") }
            paths = ["-"]
        }
        do {
            let corpus = try ReportCorpus.read(paths: paths)
            if corpus.replaced > 0 {
                Terminal.printError("logscan: note: \(corpus.replaced) documents were in more than one input; each counts once, as the last input has it")
            }
            return corpus
        } catch {
            Terminal.printError("logscan: report: \(error)")
            throw ExitCode(LogScanCommand.Status.unusable)
        }
    }

    /// Writes `table` in `format` (or `exported` for the monitoring formats), then the HTML page if asked.
    func write(_ table: ReportTable, exported: () throws -> String, corpus: ReportCorpus, by: String?, since: Int?) throws {
        let bytes: [UInt8]
        switch format {
        case .table:
            let color = isatty(1) == 1 && output == nil && getenv("NO_COLOR").map({ String(cString: $0).isEmpty }) ?? true
            let title = color ? "\u{1B}[1m\(table.title)\u{1B}[0m\n" : "\(table.title)\n"
            bytes = Array((title + TableRenderer.terminal(table, style: .init(width: output == nil ? Self.terminalWidth : nil, color: color))).utf8)
        case .csv: bytes = Array(TableRenderer.csv(table).utf8)
        case .tsv: bytes = Array(TableRenderer.tsv(table).utf8)
        case .markdown: bytes = Array(("### \(table.title)\n\n" + TableRenderer.markdown(table)).utf8)
        case .json: bytes = TableRenderer.json(table)
        case .influx, .prometheus: bytes = Array(try exported().utf8)
        }
        let destination = try LogScanCommand.openOutput(output)
        destination.channel.write(bytes)
        if let html {
            let page = HTMLReport(corpus: corpus, by: by, bucket: bucket, since: since).page()
            let file = try LogScanCommand.openOutput(html)
            file.channel.write(Array(page.utf8))
            try LogScanCommand.finishOutput(file)
        }
        if case .closedByReader = destination.channel.failure { return }
        try LogScanCommand.finishOutput(destination)
    }

    /// Columns of the terminal on stdout (COLUMNS overrides); nil when stdout is not a terminal.
    static var terminalWidth: Int? {
        if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 20 { return columns }
        guard isatty(1) == 1 else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 else { return nil }
        return Int(size.ws_col)
    }
}

struct TopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "Patterns by the documents they matched in, with the share of failing documents each explains.",
        discussion: """
            A document fails when any pattern matched in it or, when the set tags patterns \
            `failure`, when such a pattern matched. --format influx writes one point per pattern \
            (and --by value) at the latest document's time; prometheus one gauge sample per series.
            """)

    @OptionGroup var report: ReportOptions

    @Option(help: ArgumentHelp("Group by the value of this label (from scan --label-path; TestGrid records have dashboard and tab).", valueName: "label"))
    var by: String?

    @Option(help: ArgumentHelp("Rows per group (0: all).", valueName: "n"))
    var limit: Int = 0

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must not be negative") }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let corpus = try report.corpus()
        let top = TopReport(corpus, by: by, limit: limit)
        try report.write(top.table(patternIDs: corpus.patternIDs), exported: {
            report.format == .influx ? MonitoringExport.influx(top, corpus: corpus) : MonitoringExport.prometheus(top, corpus: corpus)
        }, corpus: corpus, by: by, since: nil)
    }
}

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Per pattern, the documents it matched in per day or week, with the change against the bucket before.",
        discussion: "Every bucket from the first document's to the last one's is listed, empty ones too. --format influx writes one point per pattern and bucket, at the bucket's start.")

    @OptionGroup var report: ReportOptions

    func validate() throws {
        if report.format == .prometheus {
            throw ValidationError("a trend has a time per value, which the Prometheus text format cannot carry: use --format influx, or `report top --format prometheus`")
        }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let corpus = try report.corpus()
        let trend = TrendReport(corpus, bucket: report.bucket)
        try report.write(trend.table(patternIDs: corpus.patternIDs), exported: { MonitoringExport.influx(trend, corpus: corpus) },
                         corpus: corpus, by: nil, since: nil)
    }
}

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Patterns that occur in the latest window and never before it, and those that stopped.",
        discussion: "The window starts at --since, or at the start of the bucket (--bucket) that holds the latest document. Scan with --examples 1 to get an example line per new pattern.")

    @OptionGroup var report: ReportOptions

    @Option(help: ArgumentHelp("Start of the window: a date (2024-07-08, UTC), an RFC 3339 time, or epoch seconds.", valueName: "time"))
    var since: String?

    func validate() throws {
        if let since, EpochTime.parse(since) == nil { throw ValidationError("--since takes a date (2024-07-08), an RFC 3339 time or epoch seconds, not \(since)") }
        if report.format == .influx || report.format == .prometheus {
            throw ValidationError("new patterns are a list, not series: use top or trend for --format \(report.format.rawValue)")
        }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let corpus = try report.corpus()
        let sinceTime = since.flatMap(EpochTime.parse)
        let novelty = NewPatternsReport(corpus, since: sinceTime, bucket: report.bucket)
        try report.write(novelty.table(patternIDs: corpus.patternIDs), exported: { "" }, corpus: corpus, by: nil, since: sinceTime)
    }
}

extension ReportFormat: ExpressibleByArgument {}
extension TimeBucket: ExpressibleByArgument {}
