import ArgumentParser
import Input

/// Which files a command reads besides the paths it is given: `--files-from`, `--include`,
/// `--exclude` (scan's inputs, and novel's targets and baselines).
struct InputSelectionOptions: ParsableArguments {
    @Option(name: .customLong("files-from"), help: ArgumentHelp("Read input paths, one per line (or NUL-separated), from FILE (- for stdin).", valueName: "file"))
    var filesFrom: String?

    @Option(help: ArgumentHelp("Only read files found in directories whose name or path matches GLOB (repeatable).", valueName: "glob"))
    var include: [String] = []

    @Option(help: ArgumentHelp("Skip files and directories found in directories whose name or path matches GLOB (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    /// `paths` as bytes, then those `--files-from` lists; a list that cannot be read ends the run
    /// with status 2, naming it.
    func arguments(_ paths: [String]) throws -> [[UInt8]] {
        var arguments = paths.map { Array($0.utf8) }
        guard let filesFrom else { return arguments }
        do {
            arguments += try PathList.read(filesFrom)
        } catch {
            Terminal.printError("logscan: --files-from \(filesFrom): \(error.message)")
            throw ExitCode(LogScanCommand.Status.unusable)
        }
        return arguments
    }

    /// Expands directories with the `--include`/`--exclude` filter; a path skipped is said on
    /// stderr unless `quiet`.
    func enumerator(quiet: Bool) -> InputEnumerator {
        InputEnumerator(filter: PathFilter(include: include, exclude: exclude)) { path, reason in
            if !quiet { Terminal.printError("logscan: skipped \(path): \(reason)") }
        }
    }
}
