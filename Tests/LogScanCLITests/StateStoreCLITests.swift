import Foundation
import Testing

/// `scan --state FILE` with real SQLite files and real processes: reruns read only what changed,
/// and always write what a full scan writes (timing and `from_state` masked).
@Suite(.serialized) struct StateStoreCLITests {
    static func masked(_ text: String) -> String {
        text.replacingOccurrences(of: #""elapsed_s":[0-9.]+"#, with: #""elapsed_s":X"#, options: .regularExpression)
            .replacingOccurrences(of: #","from_state":true"#, with: "")
    }

    struct Archive {
        let root: URL
        var logs: URL { root.appendingPathComponent("archive") }
        var store: String { root.appendingPathComponent("state.db").path }

        init(files: Int = 40) throws {
            root = try CLITests.temporaryDirectory()
            for index in 0..<files {
                let text = (0..<(20 + index % 7)).map { line in
                    line % 9 == 0 ? "step \(line): OOMKilled\n" : line % 5 == 0 ? "read: connection reset by peer\n" : "line \(line) ok\n"
                }.joined()
                try write(text, to: "job-\(index % 4)/\(index)/build-log.txt")
            }
        }

        func write(_ text: String, to relative: String) throws {
            let file = logs.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }

        func set(_ name: String, _ regexes: [String]) throws -> String {
            let file = root.appendingPathComponent(name)
            try Data((regexes.joined(separator: "\n") + "\n").utf8).write(to: file)
            return file.path
        }

        /// A scan with the store, and the same scan without it.
        func compare(_ arguments: [String]) throws -> (state: CLITests.Output, full: CLITests.Output) {
            let state = try CLITests.logscan(["scan", "--state", store] + arguments + [logs.path])
            let full = try CLITests.logscan(["scan", "-q"] + arguments + [logs.path])
            #expect(state.status == full.status, "\(state.stderr)")
            #expect(StateStoreCLITests.masked(state.stdout) == StateStoreCLITests.masked(full.stdout))
            return (state, full)
        }

        func fromState(_ output: CLITests.Output) -> Int {
            output.lines.filter { $0["from_state"] as? Bool == true }.count
        }
    }

    @Test func unchangedArchiveIsNotReadAgain() throws {
        let archive = try Archive()
        defer { try? FileManager.default.removeItem(at: archive.root) }
        let first = try archive.compare([])
        #expect(archive.fromState(first.state) == 0)
        #expect(first.state.stderr.contains("0 documents from the store, 40 scanned"), "\(first.state.stderr)")
        // Same size and mtime, other content: only a run that does not read the file keeps the old counts.
        let victim = archive.logs.appendingPathComponent("job-1/1/build-log.txt")
        var before = stat()
        #expect(stat(victim.path, &before) == 0)
        let original = try Data(contentsOf: victim)
        try Data(repeating: UInt8(ascii: "x"), count: original.count).write(to: victim)
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, victim.path, &times, 0) == 0, "restore the exact mtime")
        let second = try CLITests.logscan(["scan", "--state", archive.store, archive.logs.path])
        #expect(archive.fromState(second) == 40)
        #expect(second.stderr.contains("40 documents from the store, 0 scanned"))
        #expect(Self.masked(second.stdout) == Self.masked(first.full.stdout), "the store's counts, not the file's new bytes")
        // --checksum compares content: it sees the change.
        let checked = try CLITests.logscan(["scan", "-q", "--state", archive.store, "--checksum", archive.logs.path])
        let now = try CLITests.logscan(["scan", "-q", archive.logs.path])
        #expect(Self.masked(checked.stdout) == Self.masked(now.stdout))
        let only = try CLITests.logscan(["scan", "-q", "--state", archive.store, "--only-changed", archive.logs.path])
        #expect(only.lines.filter { $0["type"] as? String == "file" }.isEmpty, "nothing changed since the last run")
    }

