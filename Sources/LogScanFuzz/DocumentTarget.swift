import Engine
import Foundation
import Glibc
import Input
import LogScan

/// One input file scanned as `logscan scan` scans it (gzip sniffing, TestGrid detection and the
/// JSON tokenizer, line splitting, matching with the built-in set, examples), once with each
/// inflater. Promised: every record is one line of valid JSON, the same whichever inflater read
/// it (README, `--inflater`), and every error message is one line.
final class DocumentTarget: FuzzTarget {
    static let name = "document"
    private let patterns: PatternSet
    private let directory: String
    private let inputPath: String
    private let outputPath: String
    /// The records file, truncated before each use; written through one sink, as a run writes.
    private let outputDescriptor: Int32
    private let output: OutputChannel
    private let sink: JSONLinesSink
    /// One scanner per inflater, reused as a worker reuses its scanner across documents.
    private let scanners: [Inflater: DocumentScanner]

    init() {
        do {
            patterns = try PatternSet.load(paths: [])
        } catch {
            violated("the built-in pattern set does not load", error.description)
        }
        directory = FuzzScratch.directory()
        inputPath = directory + "/input"
        outputPath = directory + "/records.jsonl"
        var scanners: [Inflater: DocumentScanner] = [:]
        for inflater in Inflater.allCases {
            // Small buffers and line limit, so long lines and buffer growth happen within libFuzzer's inputs.
            let options = ScanOptions(exampleLimit: 2, bufferCapacity: 4096, inflater: inflater, pipelineInflate: false,
                                      maxLineBytes: 16384)
            scanners[inflater] = DocumentScanner(patterns: patterns, options: options)
        }
        self.scanners = scanners
        outputDescriptor = open(outputPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard outputDescriptor >= 0 else { violated("cannot write the scratch output", outputPath) }
        output = OutputChannel(fd: outputDescriptor, ownsDescriptor: true)
        sink = JSONLinesSink(output: output, patterns: patterns)
    }

    func check(_ input: UnsafeRawBufferPointer) {
        guard FuzzScratch.write(input, to: inputPath) else { violated("cannot write the scratch input", inputPath) }
        let isal = records(inflater: .isal)
        let zlib = records(inflater: .zlib)
        if isal != zlib {
            violated("records differ between --inflater isal and zlib",
                     "isal: \(String(decoding: isal, as: UTF8.self)) zlib: \(String(decoding: zlib, as: UTF8.self))")
        }
        for line in isal.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            guard (try? JSONSerialization.jsonObject(with: Data(line))) is [String: Any] else {
                violated("a record is not one JSON object", String(decoding: line, as: UTF8.self))
            }
        }
    }

    private func records(inflater: Inflater) -> [UInt8] {
        let results = scanners[inflater]!.scanDocuments(InputItem(location: .file(bytes: Array(inputPath.utf8))))
        for result in results {
            if let error = result.error, !isOneLine(error.message) { violated("an error message is not one line", error.message) }
        }
        guard ftruncate(outputDescriptor, 0) == 0, lseek(outputDescriptor, 0, SEEK_SET) == 0 else {
            violated("cannot truncate the scratch output", outputPath)
        }
        for result in results { sink.record(result) }
        output.flush()
        guard let bytes = ReplayFiles.read(outputPath) else { violated("cannot read the scratch output", outputPath) }
        return bytes
    }
}
