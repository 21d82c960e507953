import Foundation
import Testing

/// TestGrid dumps through the real executable: one record per tab, bounded memory on a large dump,
/// and an error record (exit status 1) for a broken one.
@Suite(.serialized) struct TestGridCLITests {
    static let generator = CLITests.projectRoot.appendingPathComponent("Benchmarks/Scripts/generate_testgrid.py")

    static func generate(_ url: URL, size: String, seed: Int = 1) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", generator.path, "--out", url.path, "--size", size, "--seed", "\(seed)"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "generate_testgrid.py failed")
    }

    /// A 500 MB multi-dashboard dump (gzip'd) scans in under 100 MiB of peak RSS: the document is
    /// streamed, never held. Python's `resource` reads the peak RSS of logscan alone (its only child).
    @Test func largeDumpScansInBoundedMemory() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dump = directory.appendingPathComponent("dump.json.gz")
        try Self.generate(dump, size: "500MB")
        let output = directory.appendingPathComponent("out.jsonl")
        let measure = """
            import resource, subprocess, sys
            status = subprocess.run(sys.argv[1:]).returncode
            print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", measure, CLITests.binary, "scan", "-q", "-j2", dump.path, "-o", output.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let reply = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let fields = reply.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(fields.count == 2 && fields[0] == 0, "logscan: \(reply)")
        let peakKiB = fields.count == 2 ? fields[1] : Int.max
        if !CLITests.underSanitizer { #expect(peakKiB < 100 * 1024, "peak RSS \(peakKiB) KiB on a 500 MB dump") }
        print("500 MB TestGrid dump: peak RSS \(peakKiB / 1024) MiB")

        let records = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let files = records.filter { $0["type"] as? String == "file" }
        #expect(files.count > 100, "one record per tab")
        #expect(files.allSatisfy { ($0["doc"] as? String)?.contains("/") == true && $0["testgrid"] != nil && $0["error"] == nil })
        let bytes = files.compactMap { $0["bytes"] as? Int }.reduce(0, +)
        #expect(bytes >= 500_000_000)
        let summary = records.last
        #expect(summary?["type"] as? String == "summary" && summary?["bytes"] as? Int == bytes)
    }

    @Test func brokenDumpGivesAnErrorRecordAndStatus1() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dump = directory.appendingPathComponent("dump.json")
        try Self.generate(dump, size: "300KB", seed: 4)
        let bytes = try Data(contentsOf: dump)
        try bytes.prefix(bytes.count / 2).write(to: directory.appendingPathComponent("cut.json"))
        let result = try CLITests.logscan(["scan", "--examples", "1", dump.path, directory.appendingPathComponent("cut.json").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cut.json: malformed-json: at byte"))
        let files = result.lines.filter { $0["type"] as? String == "file" }
        let whole = files.filter { ($0["path"] as? String)?.hasSuffix("dump.json") == true }
        let cut = files.filter { ($0["path"] as? String)?.hasSuffix("cut.json") == true }
        #expect(whole.count > 1 && whole.allSatisfy { $0["error"] == nil })
        #expect(cut.count >= 1 && cut.count <= whole.count)
        #expect((cut.last?["error"] as? [String: Any])?["kind"] as? String == "malformed-json")
        // Tabs before the cut are whole: the same records as in the full file (but for the path,
        // and the time, which is each file's own modification time).
        for (full, partial) in zip(whole, cut.dropLast()) {
            var expected = full, got = partial
            expected["time"] = nil
            got["time"] = nil
            #expect(NSDictionary(dictionary: expected).isEqual(to: got.merging(["path": full["path"]!]) { $1 }))
        }

        let off = try CLITests.logscan(["scan", "--testgrid", "off", dump.path])
        let offFiles = off.lines.filter { $0["type"] as? String == "file" }
        #expect(off.status == 0 && offFiles.count == 1 && offFiles[0]["testgrid"] == nil)
    }
}
