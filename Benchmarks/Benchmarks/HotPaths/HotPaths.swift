import Benchmark
import Foundation
@_spi(Benchmarks) import LogScan

// Inputs come from the committed corpus (real-shaped generated logs), loaded once.
// Throughput is reported per uncompressed byte: package-benchmark's `throughput` metric counts
// iterations per second, and each iteration processes `Corpus.plainBytes` bytes.
enum Corpus {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The committed corpus' gzip files, each as stored.
    static let gzipFiles: [[UInt8]] = files().filter { $0.starts(with: [0x1F, 0x8B]) }

    /// All of the corpus decompressed, cut into whole-line chunks of about 256 KiB, like the scanner's.
    static let chunks: [[UInt8]] = {
        var plain: [UInt8] = []
        for file in files() {
            plain += file.starts(with: [0x1F, 0x8B]) ? try! HotPaths.inflateAll(file, with: "zlib") : file
            if plain.last != 0x0A { plain.append(0x0A) }
        }
        var result: [[UInt8]] = []
        var start = 0
        while start < plain.count {
            var end = min(plain.count, start + 256 * 1024)
            while end < plain.count, plain[end - 1] != 0x0A { end += 1 }
            result.append(Array(plain[start..<end]))
            start = end
        }
        return result
    }()

    static let plainBytes = chunks.reduce(0) { $0 + $1.count }
    static let plainMB = String(format: "%.1f", Double(plainBytes) / 1e6)
    static let gzipPlainMB = String(format: "%.1f", Double(gzipFiles.reduce(0) { $0 + ((try? HotPaths.inflateAll($1, with: "zlib").count) ?? 0) }) / 1e6)

    static func files() -> [[UInt8]] {
        let directory = root.appendingPathComponent("corpus")
        var result: [[UInt8]] = []
        let walker = FileManager.default.enumerator(atPath: directory.path)
        while let name = walker?.nextObject() as? String {
            if let data = try? Data(contentsOf: directory.appendingPathComponent(name)), !data.isEmpty { result.append(Array(data)) }
        }
        precondition(!result.isEmpty, "no corpus files under \(directory.path)")
        return result
    }

    static let curated = try! HotPaths.patterns([root.appendingPathComponent("patterns/ci-failures.yaml").path], engine: "auto")
    static let curatedReference = try! HotPaths.patterns([root.appendingPathComponent("patterns/ci-failures.yaml").path], engine: "pcre2")
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        maxDuration: .seconds(3),
        maxIterations: 50
    )
    Benchmark.defaultConfiguration = configuration

    for inflater in ["zlib", "isal"] {
        Benchmark("inflate \(inflater): corpus .gz files, \(Corpus.gzipPlainMB) MB out per iteration") { benchmark in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 64)
            defer { buffer.deallocate() }
            for _ in benchmark.scaledIterations {
                var total = 0
                for file in Corpus.gzipFiles { total += try HotPaths.inflate(file, with: inflater, into: buffer) }
                blackHole(total)
            }
        }
    }

    Benchmark("prefilter scan: curated set, engine auto, \(Corpus.plainMB) MB per iteration") { benchmark in
        let matcher = HotPaths.Matcher(Corpus.curated)
        for _ in benchmark.scaledIterations {
            for chunk in Corpus.chunks { blackHole(chunk.withUnsafeBytes { matcher.match($0) }) }
        }
    }

    Benchmark("reference scan: curated set, engine pcre2, \(Corpus.plainMB) MB per iteration",
              configuration: .init(maxDuration: .seconds(5), maxIterations: 5)) { benchmark in
        let matcher = HotPaths.Matcher(Corpus.curatedReference)
        for _ in benchmark.scaledIterations {
            for chunk in Corpus.chunks { blackHole(chunk.withUnsafeBytes { matcher.match($0) }) }
        }
    }

    // Confirmation: every line is a candidate (the literal "a" is everywhere), so this is the
    // cost of PCRE2 confirming lines Vectorscan names, per line.
    Benchmark("confirmation: every line a candidate, 8 patterns, \(Corpus.plainMB) MB per iteration") { benchmark in
        let patterns = try HotPaths.patterns(regexes: (0..<8).map { "a[^x]{0,\(30 + $0)}(?:error|fail)\($0)" }, engine: "auto")
        let matcher = HotPaths.Matcher(patterns)
        for _ in benchmark.scaledIterations {
            for chunk in Corpus.chunks { blackHole(chunk.withUnsafeBytes { matcher.match($0) }) }
        }
    }

    Benchmark("JSONL writing: 10,000 file records to /dev/null") { benchmark in
        for _ in benchmark.scaledIterations {
            try HotPaths.writeRecords(10_000, patterns: Corpus.curated, path: "/dev/null")
        }
    }
}
