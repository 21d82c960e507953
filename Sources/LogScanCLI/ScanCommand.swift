import ArgumentParser
import Dispatch
import Engine
import Glibc
import Input
import LogScan
import StateStore
import PatternSets

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Count matching lines per pattern in every input; write JSONL.",
        discussion: """
            Inputs are files, directories (walked recursively in sorted order) and `-` for stdin; \
            with none, stdin is read. gzip is recognised by content. Exit status: 0 every input \
            read, 1 some inputs had errors (each has its record), 2 nothing scanned (usage, \
            patterns, output file), 130/143 stopped by SIGINT/SIGTERM after writing the summary.
            """
    )

    @Argument(help: "Files, directories, or - for stdin.")
    var paths: [String] = []

    @Option(name: [.short, .customLong("patterns")], help: ArgumentHelp("Pattern file (repeatable): a logscan YAML set, a PyTorch ruleset.toml, a JSON or YAML list of regexes, or one regex per line (format detected from the content). Default: built-in ci-failures set.", valueName: "file"))
    var patternFiles: [String] = []

    @OptionGroup var patternSet: PatternSetOptions

    @OptionGroup var inputSelection: InputSelectionOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Write JSONL to FILE instead of stdout.", valueName: "file"))
    var output: String?

    @Option(name: [.customShort("j", allowingJoined: true), .long], help: ArgumentHelp("Parallel workers (default: active cores); -j2 works too.", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("Quote the first N matching lines per pattern and file.", valueName: "n"))
    var examples: Int = 0

    @OptionGroup var linePreparation: LinePreparationOptions

    @Option(name: .customLong("max-line-bytes"), help: ArgumentHelp("The longest line read whole (default 128 MiB): a longer line is matched by its first N bytes, the rest read past, and counted under long_lines. Bounds memory whatever the input.", valueName: "n"))
    var maxLineBytes: Int = ScanOptions.defaultMaxLineBytes

    @Option(name: .customLong("match-limit"), help: ArgumentHelp("PCRE2 match limit per line; lines over it count as limit_hits.", valueName: "n"))
    var matchLimit: UInt32 = 10_000_000

    @Option(name: .customLong("depth-limit"), help: ArgumentHelp("PCRE2 depth limit per line (interpreter only).", valueName: "n"))
    var depthLimit: UInt32 = 10_000_000

    @Option(help: ArgumentHelp("gzip decoder: isal (ISA-L igzip, faster) or zlib (the reference). Same bytes; a damaged file is always re-read with zlib.", valueName: "inflater"))
    var inflater: Inflater = .isal

    @Option(help: ArgumentHelp("auto: TestGrid JSON (a table, or a {dashboard: {tab: table}} dump; plain or gzip'd) is recognised by content and each tab is a record whose lines are test names and failure messages; off: read it as plain text.", valueName: "mode"))
    var testgrid: TestGridMode = .auto

    @Flag(help: "Add to each log's record the pattern that explains it: the highest-priority pattern that matched, at its last matching line, with its capture groups (as PyTorch's log classifier does); the summary counts files per winning pattern.")
    var classify = false

    @Option(help: ArgumentHelp("Classification precedence. field: `priority` values (1 highest) first, then file order; order: file order only.", valueName: "from"))
    var priority: PriorityMode = .field

    @Option(name: .customLong("classify-skip"), help: ArgumentHelp("With --classify: lines matching REGEX never become a classification (they still count); repeatable. For CI-wrapper boilerplate such as '^##\\[error\\]Process completed with exit code'.", valueName: "regex"))
    var classifySkip: [String] = []


    @Option(help: ArgumentHelp("Scan only shard K of N (K from 0 to N-1): the documents whose path, relative to the directory argument it was found under (a path named directly: as written), hashes to K. Every document is in exactly one shard; `logscan merge` puts the outputs together as one run's.", valueName: "K/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Remember what was scanned in this SQLite file (created if missing): later runs read only new or changed files, and scan known ones only for the patterns they were not scanned for. Records that come from the store say \"from_state\":true.", valueName: "file"))
    var state: String?

    @Flag(help: "With --state: a file is unchanged when its size and a SHA-256 of its content match (as rsync -c), rather than its size and modification time.")
    var checksum = false

    @Flag(name: .customLong("only-changed"), help: "With --state: write records only for the documents this run scanned, not those taken from the store.")
    var onlyChanged = false

    @Option(name: .customLong("label-path"), help: ArgumentHelp("Label each record from its path: a regex with named groups, as in 'logs/(?<job>[^/]+)/(?<build>\\d+)/', adds \"labels\":{\"job\":…,\"build\":…}. Repeatable; the first regex that matches wins; no match, no labels. TestGrid records get dashboard and tab labels of their own.", valueName: "regex"))
    var labelPaths: [String] = []

    @Option(name: .customLong("time-from"), help: ArgumentHelp("Each record's \"time\" (epoch seconds): mtime (the file's modification time), label:NAME (a label holding epoch seconds, epoch ms or RFC 3339), or prow (the timestamp of finished.json, else started.json, beside the log). Falls back to mtime with a note.", valueName: "source"))
    var timeFrom: String = "mtime"

    @Option(help: ArgumentHelp("jsonl (records as in docs/output.md) or influx (InfluxDB line protocol: one point per document and matching pattern).", valueName: "format"))
    var format: ScanFormat = .jsonl

    @Option(help: ArgumentHelp("Rows in the closing table on stderr.", valueName: "n"))
    var top: Int = 10

    @Flag(name: .shortAndLong, help: "Nothing on stderr but errors.")
    var quiet = false

    func validate() throws {
        try patternSet.validate(files: patternFiles, option: "-p files")
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if examples < 0 { throw ValidationError("--examples must not be negative") }
        if !classifySkip.isEmpty && !classify { throw ValidationError("--classify-skip needs --classify") }
        if matchLimit < 1 { throw ValidationError("--match-limit must be at least 1") }
        if maxLineBytes < 4096 { throw ValidationError("--max-line-bytes must be at least 4096") }
        if state == nil, checksum || onlyChanged { throw ValidationError("--checksum and --only-changed need --state") }
        if TimeSource(argument: timeFrom) == nil { throw ValidationError("--time-from takes mtime, prow or label:NAME, not \(timeFrom)") }
        if case .label(let name) = TimeSource(argument: timeFrom), !labelPaths.contains(where: { $0.contains("<\(name)>") }) {
            throw ValidationError("--time-from label:\(name) needs a --label-path regex with a group named \(name)")
        }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes K/N with N at least 1 and K from 0 to N-1, not \(shard)") }
        if paths.filter({ $0 == "-" }).count + (inputSelection.filesFrom == "-" ? 1 : 0) > 1 {
            throw ValidationError("stdin can be used only once (as an input or as --files-from -)")
        }
    }

    private func classification(_ patterns: PatternSet) throws -> ClassificationRules? {
        guard classify else { return nil }
        do {
            return try ClassificationRules(ranks: patterns.classificationRanks(fileOrderOnly: priority == .order), skipLines: classifySkip)
        } catch {
            Terminal.printError("logscan: \(error)")
            throw ExitCode(LogScanCommand.Status.unusable)
        }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let patternSources = try LogScanCommand.readPatternFiles(patternFiles, format: patternSet.format, quiet: quiet,
                                                                  maxPatterns: patternSet.maxPatterns)

        var arguments = try inputSelection.arguments(paths)
        if inputSelection.filesFrom == nil, paths.isEmpty {
            guard !Terminal.stdinIsTerminal else {
                throw ValidationError("no inputs: name files or directories, or pipe a log into stdin")
            }
            arguments = [Array("-".utf8)]
        }

        let quiet = self.quiet
        var enumerator = inputSelection.enumerator(quiet: quiet)
        let items = Self.inputs(arguments, enumerator: &enumerator, shard: shard.flatMap(Shard.init))
        // A large set reads a few MB of these inputs to pick the literals it searches.
        let patterns = try LogScanCommand.compilePatterns(patternSources, engine: patternSet.engine, quiet: quiet,
                                                          sample: { CalibrationSample.read(items: items) },
                                                          inputBytes: CalibrationSample.inputBytes(items: items))

        let preparation = linePreparation.resolve(patterns.linePreparation)

        let options = ScanOptions(
            jobs: jobs ?? ProcessInfoLite.activeCores, keepANSI: preparation.keepANSI, exampleLimit: examples,
            limits: MatchLimits(matchLimit: matchLimit, depthLimit: depthLimit), inflater: inflater,
            testGrid: testgrid == .auto,
            classification: try classification(patterns),
            stripTimestamps: preparation.stripTimestamps,
            shard: shard.flatMap(Shard.init), maxLineBytes: maxLineBytes)
        let annotator = try annotator()
        let store = try state.map { path in try Self.openState(path, items: items, patterns: patterns, options: options, settings: self) }
        // Opened once nothing else can stop the run before its scan: FILE is replaced only by a run.
        let destination = try LogScanCommand.openOutput(output)
        let control = ScanControl()
        let signals = SignalWatcher(control: control)
        let sink: DocumentSink
        switch format {
        case .jsonl:
            let lines = JSONLinesSink(output: destination.channel, patterns: patterns, classify: classify)
            lines.labelPaths = labelPaths
            lines.timeFrom = TimeSource(argument: timeFrom)
            sink = lines
        case .influx:
            sink = InfluxLinesSink(output: destination.channel, patternIDs: patterns.patterns.map(\.id))
        }
        sink.begin(version: LogScanCommand.version, options: options)

        let progress = (!quiet && Terminal.stderrIsTerminal) ? ProgressLine(control: control, totalItems: items.count) : nil
        progress?.start()
        let runner = ScanRunner(patterns: patterns, options: options, control: control)
        let emitter = RecordEmitter(sink: sink, annotator: annotator, control: control, progress: progress)
        var summary = runner.run(items, planner: store) { result in emitter.emit(result) }
        progress?.stop()
        let stateProblems = Self.finishState(store, summary: summary, quiet: quiet)
        summary.skipped = enumerator.skipped

        sink.finish(summary)
        signals.cancel()
        if summary.stopReason != .outputClosed { try LogScanCommand.finishOutput(destination) }
        if summary.stopReason == .outputClosed { throw ExitCode(LogScanCommand.Status.ok) }
        if !quiet {
            Terminal.writeStderr(SummaryTable.render(summary, patterns: patterns, top: top))
        }
        if summary.stopReason == .interrupted {
            throw ExitCode(signals.lastSignal == SIGTERM ? LogScanCommand.Status.terminated : LogScanCommand.Status.interrupted)
        }
        throw ExitCode(summary.errors > 0 || stateProblems ? LogScanCommand.Status.inputErrors : LogScanCommand.Status.ok)
    }
}

