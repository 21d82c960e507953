import Engine
import Glibc
import Input

/// A corpus decompressed and cleaned into memory once, cut into chunks of whole lines as the
/// scanner would feed them, so that timing it measures matching and nothing else.
package final class BenchCorpus {
    /// Cleaned text of every document, each ending with `\n`.
    let storage: UnsafeMutableRawBufferPointer
    /// Chunk boundaries: `storage[chunks[i]..<chunks[i+1]]`, each ending after a `\n`.
    let chunks: [Int]
    /// Bytes as read (before ANSI/CR cleaning), for MB/s comparable with `scan`.
    package let bytes: Int
    package let documents: Int
    /// Inputs that could not be read in full, with why; what was read is kept.
    package let problems: [(path: String, error: InputError)]

    package var cleanedBytes: Int { chunks.last ?? 0 }

    /// Reads `items` until `sampleBytes` (uncompressed) are in; whole lines only.
    package init(items: [InputItem], sampleBytes: Int? = nil, keepANSI: Bool = false, stripTimestamps: Bool = false,
                chunkBytes: Int = 256 * 1024) {
        var text: [UInt8] = []
        var read = 0
        var documents = 0
        var problems: [(String, InputError)] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { buffer.deallocate() }
        items: for item in items {
            if let limit = sampleBytes, read >= limit { break }
            if let error = item.openError {
                problems.append((item.location.displayPath, error))
                continue
            }
            var document: [UInt8] = []
            do {
                let opened = try InputOpener.open(item.location, inflater: .isal)
                while true {
                    let got = try opened.source.read(into: buffer)
                    if got == 0 { break }
                    document.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
                    if let limit = sampleBytes, read + document.count >= limit { break }
                }
            } catch {
                problems.append((item.location.displayPath, error))
            }
            if let limit = sampleBytes, read + document.count > limit {
                // Keep whole lines up to the sample size.
                var end = limit - read
                while end > 0, document[end - 1] != LineIndex.newline { end -= 1 }
                document.removeSubrange(end...)
            }
            if document.isEmpty { continue }
            read += document.count
            documents += 1
            if document.last != LineIndex.newline { document.append(LineIndex.newline) }
            let cleaned = document.withUnsafeMutableBufferPointer { pointer -> Int in
                var length = TextCleaner.clean(pointer.baseAddress!, count: pointer.count, stripANSI: !keepANSI)
                if stripTimestamps { length = TimestampPrefix.strip(pointer.baseAddress!, count: length) }
                return length
            }
            text.append(contentsOf: document[0..<cleaned])
        }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, text.count), alignment: 64)
        text.withUnsafeBytes { storage.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: text.count) }
        self.storage = storage
        var chunks = [0]
        var start = 0
        while start < text.count {
            var end = min(text.count, start + chunkBytes)
            while end < text.count, text[end - 1] != LineIndex.newline { end += 1 }
            chunks.append(end)
            start = end
        }
        self.chunks = chunks
        self.bytes = read
        self.documents = documents
        self.problems = problems
    }

    deinit { storage.deallocate() }

    /// What `scan` would calibrate a large set's literals on: up to `CalibrationSample.defaultBytes`
    /// of the corpus, whole lines, taken evenly across it.
    var calibrationSample: CalibrationSample {
        let total = cleanedBytes
        let pieces = CalibrationSample.maximumItems
        let base = storage.baseAddress!.assumingMemoryBound(to: UInt8.self)
        guard total > CalibrationSample.defaultBytes else {
            return CalibrationSample(text: Array(UnsafeBufferPointer(start: base, count: total)), documents: documents, inputBytes: total)
        }
        var text: [UInt8] = []
        let each = CalibrationSample.defaultBytes / pieces
        for piece in 0..<pieces {
            var start = piece * (total - each) / (pieces - 1)
            while start > 0, base[start - 1] != LineIndex.newline { start -= 1 }
            var end = min(total, start + each)
            while end > start, base[end - 1] != LineIndex.newline { end -= 1 }
            text += UnsafeBufferPointer(start: base + start, count: end - start)
        }
        return CalibrationSample(text: text, documents: pieces, inputBytes: total)
    }

    /// Matches every chunk with `matcher`, reporting to `sink`; returns seconds.
    func scan(_ matcher: ChunkMatcher, sink: any LineSink) -> Double {
        let base = UnsafePointer(storage.baseAddress!.assumingMemoryBound(to: UInt8.self))
        let start = monotonicSeconds()
        var line = 1
        for index in 0..<(chunks.count - 1) {
            let from = chunks[index]
            line += matcher.match(base + from, length: chunks[index + 1] - from, firstLine: line, sink: sink)
        }
        return monotonicSeconds() - start
    }
}
