import Foundation
import Testing

/// Every fuzz seed and every input a fuzzer once stopped on, through the fuzz targets' checks
/// (`logscan-fuzz replay`, the same code as the libFuzzer binary without libFuzzer): what the
/// fuzzers found stays fixed, in the ordinary test run.
@Suite struct FuzzReplayTests {
    static let targets = ["gzip", "document", "pattern-file", "regex", "routes"]

    @Test(arguments: targets)
    func seedsAndRegressionsHoldEveryCheck(_ target: String) throws {
        let fuzz = URL(fileURLWithPath: CLITests.binary).deletingLastPathComponent().appendingPathComponent("logscan-fuzz").path
        let root = CLITests.projectRoot
        var folders = [root.appendingPathComponent("Fuzz/seeds/\(target)").path]
        let regressions = root.appendingPathComponent("Fuzz/regressions/\(target)").path
        if FileManager.default.fileExists(atPath: regressions) { folders.append(regressions) }
        let count = try folders.map { try FileManager.default.contentsOfDirectory(atPath: $0).count }.reduce(0, +)
        #expect(count > 0, "no seeds for \(target)")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: fuzz)
        process.arguments = ["replay", target] + folders
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("\(target): \(count) inputs replayed, every check held"), "\(text)")
    }
}
