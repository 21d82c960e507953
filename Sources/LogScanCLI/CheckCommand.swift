import ArgumentParser
import Engine
import Input
import LogScan
import PatternSets

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compile pattern sets, run their match/nomatch examples and lint them.",
        discussion: """
            Errors: a `match` example the regex misses, a `nomatch` example it matches, an \
            example on which PCRE2 hits a limit. Warnings (file:line: warning: <id>: <message> \
            [rule]) do not change the exit status unless --strict. Rules:

            \(LintRule.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n"))

            Priority, for `shadowed`: a lower `priority:` ranks higher; patterns without one rank \
            after those with one, in file order. README.md (Linting pattern sets) explains each \
            rule. Exit status: 0 all good, 1 some examples disagree with their regex (or, with \
            --strict, some warnings), 2 a set does not load or compile.
            """
    )

    @Argument(help: "Pattern files (YAML sets, PyTorch ruleset.toml, JSON/YAML regex lists, one regex per line). Default: the built-in ci-failures set.")
    var files: [String] = []

    @OptionGroup var patternSet: PatternSetOptions

    @Flag(name: .shortAndLong, help: "List every pattern with how it will run, and why.")
    var verbose = false

    @Flag(help: "Fail (exit status 1) on lint warnings too.")
    var strict = false

    func validate() throws { try patternSet.validate(files: files, option: "pattern files") }

    func run() throws {
        let patterns = try patternSet.load(files)
        if verbose {
            for pattern in patterns.patterns {
                let jit = pattern.isJITCompiled ? "PCRE2 JIT" : "PCRE2 interpreter"
                print("\(pattern.id)\t\(pattern.strategy); \(jit)\t\(pattern.definition.location)")
            }
            var byRoute: [String: Int] = [:]
            for pattern in patterns.patterns { byRoute[pattern.route.label, default: 0] += 1 }
            let routes = ["exact", "prefilter+confirm", "PCRE2 only"].compactMap { label in byRoute[label].map { "\($0) \(label)" } }
            print(String(format: "engine %@: %@; compiled in %.3f s%@; Vectorscan scans with %@", patternSet.engine.rawValue,
                         routes.joined(separator: ", "), patterns.compileSeconds,
                         patterns.vectorscanFromCache ? " (Vectorscan database from the cache)" : "", PatternSet.vectorscanEntryName))
        }
        let (checked, failures) = ExampleChecker(patterns: patterns).check()
        for failure in failures { Terminal.printError("logscan: \(failure)") }
        let warnings = PatternLinter(patterns: patterns).warnings()
        for warning in warnings { Terminal.printError("\(warning)") }
        let withoutExamples = patterns.patterns.filter {
            $0.definition.matchExamples.isEmpty && $0.definition.nomatchExamples.isEmpty
        }.count
        var notes = ""
        if withoutExamples > 0 { notes += ", \(withoutExamples) without examples" }
        if !warnings.isEmpty { notes += ", \(warnings.count) warning\(warnings.count == 1 ? "" : "s")" }
        let verdict: String
        if !failures.isEmpty {
            verdict = "FAILED (\(failures.count) of \(checked) examples disagree)"
        } else if strict && !warnings.isEmpty {
            verdict = "FAILED (warnings, --strict)"
        } else {
            verdict = "ok"
        }
        print("\(verdict): \(patterns.count) patterns from \(patterns.sources.joined(separator: ", ")), \(checked) examples checked\(notes)")
        if verdict != "ok" { throw ExitCode(LogScanCommand.Status.inputErrors) }
    }
}
