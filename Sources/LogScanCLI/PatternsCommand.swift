import ArgumentParser
import PatternSets
import Input
import Engine
import LogScan

/// `logscan patterns ...`: tools for pattern sets as files.
struct PatternsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patterns",
        abstract: "Work with pattern files (convert other formats to logscan YAML).",
        subcommands: [ConvertPatternsCommand.self]
    )
}
