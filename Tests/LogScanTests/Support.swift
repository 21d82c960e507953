import Foundation
import Engine
import Input
import LogScan
import PatternSets
import Testing

/// Paths and helpers shared by the library tests: real temp files, real gzip, real grep.
enum Fixture {
    static let projectRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = projectRoot.appendingPathComponent("corpus")
    static let ciFailures = projectRoot.appendingPathComponent("patterns/ci-failures.yaml")
    /// `../shared/realdata` beside the project, when this machine has it.
    static let realdata = projectRoot.deletingLastPathComponent().appendingPathComponent("shared/realdata")

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("logscan-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @discardableResult
    static func write(_ bytes: [UInt8], to url: URL) throws -> URL {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    @discardableResult
    static func write(_ text: String, to url: URL) throws -> URL { try write(Array(text.utf8), to: url) }

    /// gzip(1) output of `bytes`: the real tool, not our own encoder.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        try run("/bin/sh", ["-c", "gzip -c -n"], stdin: bytes).stdout
    }

    struct Output {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs a process to completion; stdin is fed from a file so large inputs cannot deadlock.
    static func run(_ executable: String, _ arguments: [String], stdin: [UInt8]? = nil,
                    environment: [String: String]? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        if let stdin {
            let inURL = scratch.appendingPathComponent("in")
            try Data(stdin).write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Output(status: process.terminationStatus,
                      stdout: Array(try Data(contentsOf: outURL)),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// GNU grep -P as the oracle: lines with a match, per file, PCRE2 in UTF mode like logscan.
    static func grepCount(_ regex: String, files: [String]) throws -> [String: Int] {
        let result = try run("/usr/bin/env", ["grep", "-aPc", "-H", "-e", regex, "--"] + files,
                             environment: ["LC_ALL": "C.UTF-8"])
        #expect(result.status == 0 || result.status == 1, "grep failed on \(regex): \(result.stderr)")
        var counts: [String: Int] = [:]
        for line in result.text.split(separator: "\n") {
            guard let colon = line.lastIndex(of: ":") else { continue }
            counts[String(line[..<colon])] = Int(line[line.index(after: colon)...])
        }
        return counts
    }

    static func patternSet(_ regexes: [String], allowBufferSearch: Bool = true, engine: MatchEngine = .auto) throws -> PatternSet {
        let definitions = regexes.enumerated().map { index, regex in
            PatternDefinition(id: "p\(index)", regex: regex, location: SourceLocation(file: "test", line: index + 1))
        }
        return try PatternSet(definitions: definitions, sources: ["test"], allowBufferSearch: allowBufferSearch, engine: engine)
    }

    static func scan(_ url: URL, _ patterns: PatternSet, options: ScanOptions = ScanOptions()) -> DocumentResult {
        DocumentScanner(patterns: patterns, options: options).scan(InputItem(location: .file(url.path)))
    }

    static func scan(_ bytes: [UInt8], _ regexes: [String], options: ScanOptions = ScanOptions()) throws -> DocumentResult {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try write(bytes, to: directory.appendingPathComponent("input.log"))
        return scan(url, try patternSet(regexes), options: options)
    }

    /// Every regular file below `directory`, sorted.
    static func files(under directory: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.path < $1.path }
    }

    /// What logscan matches for CRLF input: the `\r` that ends a line (or the data) removed. grep keeps
    /// it, so the oracle is fed this.
    static func stripLineEndCRs(_ bytes: [UInt8]) -> [UInt8] {
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated()
        where !(byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] == 0x0A)) {
            cleaned.append(byte)
        }
        return cleaned
    }
}
