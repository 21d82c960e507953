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
}
