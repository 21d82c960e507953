import ArgumentParser
import Engine
import Input
import LogScan
import PatternSets

@main
struct LogScanCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "logscan",
        abstract: "Count, per log file, the lines matching each pattern of a labeled regex set.",
        discussion: """
            Reads plain or gzip'd logs (detected by content), strips ANSI colour codes, matches \
            every pattern with PCRE2 (JIT) and writes one JSON line per file. See README.md and \
            docs/output.md.
            """,
        version: version,
        subcommands: [ScanCommand.self, ReportCommand.self, NovelCommand.self, CheckCommand.self, BenchCommand.self, MergeCommand.self, StateCommand.self, PatternsCommand.self],
        defaultSubcommand: ScanCommand.self
    )

    /// Exit statuses, documented in README.md.
    enum Status {
        static let ok: Int32 = 0
        static let inputErrors: Int32 = 1
        static let unusable: Int32 = 2
        static let interrupted: Int32 = 130
        static let terminated: Int32 = 143
    }

    /// argument-parser exits 64 on usage errors; logscan promises 2 for "nothing scanned".
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Terminal.exit(code.rawValue)
        } catch {
            guard exitCode(for: error) != .success else { exit(withError: error) }  // --help, --version
            // The error itself is one line (a value with a line break is escaped); the usage
            // lines argument-parser adds after it stay as they are.
            let problem = message(for: error)
            let text = fullMessage(for: error).replacing(problem, with: OneLineText.escape(problem))
            Terminal.writeStderr(text.hasSuffix("\n") ? text : text + "\n")
            Terminal.exit(Status.unusable)
        }
    }

    /// Where a command writes: stdout for nil or `-`, else FILE through a temporary file renamed
    /// into place by `finishOutput`. A FILE whose directory does not take it ends the run with
    /// status 2 before anything is scanned.
    static func openOutput(_ path: String?) throws -> (channel: OutputChannel, file: OutputFile?) {
        guard let path, path != "-" else { return (OutputChannel(fd: 1, ownsDescriptor: false), nil) }
        do {
            let file = try OutputFile(path)
            return (file.channel, file)
        } catch {
            Terminal.printError("logscan: \(error.message)")
            throw ExitCode(Status.unusable)
        }
    }

    /// Writes out what is buffered and, for FILE, syncs it and renames it into place; a write that
    /// failed ends the run with status 2, naming the file and the cause (FILE is then as it was).
    static func finishOutput(_ output: (channel: OutputChannel, file: OutputFile?)) throws {
        let failure: String?
        if let file = output.file {
            failure = file.commit()
        } else {
            output.channel.flush()
            if case .writeFailed(let reason) = output.channel.failure { failure = "cannot write stdout: \(reason)" } else { failure = nil }
        }
        guard let failure else { return }
        Terminal.printError("logscan: \(failure)")
        throw ExitCode(Status.unusable)
    }

    /// Loads pattern files (or the built-in set); a set that does not load ends the run with status 2.
    /// What the readers noticed (renamed duplicate names, ignored keys) goes to stderr unless `quiet`.
    static func loadPatterns(_ paths: [String], format: PatternFileFormat? = nil, engine: MatchEngine = .auto,
                             quiet: Bool = false, maxPatterns: Int = PatternSetOptions.defaultMaxPatterns) throws -> PatternSet {
        try compilePatterns(readPatternFiles(paths, format: format, quiet: quiet, maxPatterns: maxPatterns), engine: engine,
                            quiet: quiet)
    }

    /// Reads pattern files without compiling them, so that a bad file stops a run before its inputs
    /// are walked; status 2 as in `loadPatterns`.
    static func readPatternFiles(_ paths: [String], format: PatternFileFormat? = nil, quiet: Bool = false,
                                 maxPatterns: Int = PatternSetOptions.defaultMaxPatterns) throws -> [PatternFile] {
        do {
            let files = try PatternSet.readFiles(paths: paths, format: format)
            if !quiet {
                for note in files.flatMap(\.notes) { Terminal.printError("\(note)") }
            }
            // Compiling costs time and memory per pattern (about 55 µs and 4 KB each on a 2-core
            // x86-64): a set far beyond any curated one is refused before that cost, not after.
            let count = files.reduce(0) { $0 + $1.definitions.count }
            if count > maxPatterns {
                let named = paths.isEmpty ? "the built-in set" : paths.joined(separator: ", ")
                Terminal.printError("logscan: \(named): \(count) patterns, more than --max-patterns \(maxPatterns); "
                    + "compiling them would take about \(count / 18_000 + 1) s and \(count * 4 / 1000 + 1) MB: raise --max-patterns to load them")
                throw ExitCode(Status.unusable)
            }
            return files
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.printError("logscan: \(error)")
            throw ExitCode(Status.unusable)
        }
    }

    /// Compiles what `readPatternFiles` read; `sample` as in `PatternSet.init`. A database the
    /// cache could not keep is a warning (unless `quiet`): the run goes on, the next compiles again.
    static func compilePatterns(_ files: [PatternFile], engine: MatchEngine = .auto, quiet: Bool = false,
                                sample: (() -> CalibrationSample)? = nil, inputBytes: Int? = nil) throws -> PatternSet {
        do {
            let set = try PatternSet(files: files, engine: engine, sample: sample, inputBytes: inputBytes)
            if !quiet, let problem = set.prefilter?.cacheProblem { Terminal.printError("logscan: warning: \(problem)") }
            return set
        } catch {
            Terminal.printError("logscan: \(error)")
            throw ExitCode(Status.unusable)
        }
    }
}

extension PatternFileFormat: ExpressibleByArgument {}

/// `--pattern-format` and `--engine`, shared by the commands that load pattern sets.
struct PatternSetOptions: ParsableArguments {
    @OptionGroup var patternFormat: PatternFormatOption
    var format: PatternFileFormat? { patternFormat.format }

    @Option(help: ArgumentHelp("auto: one Vectorscan pass for the whole set, PCRE2 confirming where needed; pcre2: one PCRE2 pass per pattern (the reference). Same counts.", valueName: "engine"))
    var engine: MatchEngine = .auto

    static let defaultMaxPatterns = 100_000

    @Option(name: .customLong("max-patterns"), help: ArgumentHelp(
        "Refuse pattern files holding more patterns than this, before compiling them (each costs about 55 µs and 4 KB).",
        valueName: "n"))
    var maxPatterns: Int = PatternSetOptions.defaultMaxPatterns

    /// A format applies to files named on the command line; the built-in set is YAML.
    func validate(files: [String], option: String) throws {
        if format != nil && files.isEmpty { throw ValidationError("--pattern-format applies to \(option); the built-in set is YAML") }
        if maxPatterns < 1 { throw ValidationError("--max-patterns must be at least 1") }
    }

    /// Reads and compiles `files` (or the built-in set), as `LogScanCommand.loadPatterns` does.
    func load(_ files: [String], quiet: Bool = false) throws -> PatternSet {
        try LogScanCommand.loadPatterns(files, format: format, engine: engine, quiet: quiet, maxPatterns: maxPatterns)
    }
}

/// `--pattern-format`, for every command that reads pattern files.
struct PatternFormatOption: ParsableArguments {
    @Option(name: .customLong("pattern-format"), help: ArgumentHelp(
        "Read pattern files as this format instead of detecting it from their content.",
        valueName: "format"))
    var format: PatternFileFormat?
}
