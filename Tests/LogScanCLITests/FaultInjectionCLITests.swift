import Foundation
import Testing

/// The failures a disk gives, injected into a real `logscan` process: `Tests/FaultInjection/
/// fault_inject.c`, built here and loaded with LD_PRELOAD, makes libc's read, write, fsync, open
/// and mkdir fail on chosen paths (EIO, ENOSPC, EROFS) or read a few bytes at a time with EINTRs.
/// Each failure must give its documented record, message and exit status (docs/reliability.md).
@Suite(.serialized) struct FaultInjectionCLITests {
    /// The shim, compiled once per test run.
    static let shim: Result<String, CompileFailure> = {
        let source = CLITests.projectRoot.appendingPathComponent("Tests/FaultInjection/fault_inject.c").path
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("logscan-fault-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Child processes load the shim until the last test, so it goes when the test process ends.
        atexit { try? FileManager.default.removeItem(atPath: FileManager.default.temporaryDirectory.appendingPathComponent("logscan-fault-\(getpid())").path) }
        let library = directory.appendingPathComponent("fault_inject.so").path
        for compiler in ["/usr/bin/cc", "/usr/bin/gcc", "/usr/bin/clang"] where FileManager.default.isExecutableFile(atPath: compiler) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: compiler)
            process.arguments = ["-shared", "-fPIC", "-O1", "-o", library, source, "-ldl"]
            let errors = Pipe()
            process.standardError = errors
            guard (try? process.run()) != nil else { continue }
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return process.terminationStatus == 0 ? .success(library) : .failure(CompileFailure(message: message))
        }
        return .failure(CompileFailure(message: "no C compiler (cc, gcc or clang) to build the fault-injection shim"))
    }()

    struct CompileFailure: Error { var message: String }

    static func logscan(_ arguments: [String], faults: [String: String], currentDirectory: URL? = nil) throws -> CLITests.Output {
        let library = try shim.get()
        return try CLITests.logscan(arguments, currentDirectory: currentDirectory,
                                    environment: faults.merging(["LD_PRELOAD": library]) { $1 })
    }

    static func tree() throws -> URL {
        let root = try CLITests.temporaryDirectory()
        let line = "2024-01-01 step ok\nwarning: pod OOMKilled while pulling image\n"
        try Data(String(repeating: line, count: 8_000).utf8).write(to: root.appendingPathComponent("big.log"))
        try Data("fine\nno space left on device\n".utf8).write(to: root.appendingPathComponent("small.log"))
        return root
    }

    static func withoutElapsed(_ stdout: String) -> String {
        stdout.replacingOccurrences(of: #""elapsed_s":[0-9.]+"#, with: "", options: .regularExpression)
    }

    // MARK: - Read path

    @Test func anIOErrorPartwayThroughAFileIsAnUnreadableRecordAndTheRunGoesOn() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c big.log > big2.log.gz"]
        gzip.currentDirectoryURL = root
        try gzip.run()
        gzip.waitUntilExit()
        let result = try Self.logscan(["scan", root.path], faults: ["LOGSCAN_FAULT_PATH": "big", "LOGSCAN_FAULT_READ": "eio@1024"])
        #expect(result.status == 1, "\(result.stderr)")
        let files = result.lines.filter { $0["type"] as? String == "file" }
        #expect(files.count == 3)
        for record in files {
            let path = record["path"] as? String ?? ""
            let error = record["error"] as? [String: String]
            if path.hasSuffix("small.log") {
                #expect(error == nil)
                #expect((record["counts"] as? [String: Int])?.isEmpty == false)
            } else {
                // Not `corrupt-gzip`: the disk failed, not the file.
                #expect(error?["kind"] == "unreadable", "\(path): \(String(describing: error))")
                #expect(error?["message"] == "read failed after 1024 bytes: Input/output error", "\(path)")
                #expect(record["stored_bytes"] as? Int == 1024, "\(path)")
            }
        }
        #expect(result.stderr.contains("big.log: unreadable: read failed after 1024 bytes: Input/output error"), "\(result.stderr)")
        #expect(result.lines.last?["errors"] as? Int == 2)
    }

    @Test func shortReadsAndInterruptedReadsChangeNothing() throws {
        let inputs = ["corpus", "Fuzz/seeds/document"]
        let plain = try CLITests.logscan(["scan", "--examples", "2", "-q"] + inputs)
        let faulted = try Self.logscan(["scan", "--examples", "2", "-q"] + inputs,
                                       faults: ["LOGSCAN_FAULT_PATH": "/", "LOGSCAN_FAULT_READ": "short"])
        #expect(faulted.status == plain.status, "\(faulted.stderr)")
        #expect(plain.lines.count > 30)
        #expect(Self.withoutElapsed(faulted.stdout) == Self.withoutElapsed(plain.stdout))
    }

    // MARK: - Write path

    @Test(arguments: [("enospc@5000", "No space left on device"), ("eio@0", "Input/output error")])
    func aFailedOutputFileWriteLeavesThePreviousFile(_ fault: String, _ cause: String) throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out.jsonl")
        try Data("previous result\n".utf8).write(to: output)
        let result = try Self.logscan(["scan", root.appendingPathComponent("big.log").path, "-q", "-o", output.path],
                                      faults: ["LOGSCAN_FAULT_PATH": "out.jsonl", "LOGSCAN_FAULT_WRITE": fault])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr == "logscan: cannot write \(output.path): \(cause); it is left as it was\n")
        #expect(try String(contentsOf: output, encoding: .utf8) == "previous result\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["big.log", "out.jsonl", "small.log"])
    }

    @Test func aFailedSyncOfTheOutputFileLeavesThePreviousFile() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out.jsonl")
        try Data("previous result\n".utf8).write(to: output)
        let result = try Self.logscan(["scan", root.appendingPathComponent("small.log").path, "-q", "-o", output.path],
                                      faults: ["LOGSCAN_FAULT_PATH": "out.jsonl", "LOGSCAN_FAULT_FSYNC": "eio"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr == "logscan: cannot write \(output.path): Input/output error; it is left as it was\n")
        #expect(try String(contentsOf: output, encoding: .utf8) == "previous result\n")
    }

    @Test(arguments: [("enospc@0", "No space left on device"), ("eio@3000", "Input/output error")])
    func aFailedWriteToStandardOutputIsStatus2(_ fault: String, _ cause: String) throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Self.logscan(["scan", root.path, "-q", "--examples", "3"],
                                      faults: ["LOGSCAN_FAULT_FD": "1", "LOGSCAN_FAULT_WRITE": fault])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.hasSuffix("logscan: cannot write stdout: \(cause)\n"), "\(result.stderr)")
    }

    // MARK: - Database cache

    @Test(arguments: [
        (["LOGSCAN_FAULT_CREATE": "erofs"], "creating the directory: Read-only file system"),
        (["LOGSCAN_FAULT_WRITE": "enospc@100"], "writing: No space left on device"),
    ])
    func aCacheDirectoryThatTakesNothingIsAWarningAndTheScanGoesOn(_ fault: [String: String], _ cause: String) throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = root.appendingPathComponent("faulty-cache/logscan")
        if fault["LOGSCAN_FAULT_CREATE"] == nil { try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true) }
        let arguments = ["scan", root.appendingPathComponent("small.log").path]
        var faults = fault.merging(["LOGSCAN_FAULT_PATH": "faulty-cache", "LOGSCAN_CACHE_DIR": cache.path]) { $1 }
        let result = try Self.logscan(arguments, faults: faults)
        #expect(result.status == 0, "\(result.stderr)")
        let warning = "logscan: warning: cannot save the compiled Vectorscan database in \(cache.path) (\(cause)); "
            + "the next run compiles it again (LOGSCAN_CACHE_DIR=off turns the cache off)\n"
        #expect(result.stderr.hasPrefix(warning), "\(result.stderr)")
        #expect(result.lines.filter { $0["type"] as? String == "file" }.count == 1)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []
        #expect(left.isEmpty, "no partial database is left: \(left)")

        faults["LOGSCAN_CACHE_DIR"] = cache.path
        let quiet = try Self.logscan(arguments + ["-q"], faults: faults)
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty, "-q keeps the warning back: \(quiet.stderr)")
    }
}
