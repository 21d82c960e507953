import Foundation
import Testing

/// `scan --shard K/N` and `merge`, through the real executable: every document lands in exactly one
/// shard, and the merged shards are byte for byte one run's output (timing masked).
@Suite(.serialized) struct ShardMergeCLITests {
    static func masked(_ text: String) -> String {
        text.replacingOccurrences(of: #""elapsed_s":[0-9.]+"#, with: #""elapsed_s":X"#, options: .regularExpression)
    }

    static func paths(_ output: CLITests.Output) -> [String] {
        output.lines.filter { $0["type"] as? String == "file" }.compactMap { $0["path"] as? String }
    }

    /// 10,000 tiny files (a few matching), sharded 1, 2, 3 and 7 ways.
    @Test func everyFileInExactlyOneShardAndMergeEqualsOneRun() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let archive = root.appendingPathComponent("archive")
        for index in 0..<10_000 {
            let directory = archive.appendingPathComponent("job-\(index % 37)/\(index)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let text = index % 11 == 0 ? "step \(index)\nOOMKilled\n" : "step \(index)\nok\n"
            try Data(text.utf8).write(to: directory.appendingPathComponent("build-log.txt"))
        }
        let single = try CLITests.logscan(["scan", "-q", "-j2", archive.path])
        #expect(single.status == 0, "\(single.stderr)")
        let all = Self.paths(single)
        #expect(all.count == 10_000)
        for count in [1, 2, 3, 7] {
            var shardFiles: [String] = []
            var seen: [String] = []
            for index in 0..<count {
                let file = root.appendingPathComponent("shard-\(index)-of-\(count).jsonl")
                let shard = try CLITests.logscan(["scan", "-q", "-j2", "--shard", "\(index)/\(count)", archive.path, "-o", file.path])
                #expect(shard.status == 0, "\(shard.stderr)")
                let output = try String(contentsOf: file, encoding: .utf8)
                #expect(output.hasPrefix(#"{"type":"header","schema":1,"shard":"\#(index)/\#(count)""#))
                seen += Self.paths(CLITests.Output(status: 0, stdout: output, stderr: ""))
                shardFiles.append(file.path)
            }
            #expect(seen.count == all.count, "\(count) shards hold \(seen.count) records")
            #expect(Set(seen) == Set(all), "every file in a shard")
            if count > 1 {
                let sizes = shardFiles.map { (try? String(contentsOfFile: $0, encoding: .utf8).split(separator: "\n").count) ?? 0 }
                #expect(sizes.allSatisfy { $0 > 10_000 / count / 2 }, "shards roughly even: \(sizes)")
            }
            let merged = try CLITests.logscan(["merge"] + shardFiles.reversed())
            #expect(merged.status == 0, "\(merged.stderr)")
            #expect(Self.masked(merged.stdout) == Self.masked(single.stdout), "merge of \(count) shards equals one run")
        }
    }

    /// The key is the path under the directory argument, so two mount points of one archive agree.
    @Test func shardsDoNotDependOnWhereTheArchiveIsMounted() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = root.appendingPathComponent("mnt/archive"), second = root.appendingPathComponent("data/elsewhere/archive")
        for base in [first, second] {
            for index in 0..<200 {
                let file = base.appendingPathComponent("b\(index)/log.txt")
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data("line \(index)\n".utf8).write(to: file)
            }
        }
        for index in 0..<3 {
            let a = Self.paths(try CLITests.logscan(["scan", "-q", "--shard", "\(index)/3", first.path]))
            let b = Self.paths(try CLITests.logscan(["scan", "-q", "--shard", "\(index)/3", second.path]))
            #expect(!a.isEmpty)
            #expect(a.map { String($0.dropFirst(first.path.count)) } == b.map { String($0.dropFirst(second.path.count)) })
        }
    }

    @Test func mergeRefusesWhatDoesNotFit() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let set = root.appendingPathComponent("other.txt")
        try Data("OOMKilled\n".utf8).write(to: set)
        func shard(_ spec: String, _ extra: [String] = [], name: String) throws -> String {
            let file = root.appendingPathComponent(name).path
            let result = try CLITests.logscan(["scan", "-q", "--shard", spec] + extra + ["corpus/", "-o", file])
            #expect(result.status == 0, "\(result.stderr)")
            return file
        }
        let zero = try shard("0/2", name: "a0.jsonl"), one = try shard("1/2", name: "a1.jsonl")
        let otherSet = try shard("1/2", ["-p", set.path], name: "b1.jsonl")
        let plain = root.appendingPathComponent("plain.jsonl").path
        _ = try CLITests.logscan(["scan", "-q", "corpus/", "-o", plain])

        let mismatched = try CLITests.logscan(["merge", zero, otherSet])
        #expect(mismatched.status == 2)
        #expect(mismatched.stderr.contains("a0.jsonl and \(otherSet) were scanned with different pattern sets"), "\(mismatched.stderr)")
        let missing = try CLITests.logscan(["merge", zero])
        #expect(missing.status == 2 && missing.stderr.contains("shard 1/2 missing"), "\(missing.stderr)")
        let twice = try CLITests.logscan(["merge", zero, one, zero])
        #expect(twice.status == 2 && twice.stderr.contains("shard 0/2 is given twice"), "\(twice.stderr)")
        let unsharded = try CLITests.logscan(["merge", zero, plain])
        #expect(unsharded.status == 2 && unsharded.stderr.contains("is not the output of a sharded scan"), "\(unsharded.stderr)")
        let cut = root.appendingPathComponent("cut.jsonl")
        let text = try String(contentsOfFile: one, encoding: .utf8)
        try Data(text.split(separator: "\n").dropLast().joined(separator: "\n").utf8).write(to: cut)
        let truncated = try CLITests.logscan(["merge", zero, cut.path])
        #expect(truncated.status == 2 && truncated.stderr.contains("no summary line"), "\(truncated.stderr)")
        let bad = try CLITests.logscan(["scan", "--shard", "3/3", "corpus/"])
        #expect(bad.status == 2 && bad.stderr.contains("--shard takes K/N"))
    }

    /// A damaged log in one shard: the merge is still one run's output, and exits 1 as that run does.
    @Test func mergeExitsAsOneRunWouldWhenLogsHadErrors() throws {
        let root = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let archive = root.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        for index in 0..<12 { try Data("build \(index)\nOOMKilled\n".utf8).write(to: archive.appendingPathComponent("log-\(index).txt")) }
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "seq 1 20000 | gzip -c | head -c 3000 > \"$0\"", archive.appendingPathComponent("cut.log.gz").path]
        try gzip.run()
        gzip.waitUntilExit()
        let single = try CLITests.logscan(["scan", "-q", archive.path])
        #expect(single.status == 1)
        var parts: [String] = []
        for index in 0..<3 {
            let file = root.appendingPathComponent("part-\(index).jsonl").path
            let shard = try CLITests.logscan(["scan", "-q", "--shard", "\(index)/3", archive.path, "-o", file])
            #expect(shard.status <= 1, "\(shard.stderr)")
            parts.append(file)
        }
        let merged = try CLITests.logscan(["merge"] + parts)
        #expect(merged.status == 1, "\(merged.stderr)")
        #expect(Self.masked(merged.stdout) == Self.masked(single.stdout))
    }
}
