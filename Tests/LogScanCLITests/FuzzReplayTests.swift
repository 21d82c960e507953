import Foundation
import Testing

/// Every fuzz seed and every input a fuzzer once stopped on, through the fuzz targets' checks
/// (`logscan-fuzz replay`, the same code as the libFuzzer binary without libFuzzer): what the
/// fuzzers found stays fixed, in the ordinary test run.
@Suite struct FuzzReplayTests {
    static let targets = ["gzip", "json", "document", "pattern-file", "regex", "routes", "template", "baseline", "report"]

    @Test(arguments: targets)
    func seedsAndRegressionsHoldEveryCheck(_ target: String) throws {
        let fuzz = URL(fileURLWithPath: CLITests.binary).deletingLastPathComponent().appendingPathComponent("logscan-fuzz").path
        let root = CLITests.projectRoot
        var folders = [root.appendingPathComponent("Fuzz/seeds/\(target)").path]
        let regressions = root.appendingPathComponent("Fuzz/regressions/\(target)").path
        if FileManager.default.fileExists(atPath: regressions) { folders.append(regressions) }
        let count = try folders.map { try FileManager.default.contentsOfDirectory(atPath: $0).count }.reduce(0, +)
        #expect(count > 0, "no seeds for \(target)")

        // Output to a file, not a pipe: a pipe's write end inherited by a process another test
        // starts at the same moment would hold off the end of file.
        let scratch = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let log = scratch.appendingPathComponent("replay.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: fuzz)
        process.arguments = ["replay", target] + folders
        let handle = try FileHandle(forWritingTo: log)  // one offset for both streams
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("\(target): \(count) inputs replayed, every check held"), "\(text)")
    }
}
