import ArgumentParser
import Engine
import Glibc
import Input
import LogScan
import PatternSets

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure each pattern of a set, alone and together, on a corpus held in memory.",
        discussion: """
            Reads the corpus (or its first --sample MB) once, decompressed and cleaned, then times \
            the whole set in one pass and every pattern alone, medians of --runs. Prints patterns \
            by cost (time alone), with flags: slow (alone, over 10x the median pattern's time), \
            no-literal (no literal of 3+ bytes every match must contain), limit-hits, never-matched. \
            --json writes the same as JSONL. Exit status: 0, or 2 when the set or the corpus is unusable.
            """
    )

    @Argument(help: "Corpus files or directories (as for scan).")
    var paths: [String] = []

    @Option(name: [.short, .customLong("patterns")], help: ArgumentHelp("Pattern file (repeatable). Default: the built-in set.", valueName: "file"))
    var patternFiles: [String] = []

    @OptionGroup var patternSet: PatternSetOptions

    @Option(help: ArgumentHelp("Load only the first MB megabytes (uncompressed) of the corpus.", valueName: "MB"))
    var sample: Double?

    @Option(help: ArgumentHelp("Timed runs per measurement; the median is reported.", valueName: "n"))
    var runs: Int = 3

    @Option(help: ArgumentHelp("Also write the results as JSONL to FILE (- for stdout, replacing the table).", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Rows of the table (default: all).", valueName: "n"))
    var top: Int?

    @OptionGroup var linePreparation: LinePreparationOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name the corpus: files or directories to load") }
        try patternSet.validate(files: patternFiles, option: "-p files")
        if runs < 1 { throw ValidationError("--runs must be at least 1") }
        if let sample, sample <= 0 { throw ValidationError("--sample must be positive") }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let loaded = try patternSet.load(patternFiles)
        var enumerator = InputEnumerator(filter: PathFilter()) { path, reason in
            Terminal.printError("logscan: skipped \(path): \(reason)")
        }
        let items = enumerator.expand(paths: paths.map { Array($0.utf8) })
        let preparation = linePreparation.resolve(loaded.linePreparation)
        let corpus = BenchCorpus(items: items, sampleBytes: sample.map { Int($0 * 1_000_000) }, keepANSI: preparation.keepANSI,
                                 stripTimestamps: preparation.stripTimestamps)
        for problem in corpus.problems {
            Terminal.printError("logscan: \(problem.path): \(problem.error.kind.rawValue): \(problem.error.message)")
        }
        guard corpus.bytes > 0 else {
            Terminal.printError("logscan: bench: the corpus is empty")
            throw ExitCode(LogScanCommand.Status.unusable)
        }
        Terminal.printError("logscan: bench: \(corpus.documents) documents, \(Self.fixed(Double(corpus.bytes) / 1e6)) MB in memory; \(runs) runs per measurement")
        let report: PatternBench.Report
        do {
            report = try PatternBench.run(definitions: loaded.patterns.map(\.definition), sources: loaded.sources,
                                          corpus: corpus, engine: patternSet.engine, runs: runs) { Terminal.printError("logscan: bench: \($0)") }
        } catch {
            Terminal.printError("logscan: \(error)")
            throw ExitCode(LogScanCommand.Status.unusable)
        }
        if let json {
            let output = try LogScanCommand.openOutput(json)
            output.channel.write(report.jsonLines())
            try LogScanCommand.finishOutput(output)
            if json == "-" { return }
        }
        print(Self.table(report, top: top), terminator: "")
    }

    static func table(_ report: PatternBench.Report, top: Int?) -> String {
        let aloneSum = report.patterns.map(\.aloneSeconds).reduce(0, +)
        var text = "engine \(report.engine.rawValue): \(report.patterns.count) patterns compiled in \(fixed(report.compileSeconds, 3)) s\n"
        text += "whole set, one pass: \(fixed(report.setSeconds * 1000)) ms median (\(fixed(report.megabytesPerSecond(report.setSeconds))) MB/s)"
        text += "; patterns alone, summed: \(fixed(aloneSum * 1000)) ms\n"
        let header = ["rank", "ms alone", "MB/s", "share", "lines", "candidates", "route", "flags", "pattern"]
        var rows: [[String]] = []
        for (rank, pattern) in report.patterns.prefix(top ?? report.patterns.count).enumerated() {
            rows.append([String(rank + 1), fixed(pattern.aloneSeconds * 1000, 2), fixed(report.megabytesPerSecond(pattern.aloneSeconds)),
                         fixed(pattern.share * 100) + "%", String(pattern.lines), pattern.candidates.map(String.init) ?? "-",
                         pattern.route, pattern.flags.joined(separator: ","), pattern.id])
        }
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index >= cells.count - 3 ? cell.padding(toLength: index == cells.count - 1 ? cell.count : widths[index], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - cell.count) + cell
            }.joined(separator: "  ") + "\n"
        }
        text += line(header)
        for row in rows { text += line(row) }
        if let top, report.patterns.count > top { text += "… \(report.patterns.count - top) more (--json has all)\n" }
        var flagged: [String: Int] = [:]
        for pattern in report.patterns { for flag in pattern.flags { flagged[flag, default: 0] += 1 } }
        if !flagged.isEmpty {
            text += "flagged: " + flagged.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + "\n"
        }
        return text
    }

    static func fixed(_ value: Double, _ places: Int = 1) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        guard places > 0 else { return String(scaled) }
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        return "\(whole).\(String(repeating: "0", count: max(0, places - fraction.count)))\(fraction)"
    }
}
