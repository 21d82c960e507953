import ArgumentParser
import Engine
import Glibc
import Input
import LogScan
import PatternSets

struct NovelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "novel",
        abstract: "The lines of failing logs whose template no baseline (passing) log has, ranked; and patterns for them.",
        discussion: """
            A template is a line as a terminal shows it, without runner prefixes, with variable parts \
            masked (--list-masks). Baselines are logs, directories of logs, or files written by \
            --save-baseline (recognised by content); several are merged. Output: JSONL (novel, file, \
            template records, a summary; the default when stdout is not a terminal), a terminal view \
            grouped by template (--format text), or with --suggest a logscan YAML set. Exit status: 0 \
            every input read, 1 some inputs had errors (each named on stderr and in its record), 2 \
            nothing done (usage, baseline, patterns, output).
            """)

    @Argument(help: "Target logs and directories (the failing builds), or - for stdin.")
    var paths: [String] = []

    @Option(name: .customLong("baseline"), help: ArgumentHelp("Passing logs, directories of them, or a saved baseline file (repeatable).", valueName: "path"))
    var baselines: [String] = []

    @Option(name: .customLong("save-baseline"), help: ArgumentHelp("Write the baseline's templates to FILE (8 bytes each), for later --baseline FILE; with saved baselines among --baseline, the union (a baseline updated with new passing logs).", valueName: "file"))
    var saveBaseline: String?

    @OptionGroup var inputSelection: InputSelectionOptions

    @Option(name: [.customShort("j", allowingJoined: true), .long], help: ArgumentHelp("Parallel workers (default: active cores).", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("Blocks reported per document, best ranked first (0: all).", valueName: "n"))
    var top: Int = 0

    @Option(help: ArgumentHelp("jsonl or text (grouped by template, with context). Default: text on a terminal, else jsonl.", valueName: "format"))
    var format: NovelFormat?

    @Option(name: [.short, .customLong("patterns")], help: ArgumentHelp("Pattern file whose matches rank a line as an error (repeatable; default: the built-in set).", valueName: "file"))
    var patternFiles: [String] = []

    @Flag(help: "Write the most widespread novel templates as a logscan YAML pattern set (for logscan check, then -p).")
    var suggest = false

    @Option(name: .customLong("suggest-limit"), help: ArgumentHelp("Patterns --suggest writes at most.", valueName: "n"))
    var suggestLimit: Int = 10

    @Option(name: .customLong("no-mask"), help: ArgumentHelp("Turn a built-in mask off (repeatable; see --list-masks).", valueName: "name"))
    var noMask: [String] = []

    @Option(name: .customLong("mask"), help: ArgumentHelp("An extra mask, NAME=REGEX (PCRE2), applied before the built-in ones: each match becomes <NAME> (repeatable).", valueName: "name=regex"))
    var masks: [String] = []

    @Flag(name: .customLong("list-masks"), help: "Print the masks a template applies, in order, and exit.")
    var listMasks = false

    @Option(help: ArgumentHelp("auto: TestGrid JSON is read per tab (a document each, `doc`), its lines the test names and failure messages scan matches; off: read as text.", valueName: "mode"))
    var testgrid: TestGridMode = .auto

    @Option(help: ArgumentHelp("gzip decoder: isal or zlib (same bytes).", valueName: "inflater"))
    var inflater: Inflater = .isal

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE instead of stdout.", valueName: "file"))
    var output: String?

    @Flag(name: .shortAndLong, help: "Nothing on stderr but errors.")
    var quiet = false

    func validate() throws {
        if listMasks { return }
        if baselines.isEmpty { throw ValidationError("--baseline is required: passing logs, a directory of them, or a saved baseline") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if top < 0 || suggestLimit < 1 { throw ValidationError("--top must not be negative and --suggest-limit must be at least 1") }
        for name in noMask where MaskRule(rawValue: name) == nil {
            throw ValidationError("--no-mask \(name): no such mask; --list-masks lists them")
        }
        for mask in masks where !mask.contains("=") || mask.hasPrefix("=") {
            throw ValidationError("--mask takes NAME=REGEX, not \(mask)")
        }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        if listMasks {
            print("Before the rules, escape sequences and Buildkite markers are removed, and a progress line is read after its last carriage return.")
            for rule in MaskRule.allCases { print("\(rule.rawValue.padding(14)) \(rule.summary)") }
            return
        }
        let started = monotonicSeconds()
        var options = NoveltyOptions()
        options.jobs = jobs ?? ProcessInfoLite.activeCores
        options.inflater = inflater
        options.top = top
        options.disabledMasks = Set(noMask.compactMap(MaskRule.init(rawValue:)))
        options.customMasks = try customMasks()
        let patternSet = try LogScanCommand.loadPatterns(patternFiles, quiet: true)
        let scorer = NoveltyScorer(patterns: patternSet.patterns.map { ($0.id, $0.lineRegex) })
        options.testGridPatterns = testgrid == .auto ? patternSet : nil

        let quiet = self.quiet
        var enumerator = inputSelection.enumerator(quiet: quiet)
        var baseline = TemplateBaseline()
        var logs: [InputItem] = []
        for path in baselines {
            if let saved = try Self.savedBaseline(path) {
                baseline.formUnion(saved.hashes)
            } else {
                logs += enumerator.expand(paths: [Array(path.utf8)])
            }
        }
        var read = NoveltyScanner.templates(of: logs, options: options)
        baseline.formUnion(consuming: &read.hashes)
        var failures = read.errors.count
        for (location, error) in read.errors { Terminal.printError("logscan: baseline \(location.displayPath): \(error.kind.rawValue): \(error.message)") }
        if !quiet {
            Terminal.printError("logscan: baseline: \(baseline.count) templates from \(read.files) logs (\(read.lines) lines)\(logs.count < baselines.count ? " and saved baselines" : "")")
        }
        guard baseline.count > 0 else {
            Terminal.printError("logscan: the baseline has no templates (\(read.files) logs read, \(read.errors.count) could not be): nothing to compare with")
            throw ExitCode(LogScanCommand.Status.unusable)
        }
        if let saveBaseline {
            let file = try LogScanCommand.openOutput(saveBaseline)
            file.channel.write(baseline.bytes())
            try LogScanCommand.finishOutput(file)
        }

        var arguments = try inputSelection.arguments(paths)
        if arguments.isEmpty {
            guard saveBaseline == nil else { throw ExitCode(failures > 0 ? LogScanCommand.Status.inputErrors : LogScanCommand.Status.ok) }
            guard !Terminal.stdinIsTerminal else { throw ValidationError("no targets: name failing logs or directories, or pipe one into stdin") }
            arguments = [Array("-".utf8)]
        }
        let targets = enumerator.expand(paths: arguments)
        let documents = NoveltyScanner.novelties(in: targets, baseline: baseline, scorer: scorer, options: options)
        for document in documents {
            guard let error = document.error else { continue }
            failures += 1
            Terminal.printError("logscan: \(document.location.displayPath): \(error.kind.rawValue): \(error.message)")
        }
        let templates = TemplateSummary.collect(documents)
        let destination = try LogScanCommand.openOutput(output)
        if suggest {
            let suggestion = PatternSuggester.suggest(templates, documents: documents, limit: suggestLimit, custom: options.customMasks.map(\.name))
            destination.channel.write(Array(suggestion.yaml.utf8))
            if !quiet { Terminal.printError("logscan: \(suggestion.count) suggested patterns from \(templates.count) novel templates; check them with logscan check") }
        } else if (format ?? (isatty(1) == 1 && output == nil ? .text : .jsonl)) == .text {
            let color = isatty(1) == 1 && output == nil && getenv("NO_COLOR").map({ String(cString: $0).isEmpty }) ?? true
            destination.channel.write(Array(NoveltyReport.terminal(documents, templates: templates, groups: top > 0 ? top : 20, color: color).utf8))
        } else {
            let totals = NoveltyReport.Totals(baselineFiles: read.files, baselineTemplates: baseline.count,
                                              elapsedSeconds: monotonicSeconds() - started)
            destination.channel.write(NoveltyReport.jsonLines(documents, templates: templates, totals: totals, version: LogScanCommand.version,
                                                              masks: MaskRule.allCases.filter { !options.disabledMasks.contains($0) }.map(\.rawValue)
                                                                + options.customMasks.map(\.name)))
        }
        if case .closedByReader = destination.channel.failure { return }
        try LogScanCommand.finishOutput(destination)
        if failures > 0 { throw ExitCode(LogScanCommand.Status.inputErrors) }
    }

    private func customMasks() throws -> [LineTemplater.CustomMask] {
        try masks.map { mask in
            let name = String(mask.prefix { $0 != "=" })
            let source = String(mask.drop { $0 != "=" }.dropFirst())
            do {
                return LineTemplater.CustomMask(name: name, regex: try PCRE2Regex(pattern: source, multiline: false))
            } catch {
                Terminal.printError("logscan: --mask \(name): \(error)")
                throw ExitCode(LogScanCommand.Status.unusable)
            }
        }
    }

    /// The baseline saved in `path`, or nil when `path` is not such a file (logs, a directory).
    static func savedBaseline(_ path: String) throws -> TemplateBaseline? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        var prefix = [UInt8](repeating: 0, count: TemplateBaseline.magic.count)
        let isFile = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        let count = isFile ? read(fd, &prefix, prefix.count) : 0
        close(fd)
        guard count == prefix.count, TemplateBaseline.isBaselineFile(prefix) else { return nil }
        do {
            return try TemplateBaseline.read(try InputFiles.readAll(.file(path)), path: path)
        } catch {
            Terminal.printError("logscan: baseline \(error)")
            throw ExitCode(LogScanCommand.Status.unusable)
        }
    }
}

enum NovelFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, text
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
