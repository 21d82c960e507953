import ArgumentParser
import StateStore

/// `logscan state ...`: the scan state store as a file.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Inspect or tidy a scan state store (scan --state FILE).",
        subcommands: [StateInfoCommand.self, StatePruneCommand.self]
    )

    static func open(_ path: String) throws -> ScanState {
        do {
            return try ScanState(path: path, create: false)
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
        let state = try StateCommand.open(store)
        do {
            let info = try state.info()
            print("""
                state store \(store) (schema \(info.schema), \(info.fileBytes) bytes on disk)
                documents: \(info.documents) (\(info.documentsWithErrors) with errors), \(info.bytes) bytes of logs covered
                patterns: \(info.patterns) fingerprints, \(info.counts) non-zero counts
                last run: \(info.lastRun ?? "none")\(info.lastRunFiles.map { ", \($0) files, \(info.lastRunFromState ?? "0") from the store" } ?? "")
                """)
        } catch {
            Terminal.printError("logscan: \(error)")
            throw ExitCode(LogScanCommand.Status.unusable)
        }
    }
}

struct StatePruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune", abstract: "Remove from a state store the documents whose files are gone.")

    @Argument(help: "The state store.")
    var store: String

    func run() throws {
        let state = try StateCommand.open(store)
        do {
            let removed = try state.prune()
            print("pruned \(removed) document\(removed == 1 ? "" : "s") whose files are gone from \(store)")
        } catch {
            Terminal.printError("logscan: \(error)")
            throw ExitCode(LogScanCommand.Status.unusable)
        }
    }
}