extension ScanCommand {
    /// Labels and time for each record; a `--label-path` regex that does not compile stops the run (status 2).
    func annotator() throws -> DocumentAnnotator {
        let quiet = self.quiet
        do {
            return DocumentAnnotator(labeler: labelPaths.isEmpty ? nil : try PathLabeler(regexes: labelPaths),
                                     timeSource: TimeSource(argument: timeFrom) ?? .mtime) { note in
                if !quiet { Terminal.printError("logscan: note: \(note)") }
            }
        } catch {
            Terminal.printError("logscan: \(error)")
            throw ExitCode(LogScanCommand.Status.unusable)
        }
    }

    /// Opens the state store and plans the run from it; a store that cannot be used stops the run (status 2).
    static func openState(_ path: String, items: [InputItem], patterns: PatternSet, options: ScanOptions,
                          settings: ScanCommand) throws -> StatePlanner {
        do {
            let state = try ScanState(path: path, create: true)
            // A classification depends on the whole set, its precedence and the skip lines.
            let classificationKey = settings.classify ? ([patterns.fingerprint, settings.priority.rawValue] + settings.classifySkip)
                .joined(separator: "\u{0}") : nil
            return try StatePlanner(state: state, items: items, patterns: patterns, settings: StatePlanner.Settings(
                keepANSI: options.keepANSI, stripTimestamps: options.stripTimestamps, limits: options.limits,
                checksum: settings.checksum, onlyChanged: settings.onlyChanged, examplesLimit: options.exampleLimit,
                classificationKey: classificationKey))
        } catch {
            Terminal.printError("logscan: \(error)")
            throw ExitCode(LogScanCommand.Status.unusable)
        }
    }

