import Input

/// Both gzip readers over the same bytes. Promised (README, `--inflater`): a stream ISA-L reads
/// to its end, zlib reads to its end with the same bytes; where ISA-L stops on damage, logscan
/// re-reads with zlib, so only zlib's reading is ever reported. Every error message is one line.
final class GzipReadersTarget: FuzzTarget {
    static let name = "gzip"
    /// Output beyond this is not compared: a bomb is the memory bound's business, not this target's.
    private static let outputCap = 4 << 20
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 64)

    init() {}

    deinit { buffer.deallocate() }

    func check(_ input: UnsafeRawBufferPointer) {
        let bytes = Array(input)
        let zlib = inflate(bytes, with: .zlib)
        let isal = inflate(bytes, with: .isal)
        for reading in [zlib, isal] {
            if let error = reading.error, !isOneLine(error.message) {
                violated("gzip error message is not one line", error.message)
            }
        }
        switch (isal.error, zlib.error) {
        case (nil, nil):
            if isal.output != zlib.output {
                violated("isal and zlib read different bytes", "isal \(isal.output.count) bytes, zlib \(zlib.output.count), input \(bytes.shown)")
            }
        case (nil, let zlibError?):
            // ISA-L stopped at the cap: whether it would have failed further on is unknown.
            guard isal.complete else { return }
            violated("isal read to the end where zlib failed", "zlib: \(zlibError.kind.rawValue): \(zlibError.message); input \(bytes.shown)")
        case (let isalError?, _):
            if isalError.kind != .corruptGzip && isalError.kind != .truncatedGzip {
                violated("isal failed with a kind that is not re-read with zlib", "\(isalError.kind.rawValue): \(isalError.message)")
            }
        }
    }

    private struct Reading {
        var output: [UInt8] = []
        var error: InputError?
        /// Read to the end of the stream, not stopped at the cap or by an error.
        var complete = false
    }

    private func inflate(_ bytes: [UInt8], with inflater: Inflater) -> Reading {
        var reading = Reading()
        do {
            let source = try inflater.makeSource(over: MemorySource(bytes))
            while reading.output.count < Self.outputCap {
                let got = try source.read(into: buffer)
                if got == 0 {
                    reading.complete = true
                    break
                }
                reading.output.append(contentsOf: buffer.prefix(got))
            }
            reading.output.removeLast(max(0, reading.output.count - Self.outputCap))
        } catch {
            reading.error = error
        }
        return reading
    }
}
