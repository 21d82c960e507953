import CLogScanZlib

/// Inflates gzip data from another source with zlib, streaming through a fixed input buffer.
///
/// zlib's gzip mode verifies each member's CRC-32 and length trailer. Members written one after
/// another (`cat a.gz b.gz`, pigz, log rotation appends) are read as one stream via `inflateReset`;
/// zero padding after the last member (tape blocks) is accepted, other trailing bytes are an error.
package final class GzipSource: ByteSource {
    private enum State { case inMember, betweenMembers, finished }

    private let inner: ByteSource
    // The z_stream lives at a fixed heap address: zlib keeps a pointer back to it in its state.
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var state = State.inMember
    private var innerExhausted = false
    /// Compressed bytes handed to zlib so far, for error messages.
    private var consumed = 0
    private var members = 1

    static let inputCapacity = 128 * 1024

    init(inner: ByteSource) throws(InputError) {
        self.inner = inner
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: Self.inputCapacity, alignment: 16)
        // 15 + 16: maximum window, gzip wrapper only (so the trailer is checked, raw zlib rejected).
        let status = logscan_inflateInit2(stream, 15 + 16)
        guard status == Z_OK else {
            stream.deallocate()
            input.deallocate()
            throw InputError(.unreadable, "zlib could not start (code \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    /// Moves unread input to the front and reads more after it. Returns false at the end of the inner source.
    private func refill() throws(InputError) -> Bool {
        if innerExhausted { return false }
        let pending = Int(stream.pointee.avail_in)
        if pending > 0, let next = stream.pointee.next_in, UnsafeMutableRawPointer(next) != input.baseAddress {
            input.baseAddress!.copyMemory(from: next, byteCount: pending)
        }
        let space = UnsafeMutableRawBufferPointer(rebasing: input[pending...])
        let got = try inner.read(into: space)
        if got == 0 { innerExhausted = true }
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(pending + got)
        return got > 0
    }

    /// An error met after some output of the same call: that output is delivered first.
    private var deferredError: InputError?

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if let error = deferredError { throw error }
        stream.pointee.next_out = base.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(min(buffer.count, Int(UInt32.max)))
        let capacity = Int(stream.pointee.avail_out)
        do {
            return try inflateInto(capacity: capacity)
        } catch {
            let produced = capacity - Int(stream.pointee.avail_out)
            guard produced > 0 else { throw error }
            deferredError = error
            return produced
        }
    }

    private func inflateInto(capacity: Int) throws(InputError) -> Int {
        while stream.pointee.avail_out > 0 {
            switch state {
            case .finished:
                return capacity - Int(stream.pointee.avail_out)
            case .betweenMembers:
                try startNextMemberOrFinish()
            case .inMember:
                if stream.pointee.avail_in == 0, !(try refill()) {
                    throw GzipMemberRules.truncated(member: members, consumed: consumed)
                }
                let before = Int(stream.pointee.avail_in)
                let status = inflate(stream, Z_NO_FLUSH)
                consumed += before - Int(stream.pointee.avail_in)
                switch status {
                case Z_OK, Z_BUF_ERROR:
                    continue
                case Z_STREAM_END:
                    state = .betweenMembers
                case Z_DATA_ERROR, Z_NEED_DICT:
                    throw InputError(.corruptGzip, "\(describeZlibError()) in gzip member \(members) near compressed byte \(consumed)")
                case Z_MEM_ERROR:
                    throw InputError(.unreadable, "zlib ran out of memory")
                default:
                    throw InputError(.corruptGzip, "zlib error \(status) in gzip member \(members)")
                }
            }
        }
        return capacity
    }

    private func startNextMemberOrFinish() throws(InputError) {
        while stream.pointee.avail_in < 2, try refill() {}
        let available = Int(stream.pointee.avail_in)
        if available == 0 {
            state = .finished
            return
        }
        let next = stream.pointee.next_in!
        if GzipMemberRules.isMemberStart(next, available: available) {
            inflateReset(stream)
            members += 1
            state = .inMember
            return
        }
        while true {
            let count = Int(stream.pointee.avail_in)
            let bytes = stream.pointee.next_in!
            try GzipMemberRules.checkPadding(bytes, count: count, consumed: consumed)
            consumed += count
            stream.pointee.avail_in = 0
            if !(try refill()) { break }
        }
        state = .finished
    }

    private func describeZlibError() -> String {
        guard let message = stream.pointee.msg else { return "invalid compressed data" }
        let text = String(cString: message)
        switch text {
        case "incorrect data check": return "CRC-32 mismatch (incorrect data check)"
        case "incorrect length check": return "length mismatch in gzip trailer (incorrect length check)"
        default: return text
        }
    }
}
