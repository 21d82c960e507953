import ArgumentParser
import Engine
import Input
import LogScan
import PatternSets

/// `logscan patterns ...`: tools for pattern sets as files.
struct PatternsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patterns",
        abstract: "Work with pattern files (convert other formats to logscan YAML).",
        subcommands: [ConvertPatternsCommand.self]
    )
}
