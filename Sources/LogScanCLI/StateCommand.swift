import ArgumentParser
import StateStore

/// `logscan state ...`: the scan state store as a file.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Inspect or tidy a scan state store (scan --state FILE).",
        subcommands: [StateInfoCommand.self, StatePruneCommand.self]
    )

    /// Opens the store at `path` (it must exist) and runs `body` on it; a store that cannot be
    /// used or read ends the command with status 2.
    static func with(_ path: String, _ body: (ScanState) throws(ScanState.Failure) -> Void) throws {
        do {
            try body(try ScanState(path: path, create: false))
        } catch {
            Terminal.printError("logscan: \(error)")
            throw ExitCode(LogScanCommand.Status.unusable)
        }
    }
}

struct StateInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Documents, patterns, bytes covered and the last run of a state store.")

    @Argument(help: "The state store.")
    var store: String

    func run() throws {
        try StateCommand.with(store) { (state: ScanState) throws(ScanState.Failure) in
            let info = try state.info()
            print("""
                state store \(store) (schema \(info.schema), \(info.fileBytes) bytes on disk)
                documents: \(info.documents) (\(info.documentsWithErrors) with errors), \(info.bytes) bytes of logs covered
                patterns: \(info.patterns) fingerprints, \(info.counts) non-zero counts
                last run: \(info.lastRun ?? "none")\(info.lastRunFiles.map { ", \($0) files, \(info.lastRunFromState ?? "0") from the store" } ?? "")
                """)
        }
    }
}

struct StatePruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune", abstract: "Remove from a state store the documents whose files are gone.")

    @Argument(help: "The state store.")
    var store: String

    func run() throws {
        try StateCommand.with(store) { (state: ScanState) throws(ScanState.Failure) in
            let removed = try state.prune()
            print("pruned \(removed) document\(removed == 1 ? "" : "s") whose files are gone from \(store)")
        }
    }
}
