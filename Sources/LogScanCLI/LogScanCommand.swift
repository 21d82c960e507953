import ArgumentParser
import LogScan

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
        subcommands: [ScanCommand.self, CheckCommand.self, BenchCommand.self],
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
            Terminal.printError(fullMessage(for: error))
            Terminal.exit(Status.unusable)
        }
    }

    /// Loads pattern files (or the built-in set); a set that does not load ends the run with status 2.
    static func loadPatterns(_ paths: [String], engine: MatchEngine = .auto) throws -> PatternSet {
        do {
            return try PatternSet.load(paths: paths, engine: engine)
        } catch {
            Terminal.printError("logscan: \(error)")
            throw ExitCode(Status.unusable)
        }
    }
}
