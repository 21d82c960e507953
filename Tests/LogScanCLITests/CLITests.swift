import Foundation
import Testing

/// Runs the real `logscan` executable as a process, with real files, pipes and signals.
@Suite struct CLITests {
    static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built binary sits beside the test bundle (`swift build --build-tests` builds both).
    static let binary: String = {
        if let override = ProcessInfo.processInfo.environment["LOGSCAN_BIN"] { return override }
        let testExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return testExecutable.deletingLastPathComponent().appendingPathComponent("logscan").path
    }()

    /// Set by `make test-tsan` and `make test-asan`: a sanitizer's shadow memory and quarantine
    /// make a process's peak RSS say nothing about logscan's own, so RSS bounds are not checked.
    static let underSanitizer = ProcessInfo.processInfo.environment["LOGSCAN_SANITIZER"] != nil

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [[String: Any]] {
            stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("logscan-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `environment`: added to this process's environment.
    static func logscan(_ arguments: [String], stdin: String? = nil, currentDirectory: URL? = nil,
                        environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = currentDirectory ?? projectRoot
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out"), err = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        if let stdin {
            let input = scratch.appendingPathComponent("in")
            try Data(stdin.utf8).write(to: input)
            process.standardInput = try FileHandle(forReadingFrom: input)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// A small tree of logs, one of them gzip'd and one broken.
    static func sampleTree() throws -> URL {
        let root = try temporaryDirectory()
        try Data("step 1\nOOMKilled\n--- FAIL: TestA (0.1s)\n".utf8).write(to: root.appendingPathComponent("a.log"))
        try Data("fine\nno space left on device\n".utf8).write(to: root.appendingPathComponent("b.log"))
        try Data([0x1F, 0x8B, 0x08, 0x00, 0x00]).write(to: root.appendingPathComponent("c.log.gz"))
        return root
    }

    @Test func scanWritesHeaderRecordsAndSummaryAndTableOnStderr() throws {
        let root = try Self.sampleTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Self.logscan(["scan", root.path, "--examples", "1"])
        #expect(result.status == 1, "one input is a truncated gzip: \(result.stderr)")
        let lines = result.lines
        #expect(lines.map { $0["type"] as? String } == ["header", "file", "file", "file", "summary"])
        #expect((lines[1]["path"] as? String)?.hasSuffix("/a.log") == true)
        #expect((lines[1]["counts"] as? [String: Int])?.isEmpty == false)
        #expect(lines[1]["examples"] != nil)
        #expect((lines[3]["error"] as? [String: String])?["kind"] == "truncated-gzip")
        #expect(lines[4]["errors"] as? Int == 1)
        #expect(result.stderr.contains("c.log.gz: truncated-gzip"))
        #expect(result.stderr.contains("files"))  // the closing table
    }

    @Test func jobsDoNotChangeTheOutput() throws {
        func run(_ jobs: String) throws -> [String] {
            let result = try Self.logscan(["scan", "corpus", "--jobs", jobs, "--examples", "2", "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
            // Everything but the elapsed time in the summary must be byte-identical.
            return result.stdout.split(separator: "\n").map {
                $0.replacingOccurrences(of: #""elapsed_s":[0-9.]+"#, with: "", options: .regularExpression)
            }
        }
        let one = try run("1")
        #expect(one.count > 10)
        #expect(try run("4") == one)
    }

    /// Engines and inflaters are speed choices only: the JSONL is the same, byte for byte, but for timing.
    @Test func enginesAndInflatersDoNotChangeTheOutput() throws {
        func run(_ extra: [String]) throws -> [String] {
            let result = try Self.logscan(["scan", "corpus", "--examples", "3", "--quiet"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").map {
                $0.replacingOccurrences(of: #""elapsed_s":[0-9.]+"#, with: "", options: .regularExpression)
            }
        }
        let reference = try run(["--engine", "pcre2", "--inflater", "zlib", "-j1"])
        #expect(reference.count > 10)
        #expect(try run(["--engine", "auto", "--inflater", "isal", "-j2"]) == reference)
        #expect(try run(["--engine", "auto", "--inflater", "zlib"]) == reference)
        #expect(try run(["--engine", "pcre2", "--inflater", "isal"]) == reference)
        let bad = try Self.logscan(["scan", "corpus", "--engine", "hyperscan"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("engine"))
    }

    @Test func stdinAndFilesFrom() throws {
        let root = try Self.sampleTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let piped = try Self.logscan(["scan", "-q"], stdin: "OOMKilled\nx\n")
        #expect(piped.status == 0)
        #expect(piped.lines[1]["path"] as? String == "-")
        #expect(piped.lines[1]["lines"] as? Int == 2)
        let listed = try Self.logscan(["scan", "-q", "--files-from", "-"],
                                      stdin: root.appendingPathComponent("a.log").path + "\n\n" + root.appendingPathComponent("b.log").path + "\n")
        #expect(listed.status == 0)
        #expect(listed.lines.filter { $0["type"] as? String == "file" }.count == 2)
    }

    @Test func outputFileAndQuiet() throws {
        let root = try Self.sampleTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("out.jsonl")
        let result = try Self.logscan(["scan", root.appendingPathComponent("a.log").path, "-o", target.path, "--quiet"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
        let written = try String(contentsOf: target, encoding: .utf8)
        #expect(written.split(separator: "\n").count == 3)
    }

    @Test func badPatternStopsBeforeScanningWithExitTwo() throws {
        let root = try Self.sampleTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let set = root.appendingPathComponent("x.yaml")
        try Data("patterns:\n  - id: ok\n    regex: fine\n  - id: oom\n    regex: 'Killed (process'\n".utf8).write(to: set)
        let result = try Self.logscan(["scan", "-p", set.path, root.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("x.yaml:5 (id oom): missing closing parenthesis at offset 15"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try Self.logscan(["scan", "--jobs", "0", "corpus"]).status == 2)
        #expect(try Self.logscan(["scan", "--no-such-flag"]).status == 2)
    }

    @Test func missingInputIsARecordAndExitOne() throws {
        let result = try Self.logscan(["scan", "-q", "/nonexistent/build-log.txt"])
        #expect(result.status == 1)
        #expect((result.lines[1]["error"] as? [String: String])?["kind"] == "not-found")
        #expect(result.stderr.contains("/nonexistent/build-log.txt: not-found"))
    }

    @Test func closedStdoutEndsQuietly() throws {
        let script = "\"$0\" scan corpus corpus corpus | head -n 1 >/dev/null; echo \"status=${PIPESTATUS[0]}\""
        let result = try Self.runCaptured("/bin/bash", ["-c", script, Self.binary])
        #expect(result.stdout.contains("status=0"))
        #expect(!result.stderr.contains("error"), "\(result.stderr)")
    }

    @Test func sigintFlushesRecordsAndWritesAnInterruptedSummary() throws {
        signal(SIGPIPE, SIG_IGN)  // logscan may stop reading stdin before we stop writing
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["scan", "corpus", "-"]
        process.currentDirectoryURL = Self.projectRoot
        let input = Pipe(), out = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let chunk = Data(String(repeating: "OOMKilled while waiting\n", count: 20_000).utf8)
        for _ in 0..<5 { try input.fileHandleForWriting.write(contentsOf: chunk) }
        Thread.sleep(forTimeInterval: 0.5)
        process.interrupt()
        Thread.sleep(forTimeInterval: 0.2)
        // The reader is blocked in read(2) on stdin: more data wakes it to see the stop request.
        try? input.fileHandleForWriting.write(contentsOf: chunk)
        try? input.fileHandleForWriting.close()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let lines = stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let summary = try #require(lines.last)
        #expect(summary["type"] as? String == "summary")
        #expect(summary["interrupted"] as? Bool == true)
        let stdinRecord = lines.first { $0["path"] as? String == "-" }
        #expect((stdinRecord?["error"] as? [String: String])?["kind"] == "interrupted")
    }

    @Test func checkPassesOnTheCuratedSetAndFailsOnBadExamples() throws {
        let ok = try Self.logscan(["check", "patterns/ci-failures.yaml", "-v"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("ok: "))
        #expect(ok.stdout.contains("exact (Vectorscan)"))
        #expect(ok.stdout.contains("prefilter+confirm (Vectorscan, then PCRE2"))
        #expect(ok.stdout.contains("engine auto: "))
        let reference = try Self.logscan(["check", "patterns/ci-failures.yaml", "-v", "--engine", "pcre2"])
        #expect(reference.stdout.contains("PCRE2 buffer search"))
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let set = root.appendingPathComponent("bad.yaml")
        try Data("patterns:\n  - id: oom\n    regex: OOMKilled\n    examples:\n      match: ['oomkilled']\n      nomatch: ['OOMKilled']\n".utf8).write(to: set)
        let bad = try Self.logscan(["check", set.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("(id oom): `match` example does not match"))
        #expect(bad.stderr.contains("(id oom): `nomatch` example matches"))
        try Data("patterns:\n  - id: x\n    regex: '(['\n".utf8).write(to: set)
        #expect(try Self.logscan(["check", set.path]).status == 2)
    }

    static let realdata = projectRoot.deletingLastPathComponent().appendingPathComponent("shared/realdata")

    /// JSONL lines minus what differs between equivalent runs: timing, and the header (sources).
    static func records(_ output: Output) -> [String] {
        output.stdout.split(separator: "\n").filter { !$0.hasPrefix("{\"type\":\"header\"") }.map {
            $0.replacingOccurrences(of: #""elapsed_s":[0-9.]+"#, with: "", options: .regularExpression)
        }
    }

    @Test func patternsConvertWritesYAMLThatScansLikeTheSource() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let ruleset = root.appendingPathComponent("ruleset.toml")
        try Data(#"""
            # first rule wins
            [[rule]]
            name = 'GHA error'
            pattern = '^##\[error\](.*)'

            [[rule]]
            name = 'GHA error'
            pattern = '''it's (\w+) failed'''

            """#.utf8).write(to: ruleset)
        let log = root.appendingPathComponent("build.log")
        try Data("##[error]boom\nit's test_x failed\nfine\n##[error]again\n".utf8).write(to: log)

        let converted = root.appendingPathComponent("converted.yaml")
        let convert = try Self.logscan(["patterns", "convert", ruleset.path, "-o", converted.path])
        #expect(convert.status == 0, "\(convert.stderr)")
        #expect(convert.stdout.isEmpty)
        #expect(convert.stderr.contains("ruleset.toml:3: note: rule name `GHA error` is used by 2 rules"), "\(convert.stderr)")
        #expect(convert.stderr.contains("converted 2 patterns (pytorch-toml)"))
        let yaml = try String(contentsOf: converted, encoding: .utf8)
        #expect(yaml.hasPrefix("# Converted by `logscan patterns convert` from \(ruleset.path)\n"))
        #expect(yaml.contains(#"  - id: 'GHA error #2'"# + "\n" + #"    regex: 'it''s (\w+) failed'"# + "\n    priority: 2\n"), "\(yaml)")
        let toStdout = try Self.logscan(["patterns", "convert", ruleset.path])
        #expect(toStdout.stdout == yaml)
        #expect(try Self.logscan(["patterns", "convert", ruleset.path, "-o", "-"]).stdout == yaml)

        let fromTOML = try Self.logscan(["scan", "-q", "-p", ruleset.path, log.path])
        let fromYAML = try Self.logscan(["scan", "-q", "-p", converted.path, log.path])
        #expect(fromTOML.status == 0 && fromYAML.status == 0, "\(fromTOML.stderr) \(fromYAML.stderr)")
        #expect(fromTOML.lines[1]["counts"] as? [String: Int] == ["GHA error": 2, "GHA error #2": 1])
        #expect(Self.records(fromTOML) == Self.records(fromYAML))
        #expect(fromTOML.stderr.isEmpty, "-q keeps the import notes off stderr")
        let noisy = try Self.logscan(["check", ruleset.path])
        #expect(noisy.status == 0)
        #expect(noisy.stderr.contains("note: rule name `GHA error`"))
    }

    @Test func patternFormatForcesAReaderAndIsValidated() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let list = root.appendingPathComponent("list.txt")
        try Data("[\"OOM\"]\n".utf8).write(to: list)
        let input = "\"quoted\"\nOOM\nabc\n"
        let detected = try Self.logscan(["scan", "-q", "-p", list.path, "-"], stdin: input)
        #expect(detected.lines[1]["counts"] as? [String: Int] == ["list:1": 1])
        let forced = try Self.logscan(["scan", "-q", "--pattern-format", "lines", "-p", list.path, "-"], stdin: input)
        #expect(forced.lines[1]["counts"] as? [String: Int] == ["list:1": 2], "as a line, it is the class [\"OM]")
        #expect(try Self.logscan(["check", "--pattern-format", "json-list", list.path]).status == 0)
        let bad = try Self.logscan(["check", "--pattern-format", "toml", list.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("pytorch-toml"))
        #expect(try Self.logscan(["scan", "--pattern-format", "yaml", "corpus"]).status == 2)
        let wrong = try Self.logscan(["check", "--pattern-format", "pytorch-toml", list.path])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("list.txt:1: TOML: "), "\(wrong.stderr)")
    }

    @Test func convertReportsPatternsThatWouldNotLoad() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let json = root.appendingPathComponent("prow.json")
        try Data("[\n  \"fine\",\n  \"(unclosed\"\n]\n".utf8).write(to: json)
        let out = root.appendingPathComponent("out.yaml")
        let result = try Self.logscan(["patterns", "convert", json.path, "-o", out.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("prow.json:3 (id prow:2): missing closing parenthesis at offset 9"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.path), "the conversion is written, to be fixed in YAML")
        #expect(try Self.logscan(["patterns", "convert", root.appendingPathComponent("missing.toml").path]).status == 2)
    }

    /// The real PyTorch ruleset, imported directly and converted, counts the same on its own test logs.
    @Test func realRulesetScansDirectlyAndConverted() throws {
        let ruleset = Self.realdata.appendingPathComponent("patterns/pytorch-log-classifier.ruleset.toml")
        let logs = Self.realdata.appendingPathComponent("logs/pytorch-test-infra/classify-clean")
        guard FileManager.default.fileExists(atPath: ruleset.path), FileManager.default.fileExists(atPath: logs.path) else {
            print("skipped: \(ruleset.path) or \(logs.path) is absent (shared realdata not on this machine)")
            return
        }
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let converted = root.appendingPathComponent("pytorch.yaml")
        let convert = try Self.logscan(["patterns", "convert", ruleset.path, "-o", converted.path])
        #expect(convert.status == 0, "\(convert.stderr)")
        #expect(convert.stderr.contains("converted 102 patterns (pytorch-toml)"))
        let direct = try Self.logscan(["scan", "-q", "-p", ruleset.path, logs.path])
        let viaYAML = try Self.logscan(["scan", "-q", "-p", converted.path, logs.path, "--engine", "pcre2"])
        #expect(direct.status == 0 && viaYAML.status == 0)
        #expect(Self.records(direct) == Self.records(viaYAML))
        #expect((direct.lines.first?["patterns"] as? [Any])?.count == 102)
    }

    @Test func checkLintsWarnsAndFailsOnlyWhenStrict() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let set = root.appendingPathComponent("lint.yaml")
        try Data("""
            patterns:
              - id: any-error
                regex: 'error'
                examples: {match: ['error: x']}
              - id: disk-error
                regex: '.*disk error'
                examples: {match: ['disk error on sda']}
              - id: same
                regex: 'error'

            """.utf8).write(to: set)
        let lenient = try Self.logscan(["check", set.path])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stdout.contains("ok: 3 patterns"))
        #expect(lenient.stdout.contains("3 warnings"))
        let warnings = lenient.stderr.split(separator: "\n").map(String.init)
        #expect(warnings.contains("\(set.path):6: warning: disk-error: leading `.*` changes nothing about which lines count (a match may start anywhere) but stops PCRE2 and Vectorscan from skipping ahead to the text after it; drop it [leading-wildcard]"), "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("\(set.path):6: warning: disk-error: every `match` example is also matched by `any-error`") && $0.hasSuffix("[shadowed]") })
        #expect(warnings.contains("\(set.path):9: warning: same: same regex as `any-error` (\(set.path):3) [duplicate-regex]"))
        let strict = try Self.logscan(["check", "--strict", set.path])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("FAILED (warnings, --strict)"))

        try Data("patterns:\n  - id: oom\n    regex: OOMKilled\n    examples:\n      match: ['oomkilled']\n".utf8).write(to: set)
        let caseOnly = try Self.logscan(["check", set.path])
        #expect(caseOnly.status == 1)
        #expect(caseOnly.stderr.contains("(id oom): `match` example does not match: \"oomkilled\""))
        #expect(caseOnly.stderr.contains("warning: oom: `match` example \"oomkilled\" is missed only because of letter case"))
        #expect(caseOnly.stderr.contains("[case-mismatch]"))

        let help = try Self.logscan(["check", "--help"])
        for rule in ["duplicate-regex", "equivalent-regex", "matches-empty", "leading-wildcard", "case-mismatch", "needless-ignore-case", "shadowed"] {
            #expect(help.stdout.contains("  \(rule): "), "check --help should document \(rule)")
        }
        #expect(help.stdout.contains("--strict"))
    }

    @Test func keepANSIChangesWhatAnchorsSee() throws {
        let text = "\u{1B}[31mOOMKilled\u{1B}[0m\n"
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let set = root.appendingPathComponent("anchored.txt")
        try Data("^OOMKilled$\n".utf8).write(to: set)
        let stripped = try Self.logscan(["scan", "-q", "-p", set.path, "-"], stdin: text)
        #expect(stripped.lines[1]["counts"] as? [String: Int] == ["anchored:1": 1])
        let kept = try Self.logscan(["scan", "-q", "--keep-ansi", "-p", set.path, "-"], stdin: text)
        #expect(kept.lines[1]["counts"] as? [String: Int] == [:])
    }

    /// Every line of a real run validates against docs/output.schema.json (needs python3-jsonschema).
    @Test func outputValidatesAgainstTheJSONSchema() throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import jsonschema"]
        probe.standardError = FileHandle.nullDevice
        try? probe.run()
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else {
            print("skipped: python3 with jsonschema is not available to validate docs/output.schema.json")
            return
        }
        let root = try Self.sampleTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out.jsonl")
        // TestGrid records too: a generated dump (tabs, examples with cells) and a broken table.
        let testGrid = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: testGrid) }
        try TestGridCLITests.generate(testGrid.appendingPathComponent("dump.json.gz"), size: "200KB")
        try Data(#"{"tests":[{"name":"x","messages":["OOMKilled"#.utf8).write(to: testGrid.appendingPathComponent("broken.json"))
        let scan = try Self.logscan(["scan", "-q", "--examples", "2", "corpus", root.path, testGrid.path, "/nonexistent", "-o", output.path])
        #expect(scan.status == 1)
        let validator = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            n = 0
            for line in open(sys.argv[2], encoding="utf-8"):
                validator.validate(json.loads(line)); n += 1
            print(n)
            """
        let check = try Self.runPython(validator, [Self.projectRoot.appendingPathComponent("docs/output.schema.json").path, output.path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect((Int(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 5)
    }

    static func runPython(_ script: String, _ arguments: [String]) throws -> Output {
        try runCaptured("/usr/bin/env", ["python3", "-c", script] + arguments)
    }

    /// Runs any program from the project root and captures both streams.
    static func runCaptured(_ executable: String, _ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = projectRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // stderr is drained on its own thread: a child that fills one pipe while we wait on the
        // other would otherwise block both of us for good.
        nonisolated(unsafe) var errorBytes = Data()
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            errorBytes = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        drained.wait()
        let stderr = String(decoding: errorBytes, as: UTF8.self)
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// A gzip bomb (256 MiB of zeros, one line, in about 1 MB) stays within the memory its
    /// `--max-line-bytes` allows, and says so in its record: `long_lines`.
    @Test func memoryIsBoundedByTheLineLimit() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let bomb = root.appendingPathComponent("bomb.gz").path
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/bin/sh")
        make.arguments = ["-c", "head -c 268435456 /dev/zero | gzip -1 > \"$0\"", bomb]
        try make.run()
        make.waitUntilExit()
        // python3 reports the child's peak RSS (ru_maxrss, KiB) without any extra tool.
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", """
            import resource, subprocess, sys
            run = subprocess.run(sys.argv[1:], capture_output=True)
            print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, run.stdout.decode().count('"long_lines":1'))
            """, Self.binary, "scan", "-q", "-j1", "--max-line-bytes", "8388608", bomb]
        let pipe = Pipe()
        probe.standardOutput = pipe
        try probe.run()
        probe.waitUntilExit()
        let fields = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ")
            .map { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }
        #expect(fields.count == 3)
        guard fields.count == 3 else { return }
        #expect(fields[0] == 0)
        if !Self.underSanitizer { #expect(fields[1] < 100_000, "peak RSS \(fields[1]) KiB for an 8 MiB line limit") }
        #expect(fields[2] == 2, "the record and the summary say long_lines: 1")
    }
}
