import Foundation
import Testing

/// `-o FILE` is a complete result or what it was before: written to a temporary file in the same
/// directory, synced and renamed; a failed write removes the temporary file, keeps the old FILE,
/// prints one line naming FILE and the cause, and exits 2.
@Suite(.serialized) struct OutputFileCLITests {
    /// Mounts a tmpfs of `options` on `directory`; false where mounting is not permitted.
    static func mountTmpfs(_ directory: URL, options: String) -> Bool {
        run("/bin/mount", ["-t", "tmpfs", "-o", options, "tmpfs", directory.path]) == 0
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func entries(_ directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    @Test func successLeavesOnlyTheFile() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("counts.jsonl")
        try Data("old\n".utf8).write(to: out)
        let result = try CLITests.logscan(["scan", "-q", "-o", out.path, "corpus/"])
        #expect(result.status == 0)
        #expect(Self.entries(root) == ["counts.jsonl"])
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text.hasPrefix("{\"type\":\"header\"") && text.contains("{\"type\":\"summary\""))
    }

    /// A full file system, for real: a 16 KiB tmpfs (the output is about 56 KiB), when this machine lets the test mount one.
    @Test func aFullDiskKeepsThePreviousFileAndExitsTwo() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let small = root.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: small, withIntermediateDirectories: true)
        guard Self.mountTmpfs(small, options: "size=16k") else {
            print("skipped: mounting a tmpfs is not permitted here")
            return
        }
        defer { Self.run("/bin/umount", [small.path]) }
        let out = small.appendingPathComponent("counts.jsonl")
        try Data("previous result\n".utf8).write(to: out)
        let result = try CLITests.logscan(["scan", "-q", "--examples", "50", "-o", out.path, "corpus/"])
        #expect(result.status == 2)
        #expect(result.stderr == "logscan: cannot write \(out.path): No space left on device; it is left as it was\n", "\(result.stderr)")
        #expect(Self.entries(small) == ["counts.jsonl"])
        #expect(try String(contentsOf: out, encoding: .utf8) == "previous result\n")
    }

    /// A read-only directory: chmod 0555 where the test is not root (root writes through modes),
    /// a read-only tmpfs where it is.
    @Test func aReadOnlyDirectoryExitsTwoBeforeScanning() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let locked = root.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        if geteuid() == 0 {
            guard Self.mountTmpfs(locked, options: "size=64k,ro") else {
                print("skipped: root, and mounting a read-only tmpfs is not permitted here")
                return
            }
        } else {
            #expect(chmod(locked.path, 0o555) == 0)
        }
        defer {
            if geteuid() == 0 { Self.run("/bin/umount", [locked.path]) } else { chmod(locked.path, 0o755) }
        }
        let out = locked.appendingPathComponent("counts.jsonl")
        let result = try CLITests.logscan(["scan", "-o", out.path, "corpus/"])
        #expect(result.status == 2)
        let cause = geteuid() == 0 ? "Read-only file system" : "Permission denied"
        #expect(result.stderr == "logscan: cannot write \(out.path): \(cause)\n", "\(result.stderr)")
        #expect(Self.entries(locked).isEmpty)
    }

    /// A symbolic link named as the output is replaced by the result; its target is not written.
    /// A device or a FIFO is written to, never renamed over: `-o /dev/null` must leave the device.
    @Test func devicesAndFIFOsAreWrittenNotReplaced() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CLITests.logscan(["scan", "-q", "corpus/", "-o", "/dev/null"])
        #expect(result.status == 0, "\(result.stderr)")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "/dev/null is still a character device")
        #expect(!((try? FileManager.default.contentsOfDirectory(atPath: "/dev")) ?? []).contains { $0.hasPrefix("null.") && $0.hasSuffix(".tmp") })
        let fifo = root.appendingPathComponent("out.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "wc -l < \"$0\" > \"$0.count\"", fifo]
        try reader.run()
        let viaFIFO = try CLITests.logscan(["scan", "-q", "corpus/", "-o", fifo])
        reader.waitUntilExit()
        #expect(viaFIFO.status == 0, "\(viaFIFO.stderr)")
        let lines = try String(contentsOfFile: fifo + ".count", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(lines == "34", "the reader got the whole output through the FIFO")
        #expect(stat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test func aSymbolicLinkIsReplacedNotFollowed() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("target.jsonl")
        try Data("target\n".utf8).write(to: target)
        let link = root.appendingPathComponent("counts.jsonl")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let result = try CLITests.logscan(["scan", "-q", "-o", link.path, "corpus/"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) == nil)
        #expect(try String(contentsOf: link, encoding: .utf8).contains("{\"type\":\"summary\""))
        #expect(try String(contentsOf: target, encoding: .utf8) == "target\n")
    }

    /// SIGINT still renames: the output is partial but says so.
    @Test func anInterruptedRunKeepsItsHonestPartialOutput() throws {
        signal(SIGPIPE, SIG_IGN)
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("counts.jsonl")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["scan", "-q", "-o", out.path, "corpus", "-"]
        process.currentDirectoryURL = CLITests.projectRoot
        let input = Pipe()
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        let chunk = Data(String(repeating: "OOMKilled while waiting\n", count: 20_000).utf8)
        try input.fileHandleForWriting.write(contentsOf: chunk)
        Thread.sleep(forTimeInterval: 0.5)
        process.interrupt()
        Thread.sleep(forTimeInterval: 0.2)
        // The reader is blocked in read(2) on stdin: more data wakes it to see the stop request.
        try? input.fileHandleForWriting.write(contentsOf: chunk)
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(Self.entries(root) == ["counts.jsonl"])
        let last = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("{\"type\":\"summary\"") && last.contains("\"interrupted\":true"), "\(last)")
    }
}