    @Test func patternsAddedEditedAndRemoved() throws {
        let archive = try Archive()
        defer { try? FileManager.default.removeItem(at: archive.root) }
        let base = try archive.set("base.txt", ["OOMKilled", "connection reset"])
        let added = try archive.set("added.txt", ["OOMKilled", "connection reset", #"line \d+ ok"#])
        let edited = try archive.set("edited.txt", ["OOMKilled", "connection (reset|refused)", #"line \d+ ok"#])
        let removed = try archive.set("removed.txt", ["OOMKilled", "connection (reset|refused)"])
        _ = try archive.compare(["-p", base])
        // Ids are `<file stem>:<line>`, so the same regex in another file is another pattern: use
        // one file name for the set as it changes.
        let set = archive.root.appendingPathComponent("set.txt").path
        for (source, expected) in [(base, "0 documents from the store, 40 scanned"), (added, "0 documents from the store, 40 scanned"),
                                   (added, "40 documents from the store, 0 scanned"), (edited, "0 documents from the store, 40 scanned"),
                                   (removed, "40 documents from the store, 0 scanned")] {
            try? FileManager.default.removeItem(atPath: set)
            try FileManager.default.copyItem(atPath: source, toPath: set)
            let run = try archive.compare(["-p", set])
            #expect(run.state.stderr.contains(expected), "\(source): \(run.state.stderr)")
        }
    }

    @Test func appendedReplacedAndDeletedFiles() throws {
        let archive = try Archive()
        defer { try? FileManager.default.removeItem(at: archive.root) }
        _ = try archive.compare([])
        let grown = archive.logs.appendingPathComponent("job-0/0/build-log.txt")
        let handle = try FileHandle(forWritingTo: grown)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("late: OOMKilled\n".utf8))
        try handle.close()
        let replaced = archive.logs.appendingPathComponent("job-2/2/build-log.txt")
        let size = try Data(contentsOf: replaced).count
        try Data(String(repeating: "OOMKilled\n", count: size / 10).padding(toLength: size, withPad: "z", startingAt: 0).utf8).write(to: replaced)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: replaced.path)
        try FileManager.default.removeItem(at: archive.logs.appendingPathComponent("job-3/3"))
        let run = try archive.compare([])
        #expect(run.state.stderr.contains("37 documents from the store, 2 scanned"), "\(run.state.stderr)")
        #expect(!run.state.stdout.contains("job-3/3/"), "a deleted file is not in the output")
        let info = try CLITests.logscan(["state", "info", archive.store])
        #expect(info.stdout.contains("documents: 40"), "\(info.stdout)")
        let prune = try CLITests.logscan(["state", "prune", archive.store])
        #expect(prune.status == 0 && prune.stdout.contains("pruned 1 document"), "\(prune.stdout)")
        #expect(try CLITests.logscan(["state", "info", archive.store]).stdout.contains("documents: 39"))
    }

    /// SIGKILL at several points of a run over many files, then the same run again: the output
    /// equals one clean run's, and the resumed run scans what the killed one had not committed.
    @Test func resumeAfterSIGKILLEqualsOneCleanRun() throws {
        let archive = try Archive(files: 3_000)
        defer { try? FileManager.default.removeItem(at: archive.root) }
        let clean = try CLITests.logscan(["scan", "-q", archive.logs.path])
        for delay in [0.05, 0.3, 0.8] {
            try? FileManager.default.removeItem(atPath: archive.store)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLITests.binary)
            process.arguments = ["scan", "-q", "-j1", "--state", archive.store, archive.logs.path, "-o", "/dev/null"]
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let resumed = try CLITests.logscan(["scan", "--state", archive.store, archive.logs.path])
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(Self.masked(resumed.stdout) == Self.masked(clean.stdout), "killed after \(delay) s")
            let again = try CLITests.logscan(["scan", "--state", archive.store, archive.logs.path])
            #expect(again.stderr.contains("3000 documents from the store, 0 scanned"), "\(again.stderr)")
        }
    }

    @Test func secondRunOnOneStoreStopsClearly() throws {
        let archive = try Archive(files: 4)
        defer { try? FileManager.default.removeItem(at: archive.root) }
        let fifo = archive.root.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: CLITests.binary)
        holder.arguments = ["scan", "-q", "--state", archive.store, fifo, "-o", "/dev/null"]
        try holder.run()
        defer {
            // Let the holder finish: open the FIFO for writing and close it (without blocking,
            // should the holder be gone already).
            let fd = open(fifo, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) } else if holder.isRunning { holder.terminate() }
            holder.waitUntilExit()
        }
        // Wait until the holder has the store (its lock is an flock on the file), so that this
        // test's own run cannot be the first to take it.
        // (Read from /proc/locks, so that the wait takes no lock of its own.)
        var held = false
        for _ in 0..<400 where !held {
            var info = stat()
            if stat(archive.store, &info) == 0, let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) {
                held = locks.split(separator: "\n").contains { $0.contains("FLOCK") && $0.contains(":\(info.st_ino) ") }
            }
            if !held { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(held, "the first run took the store")
        let second = try CLITests.logscan(["scan", "-q", "--state", archive.store, archive.logs.path])
        #expect(second.status == 2)
        #expect(second.stderr.contains("state store \(archive.store) is in use by another logscan run"), "\(second.stderr)")
    }

    @Test func damagedOrForeignStoresAreRefusedAndKept() throws {
        let archive = try Archive(files: 4)
        defer { try? FileManager.default.removeItem(at: archive.root) }
        _ = try archive.compare([])
        let good = try Data(contentsOf: URL(fileURLWithPath: archive.store))
        let cases: [(String, Data, String)] = [
            ("garbage.db", Data(repeating: 0x5A, count: 8192), "is not a logscan state store (not an SQLite database)"),
            ("truncated.db", good.prefix(good.count / 2), "damaged"),
            ("text.db", Data("hello\n".utf8), "is not a logscan state store"),
        ]
        for (name, bytes, message) in cases {
            let path = archive.root.appendingPathComponent(name).path
            try bytes.write(to: URL(fileURLWithPath: path))
            let run = try CLITests.logscan(["scan", "-q", "--state", path, archive.logs.path])
            #expect(run.status == 2, "\(name): \(run.stderr)")
            #expect(run.stderr.contains(message) && run.stderr.contains(path), "\(name): \(run.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "\(name) is left as it was")
        }
        // Another program's SQLite database.
        let foreign = archive.root.appendingPathComponent("foreign.db").path
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table notes (text)'); c.commit()", foreign]
        try python.run()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        let run = try CLITests.logscan(["scan", "-q", "--state", foreign, archive.logs.path])
        #expect(run.status == 2 && run.stderr.contains("an SQLite database of something else"), "\(run.stderr)")
    }

