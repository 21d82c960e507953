import Foundation
import Testing

/// Every diagnostic on stderr is one line naming its file, whatever bytes the file name, the
/// pattern file or an id hold: control characters are escaped (`\n`, `\x00`).
@Suite struct DiagnosticsCLITests {
    /// Runs `arguments`, and expects stderr to be exactly `expected.count` lines, the i-th holding
    /// `expected[i]`.
    func expectOneLineEach(_ arguments: [String], status: Int32, _ expected: [String],
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let result = try CLITests.logscan(arguments)
        #expect(result.status == status, sourceLocation: sourceLocation)
        #expect(result.stderr.hasSuffix("\n"), sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == expected.count, "\(result.stderr.debugDescription)", sourceLocation: sourceLocation)
        for (line, fragment) in zip(lines, expected) {
            #expect(line.contains(fragment), "\(line.debugDescription)", sourceLocation: sourceLocation)
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 }, "\(line.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    @Test func badPatternFilesGiveOneLineNamingTheFile() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let nul = root.appendingPathComponent("e.yaml")
        try Data([0, 0]).write(to: nul)
        try expectOneLineEach(["scan", "-q", "-p", nul.path, "corpus/"], status: 2,
                              ["\(nul.path):1: invalid YAML: control characters are not allowed (byte 0x00 at offset 0)"])
        let id = root.appendingPathComponent("id.yaml")
        try Data("patterns:\n  - id: \"oom\\nkilled\\u0000\"\n    regex: x\n".utf8).write(to: id)
        try expectOneLineEach(["scan", "-q", "-p", id.path, "corpus/"], status: 2, ["\(id.path):2 (id oom\\nkilled\\x00): id must be one line"])
        let broken = root.appendingPathComponent("tab.yaml")
        try Data("patterns:\n\t- id: x\n".utf8).write(to: broken)
        try expectOneLineEach(["scan", "-q", "-p", broken.path, "corpus/"], status: 2, ["\(broken.path):2: invalid YAML"])
    }

    @Test func pathsWithLineBreaksAreEscaped() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data([0x1F, 0x8B, 0x08, 0x00]).write(to: directory.appendingPathComponent("bad\ngz"))
        try Data("ok\n".utf8).write(to: directory.appendingPathComponent("good\tone"))
        #expect(mkfifo(directory.appendingPathComponent("fifo\nhere").path, 0o600) == 0)
        let missing = root.appendingPathComponent("no\nsuch")
        try expectOneLineEach(["scan", "-q", directory.path, missing.path], status: 1, [
            "\(directory.path)/bad\\ngz: truncated-gzip",
            "\(root.path)/no\\nsuch: not-found",
        ])
        // Without -q the skipped FIFO is named too; the closing table after it is not a diagnostic.
        let result = try CLITests.logscan(["scan", directory.path])
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first == "logscan: skipped \(directory.path)/fifo\\nhere: special file (FIFO, socket or device)", "\(result.stderr.debugDescription)")
    }
}
