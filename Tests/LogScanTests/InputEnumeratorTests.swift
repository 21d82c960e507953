import Foundation
import Engine
import Input
import LogScan
import PatternSets
import Testing

@Suite struct InputEnumeratorTests {
    /// A tree whose deepest path is over PATH_MAX (4096 bytes), made with `mkdirat`/`openat`
    /// relative to each new directory, since no path call can reach its bottom; `deep.log` at the
    /// bottom. Returns the bottom file's path.
    static func deepTree(under root: URL, levels: Int = 24) throws -> String {
        let name = String(repeating: "d", count: 200)
        var fd = open(root.path, O_RDONLY | O_DIRECTORY)
        var path = root.path
        for _ in 0..<levels {
            #expect(mkdirat(fd, name, 0o755) == 0)
            let next = openat(fd, name, O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
            path += "/" + name
        }
        let file = openat(fd, "deep.log", O_WRONLY | O_CREAT, 0o644)
        let text = Array("start\nOOMKilled at the bottom\n".utf8)
        #expect(text.withUnsafeBytes { write(file, $0.baseAddress, $0.count) } == text.count)
        close(file)
        close(fd)
        #expect(path.utf8.count > 4096)
        return path + "/deep.log"
    }

    /// `rm -rf`, which removes trees deeper than PATH_MAX.
    static func removeTree(_ root: URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/rm")
        process.arguments = ["-rf", root.path]
        try? process.run()
        process.waitUntilExit()
    }

    @Test func treesDeeperThanPathMaxAreWalkedAndTheirFilesRead() throws {
        let root = try Fixture.temporaryDirectory()
        defer { Self.removeTree(root) }
        let deep = try Self.deepTree(under: root)
        try Fixture.write("top\n", to: root.appendingPathComponent("top.log"))
        var notices: [String] = []
        var enumerator = InputEnumerator(filter: PathFilter()) { path, reason in notices.append("\(path): \(reason)") }
        let items = enumerator.expand([root.path])
        #expect(notices.isEmpty, "\(notices)")
        #expect(items.map(\.location.displayPath) == [deep, root.path + "/top.log"])
        #expect(items.allSatisfy { $0.openError == nil })
        let result = DocumentScanner(patterns: try Fixture.patternSet(["OOMKilled"]), options: ScanOptions()).scan(items[0])
        #expect(result.error == nil, "\(String(describing: result.error))")
        #expect(result.tally.counts == [1])
        #expect(result.tally.lines == 2)
        // Named directly (over PATH_MAX too), the file is opened the same way.
        var direct = InputEnumerator(filter: PathFilter()) { _, _ in }
        let named = direct.expand([deep])
        #expect(named.count == 1 && named[0].openError == nil)
    }

    @Test func directoriesAreWalkedSortedAndLoopsSkipped() throws {
        let root = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try Fixture.write("b\n", to: root.appendingPathComponent("b.log"))
        try Fixture.write("a\n", to: root.appendingPathComponent("a/2.log"))
        try Fixture.write("a\n", to: root.appendingPathComponent("a/10.log"))
        try Fixture.write("c\n", to: root.appendingPathComponent("c.txt"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("a/loop").path, withDestinationPath: root.path)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("dangling").path, withDestinationPath: "/nonexistent/x")
        mkfifo(root.appendingPathComponent("fifo").path, 0o644)
        var notices: [String] = []
        var enumerator = InputEnumerator(filter: PathFilter()) { path, reason in notices.append("\(path): \(reason)") }
        let items = enumerator.expand([root.path])
        #expect(items.map(\.location.displayPath) == ["a/10.log", "a/2.log", "b.log", "c.txt"].map { root.path + "/" + $0 })
        #expect(enumerator.skipped == 3)
        #expect(notices.contains { $0.contains("a/loop") && $0.contains("loop") })
        #expect(notices.contains { $0.contains("fifo") && $0.contains("special") })
        #expect(notices.contains { $0.contains("dangling") })
    }

    @Test func includeAndExcludeGlobs() throws {
        let root = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for name in ["x/build-log.txt", "x/build-log.txt.gz", "x/junit.xml", "skip/build-log.txt"] {
            try Fixture.write("z\n", to: root.appendingPathComponent(name))
        }
        var enumerator = InputEnumerator(filter: PathFilter(include: ["build-log.txt*"], exclude: ["skip"])) { _, _ in }
        let items = enumerator.expand([root.path])
        #expect(items.map(\.location.displayPath) == [root.path + "/x/build-log.txt", root.path + "/x/build-log.txt.gz"])
    }

    @Test func missingArgumentsBecomeErrorRecords() throws {
        var enumerator = InputEnumerator(filter: PathFilter()) { _, _ in }
        let items = enumerator.expand(["/nonexistent/logscan", "-"])
        #expect(items[0].openError?.kind == .notFound)
        #expect(items[1].location == .standardInput)
    }

    @Test func tenThousandTinyFilesAllGetRecordsInOrder() throws {
        let root = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for index in 0..<10_000 {
            let name = String(format: "%05d.log", index)
            _ = FileManager.default.createFile(atPath: root.appendingPathComponent(name).path,
                                           contents: Data((index % 3 == 0 ? "FAIL \(index)\n" : "ok\n").utf8))
        }
        var enumerator = InputEnumerator(filter: PathFilter()) { _, _ in }
        let items = enumerator.expand([root.path])
        #expect(items.count == 10_000)
        let box = ResultBox()
        let summary = ScanRunner(patterns: try Fixture.patternSet(["FAIL"]), options: ScanOptions(jobs: 4)).run(items) { box.append($0) }
        #expect(summary.files == 10_000)
        #expect(summary.patternFiles[0] == 3334)
        #expect(box.results.map(\.location) == items.map(\.location))
        #expect(box.results.allSatisfy { $0.error == nil && $0.tally.lines == 1 })
    }

    /// A slow first input (a FIFO no one writes to yet) must not let the other workers run ahead
    /// through the whole list: results wait for it in a table of at most `reorderWindow` entries.
    @Test func workersStayWithinTheReorderWindowBehindASlowInput() throws {
        let root = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let fifo = root.appendingPathComponent("slow.fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        var items = [InputItem(location: .file(fifo.path))]
        for index in 0..<500 {
            let url = root.appendingPathComponent(String(format: "%03d.log", index))
            try Data("FAIL \(index)\n".utf8).write(to: url)
            items.append(InputItem(location: .file(url.path)))
        }
        let patterns = try Fixture.patternSet(["FAIL"])
        var options = ScanOptions(jobs: 3)
        options.reorderWindow = 8
        let planner = ClaimRecorder(patterns: patterns)
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let runner = ScanRunner(patterns: patterns, options: options)
        let inputs = items
        Thread.detachNewThread {
            _ = runner.run(inputs, planner: planner) { box.append($0) }
            done.signal()
        }
        // Wait for the free workers to start (a loaded machine may be slow to run them), then give
        // them ample time to claim all 500 small files, were they allowed to.
        for _ in 0..<400 where planner.highest < 2 { Thread.sleep(forTimeInterval: 0.05) }
        Thread.sleep(forTimeInterval: 0.5)
        let claimedWhileBlocked = planner.highest
        let writer = open(fifo.path, O_WRONLY)
        #expect(writer >= 0)
        _ = "FAIL from the fifo\n".withCString { write(writer, $0, strlen($0)) }
        close(writer)
        done.wait()
        #expect(claimedWhileBlocked >= 2, "the free workers went on while the FIFO blocked")
        #expect(claimedWhileBlocked < 8, "claimed up to input \(claimedWhileBlocked) with a window of 8")
        #expect(box.results.map(\.location) == items.map(\.location))
        #expect(box.results.allSatisfy { $0.error == nil && $0.tally.counts == [1] })
    }

    /// File names are bytes on Linux: one that is not UTF-8 must still be read, not reported missing.
    @Test func fileNamesThatAreNotUTF8AreRead() throws {
        let root = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = Array((root.path + "/bad-").utf8) + [0xFF, 0xFE] + Array(".log".utf8)
        let fd = (path + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) } }
        try #require(fd >= 0)
        let content = Array("OOMKilled\n".utf8)
        _ = content.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        close(fd)
        var enumerator = InputEnumerator(filter: PathFilter(include: ["*.log"])) { _, _ in }
        for items in [enumerator.expand([root.path]), enumerator.expand(paths: [path])] {
            #expect(items.count == 1)
            #expect(items.first?.location.displayPath == root.path + "/bad-\u{FFFD}\u{FFFD}.log")
            let box = ResultBox()
            _ = ScanRunner(patterns: try Fixture.patternSet(["OOMKilled"]), options: ScanOptions()).run(items) { box.append($0) }
            #expect(box.results.first?.error == nil)
            #expect(box.results.first?.tally.counts == [1])
        }
    }
}

/// A planner that scans everything with the run's set and remembers the highest input claimed.
private final class ClaimRecorder: ScanPlanner, @unchecked Sendable {
    // @unchecked: `claimed` is only touched under `lock`; `patterns` is immutable.
    private let patterns: PatternSet
    private let lock = NSLock()
    private var claimed = -1

    init(patterns: PatternSet) { self.patterns = patterns }

    var highest: Int { lock.withLock { claimed } }

    func patterns(for index: Int) -> PatternSet? {
        lock.withLock { claimed = max(claimed, index) }
        return patterns
    }

    func complete(_ index: Int, scanned: [DocumentResult]) -> [DocumentResult] { scanned }
}