    /// Stores of sharded runs merged into one: a run over everything with it reads nothing and
    /// writes what a full scan writes.
    @Test func storesOfShardsMergeIntoOne() throws {
        let archive = try Archive(files: 60)
        defer { try? FileManager.default.removeItem(at: archive.root) }
        var stores: [String] = []
        for index in 0..<3 {
            let store = archive.root.appendingPathComponent("shard-\(index).db").path
            let run = try CLITests.logscan(["scan", "-q", "--shard", "\(index)/3", "--state", store, archive.logs.path, "-o", "/dev/null"])
            #expect(run.status == 0, "\(run.stderr)")
            stores.append(store)
        }
        let merged = archive.root.appendingPathComponent("all.db").path
        let merge = try CLITests.logscan(["merge", "--state", merged] + stores)
        #expect(merge.status == 0 && merge.stderr.contains("merged 60 documents from 3 state stores"), "\(merge.stderr)")
        let again = try CLITests.logscan(["merge", "--state", merged, stores[0]])
        #expect(again.status == 0, "merging a store twice replaces, never duplicates: \(again.stderr)")
        let run = try CLITests.logscan(["scan", "--state", merged, archive.logs.path])
        #expect(run.stderr.contains("60 documents from the store, 0 scanned"), "\(run.stderr)")
        let full = try CLITests.logscan(["scan", "-q", archive.logs.path])
        #expect(Self.masked(run.stdout) == Self.masked(full.stdout))
        let notAStore = archive.root.appendingPathComponent("notes.txt")
        try Data("hello".utf8).write(to: notAStore)
        let refused = try CLITests.logscan(["merge", "--state", merged, notAStore.path])
        #expect(refused.status == 2 && refused.stderr.contains("is not a logscan state store"), "\(refused.stderr)")
    }

    /// `--examples` and `--classify` runs use the store too; another limit, precedence or skip
    /// list reads the documents again.
    @Test func examplesAndClassificationsComeFromTheStore() throws {
        let archive = try Archive()
        defer { try? FileManager.default.removeItem(at: archive.root) }
        let flags = ["--examples", "2", "--classify"]
        _ = try archive.compare(flags)
        let again = try archive.compare(flags)
        #expect(again.state.stderr.contains("40 documents from the store, 0 scanned"), "\(again.state.stderr)")
        #expect(again.state.stdout.contains(#""examples":{"#) && again.state.stdout.contains(#""classification":{"id":"#))
        for (changed, what) in [(["--examples", "3", "--classify"], "limit"), (["--examples", "3", "--classify", "--priority", "order"], "precedence"),
                                (["--examples", "3", "--classify", "--priority", "order", "--classify-skip", "ok$"], "skip lines")] {
            let run = try archive.compare(changed)
            #expect(run.state.stderr.contains("0 documents from the store, 40 scanned"), "\(what): \(run.state.stderr)")
        }
    }

    /// A TestGrid dump's tabs are documents of the store like logs: a rerun reads nothing, and a
    /// changed set reads the file again, giving what a full scan gives.
    @Test func testGridTabsComeFromTheStore() throws {
        let archive = try Archive(files: 5)
        defer { try? FileManager.default.removeItem(at: archive.root) }
        let generator = CLITests.projectRoot.appendingPathComponent("Benchmarks/Scripts/generate_testgrid.py").path
        let dump = archive.logs.appendingPathComponent("testgrid/dump.json.gz").path
        try FileManager.default.createDirectory(atPath: (dump as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", generator, "--out", dump, "--size", "1MB"]
        python.standardOutput = FileHandle.nullDevice
        try python.run()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        let first = try archive.compare(["--examples", "2"])
        let tabs = first.full.lines.filter { $0["doc"] != nil }.count
        #expect(tabs > 1, "the dump has several tabs")
        let second = try archive.compare(["--examples", "2"])
        #expect(second.state.stderr.contains("\(5 + tabs) documents from the store, 0 scanned"), "\(second.state.stderr)")
        let set = archive.root.appendingPathComponent("set.txt").path
        try Data("OOMKilled\n".utf8).write(to: URL(fileURLWithPath: set))
        _ = try archive.compare(["-p", set])
        try Data("OOMKilled\nTest\n".utf8).write(to: URL(fileURLWithPath: set))
        let added = try archive.compare(["-p", set])
        #expect(added.state.stderr.contains("0 documents from the store, 6 scanned"), "logs for the new pattern only, the dump in full: \(added.state.stderr)")
    }
}
