import ArgumentParser
import LogScan
import StateStore

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the outputs of `scan --shard K/N` into what one scan over everything writes.",
        discussion: """
            Every shard 0 to N-1 must be given once, all scanned with the same pattern set, options \
            and version. The result has one header, the records in the single run's order and a \
            summary recomputed from them: byte for byte a single run's output but for the timing \
            (elapsed_s is the slowest shard's). Exit status: 0 merged, 1 merged but some documents \
            had errors (as a single run would say), 2 an input is unreadable, not a sharded scan \
            output, or does not fit the others (each named).
            """
    )

    @Argument(help: "Shard outputs (JSONL files written by scan --shard K/N); with --state, state stores.")
    var inputs: [String]

    @Option(help: ArgumentHelp("Merge state stores instead: copy every document of the INPUTS stores into FILE (created if missing), as if one run had scanned them all; a document two stores hold comes from the one that scanned it last.", valueName: "file"))
    var state: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the merged JSONL to FILE instead of stdout.", valueName: "file"))
    var output: String?

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("name the shard outputs to merge") }
        if state != nil, output != nil { throw ValidationError("--state merges stores; -o is for JSONL outputs") }
    }

    func run() throws {
        if let state { return try Self.mergeStores(inputs, into: state) }
        let merged: ShardMerge.Merged
        do {
            var outputs: [ScanOutput] = []
            for input in inputs { outputs.append(try ScanOutput.read(path: input)) }
            merged = try ShardMerge.merge(outputs)
        } catch let failure as ScanOutput.Failure {
            Terminal.printError("logscan: merge: \(failure)")
            throw ExitCode(LogScanCommand.Status.unusable)
        } catch {
            Terminal.printError("logscan: merge: \(error)")
            throw ExitCode(LogScanCommand.Status.unusable)
        }
        let destination = try LogScanCommand.openOutput(output)
        let sink = JSONLinesSink(output: destination.channel, patternIDs: merged.patternIDs, classify: merged.classify)
        sink.raw(merged.header + [0x0A])
        for record in merged.records { sink.raw(record + [0x0A]) }
        sink.finish(merged.summary)
        try LogScanCommand.finishOutput(destination)
        // As one run over everything would exit: 1 when some documents had errors.
        if merged.summary.errors > 0 { throw ExitCode(LogScanCommand.Status.inputErrors) }
    }

    static func mergeStores(_ sources: [String], into path: String) throws {
        do {
            let target = try ScanState(path: path, create: true)
            var total = 0
            for source in sources { total += try target.merge(from: source) }
            Terminal.printError("logscan: merged \(total) documents from \(sources.count) state stores into \(path)")
        } catch {
            Terminal.printError("logscan: merge: \(error)")
            throw ExitCode(LogScanCommand.Status.unusable)
        }
    }
}
