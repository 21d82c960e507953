import CLogScanZlib

/// zlib's `inflate` in gzip mode (the reference decoder, `--inflater zlib`).
final class ZlibDecoder: InflateDecoder {
    // The z_stream lives at a fixed heap address: zlib keeps a pointer back to it in its state.
    private let stream: UnsafeMutablePointer<z_stream>

    init() throws(InputError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 16: maximum window, gzip wrapper only (so the trailer is checked, raw zlib rejected).
        let status = logscan_inflateInit2(stream, 15 + 16)
        guard status == Z_OK else {
            stream.deallocate()
            throw InputError(.unreadable, "zlib could not start (code \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    var nextInput: UnsafeMutablePointer<UInt8>? { stream.pointee.next_in }
    var availableInput: Int { Int(stream.pointee.avail_in) }
    var availableOutput: Int { Int(stream.pointee.avail_out) }

    func setInput(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) {
        stream.pointee.next_in = bytes
        stream.pointee.avail_in = uInt(count)
    }

    func setOutput(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) {
        stream.pointee.next_out = bytes
        stream.pointee.avail_out = uInt(count)
    }

    func inflate() -> InflateStep {
        let status = CLogScanZlib.inflate(stream, Z_NO_FLUSH)
        switch status {
        case Z_OK, Z_BUF_ERROR: return .progress
        case Z_STREAM_END: return .memberEnd
        case Z_DATA_ERROR, Z_NEED_DICT: return .corrupt(describeError())
        case Z_MEM_ERROR: return .failed(InputError(.unreadable, "zlib ran out of memory"))
        default: return .corrupt("zlib error \(status)")
        }
    }

    func resetForNextMember() { inflateReset(stream) }

    private func describeError() -> String {
        guard let message = stream.pointee.msg else { return "invalid compressed data" }
        let text = String(cString: message)
        switch text {
        case "incorrect data check": return "CRC-32 mismatch (incorrect data check)"
        case "incorrect length check": return "length mismatch in gzip trailer (incorrect length check)"
        default: return text
        }
    }
}