    /// Commits the store's last batch and says what it gave; true when the store failed somewhere
    /// (the JSONL is still complete: only the next run reads more).
    static func finishState(_ planner: StatePlanner?, summary: ScanSummary, quiet: Bool) -> Bool {
        guard let planner else { return false }
        var problems = StateFailures.shared.all
        do {
            try planner.finish(summaryFiles: summary.files)
        } catch {
            problems.append("\(error)")
        }
        for problem in problems { Terminal.printError("logscan: \(problem)") }
        if !quiet {
            Terminal.printError("logscan: state: \(planner.documentsFromState) documents from the store, \(planner.documentsScanned) scanned")
        }
        return !problems.isEmpty
    }

    /// The documents to scan: every input, or with `shard` only its own, each numbered by its place
    /// among all of them.
    static func inputs(_ arguments: [[UInt8]], enumerator: inout InputEnumerator, shard: Shard?) -> [InputItem] {
        guard let shard else { return enumerator.expand(paths: arguments) }
        var items: [InputItem] = []
        var sequence = 0
        for argument in arguments {
            for var item in enumerator.expand(paths: [argument]) {
                defer { sequence += 1 }
                let path: [UInt8]
                switch item.location {
                case .standardInput: path = Array("-".utf8)
                case .file(let text): path = Array(text.utf8)
                case .rawFile(let bytes): path = bytes
                }
                guard shard.contains(key: Shard.key(path: path, argument: argument)) else { continue }
                item.sequence = sequence
                items.append(item)
            }
        }
        return items
    }
}

