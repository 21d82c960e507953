import Foundation
import Testing

/// Pattern files that do not load stop the run before anything is scanned, naming file and line.
@Suite struct PatternFileCLITests {
    /// JSON arrays that are not all strings are JSON, not one regex per line: exit 2 and the
    /// element at fault. A `grep -f` list whose first regex starts with `[` still loads.
    @Test func jsonThatIsNotAListOfStringsExitsTwo() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for (name, text) in [("nums.json", "[1,2]"), ("null.json", "[null]"), ("nested.json", "[[\"a\"]]"), ("objects.json", "[{\"a\":1}]")] {
            let file = root.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            let result = try CLITests.logscan(["scan", "-q", "-p", file.path, "-"], stdin: "a1\n,\n")
            #expect(result.status == 2, "\(name)")
            #expect(result.stdout.isEmpty, "\(name)")
            #expect(result.stderr.contains("\(name):1: JSON list: element 1 is not a string"), "\(name): \(result.stderr)")
        }
        let grep = root.appendingPathComponent("grep.txt")
        try Data("[0-9]+ errors\n[a]x\n".utf8).write(to: grep)
        let result = try CLITests.logscan(["scan", "-q", "-p", grep.path, "-"], stdin: "3 errors\nax\n")
        #expect(result.status == 0, "\(result.stderr)")
        let counts = result.lines.first { $0["type"] as? String == "file" }?["counts"] as? [String: Int]
        #expect(counts == ["grep:1": 1, "grep:2": 1])
    }

    /// A set far beyond any curated one (a million JSON strings) is refused after reading and
    /// before compiling, with status 2 and how to load it anyway; `--max-patterns` raises the limit.
    @Test func hugePatternFilesAreRefusedBeforeCompiling() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let huge = root.appendingPathComponent("huge.json")
        try Data(("[" + (0..<1_000_000).map { "\"p-\($0)\"" }.joined(separator: ",") + "]").utf8).write(to: huge)
        let refused = try CLITests.logscan(["scan", "-q", "-p", huge.path, "-"], stdin: "p-7\n")
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("huge.json: 1000000 patterns, more than --max-patterns 100000"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "one line: \(refused.stderr)")

        let small = root.appendingPathComponent("small.txt")
        try Data((0..<50).map { "error \($0)\\b" }.joined(separator: "\n").utf8).write(to: small)
        for command in [["scan", "-q", "-p", small.path, "-"], ["check", small.path]] {
            let over = try CLITests.logscan(command + ["--max-patterns", "49"], stdin: "error 7\n")
            #expect(over.status == 2, "\(command)")
            #expect(over.stderr.contains("50 patterns, more than --max-patterns 49"), "\(command): \(over.stderr)")
        }
        let within = try CLITests.logscan(["scan", "-q", "-p", small.path, "--max-patterns", "50", "-"], stdin: "error 7\n")
        #expect(within.status == 0, "\(within.stderr)")
        let counts = within.lines.first { $0["type"] as? String == "file" }?["counts"] as? [String: Int]
        #expect(counts == ["small:8": 1])
        #expect(try CLITests.logscan(["scan", "--max-patterns", "0", "-"], stdin: "").status == 2)
    }
}
