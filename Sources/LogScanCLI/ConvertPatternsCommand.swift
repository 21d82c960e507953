import ArgumentParser
import Engine
import Input
import LogScan
import PatternSets

struct ConvertPatternsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Write a pattern file of any supported format as a logscan YAML set.",
        discussion: """
            Reads a PyTorch log-classifier ruleset.toml, a JSON or YAML list of regexes, a \
            one-regex-per-line list or a logscan YAML set (format detected from the content, or \
            --pattern-format) and writes the same ids, regexes and priorities as YAML, with a \
            header comment naming the source and any notes from the import. Regexes are \
            single-quoted wherever YAML allows, so they read exactly as in the source. Exit \
            status: 0 converted, 1 converted but some patterns would not load (each reported: \
            file, line, id, PCRE2's message), 2 the input cannot be read or parsed, or the \
            output cannot be written.
            """
    )

    @Argument(help: ArgumentHelp("The pattern file to convert.", valueName: "file"))
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the YAML to FILE (- or none: stdout).", valueName: "file"))
    var output: String?

    @OptionGroup var patternFormat: PatternFormatOption

    func run() throws {
        let file: PatternFile
        do {
            file = try PatternFileParser.read(path: input, format: patternFormat.format)
        } catch {
            Terminal.printError("logscan: \(error)")
            throw ExitCode(LogScanCommand.Status.unusable)
        }
        for note in file.notes { Terminal.printError("\(note)") }

        let destinationFile = try LogScanCommand.openOutput(output)
        destinationFile.channel.write(Array(PatternSetYAMLWriter.yaml(for: file).utf8))
        try LogScanCommand.finishOutput(destinationFile)

        let problems = PatternSet.problems(file.definitions)
        for problem in problems { Terminal.printError("logscan: \(problem)") }
        let destination = output.flatMap { $0 == "-" ? nil : $0 } ?? "stdout"
        Terminal.printError("converted \(file.definitions.count) patterns (\(file.format.rawValue)) from \(input) to \(destination)"
                            + (problems.isEmpty ? "" : "; \(problems.count) would not load, see above"))
        if !problems.isEmpty { throw ExitCode(LogScanCommand.Status.inputErrors) }
    }
}