/// Writes records as they come in order, reports errors on stderr, and stops the scan when the
/// reader of stdout has gone away.
final class RecordEmitter: Sendable {
    // Only called under the runner's reorder lock, so never concurrently.
    nonisolated(unsafe) private let sink: DocumentSink
    nonisolated(unsafe) private let annotator: DocumentAnnotator
    private let control: ScanControl
    private let progress: ProgressLine?

    init(sink: DocumentSink, annotator: DocumentAnnotator, control: ScanControl, progress: ProgressLine?) {
        self.sink = sink
        self.annotator = annotator
        self.control = control
        self.progress = progress
    }

    func emit(_ result: DocumentResult) {
        var result = result
        annotator.annotate(&result)
        if let error = result.error, error.kind != .interrupted {
            progress?.clear()
            Terminal.printError("logscan: \(result.location.displayPath): \(error.kind.rawValue): \(error.message)")
        }
        sink.record(result)
        if case .closedByReader = sink.failure { control.stop(.outputClosed) }
    }
}

enum ProcessInfoLite {
    static var activeCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

enum ScanFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, influx
}

enum TestGridMode: String, ExpressibleByArgument, CaseIterable {
    case auto, off
}

enum PriorityMode: String, ExpressibleByArgument, CaseIterable {
    case field, order
}

extension MatchEngine: ExpressibleByArgument {}
extension Inflater: ExpressibleByArgument {}
