import CLogScanISAL

/// Inflates gzip data with ISA-L's igzip (about 3x zlib on this kind of machine), streaming
/// through a fixed input buffer, with the same member, padding and error rules as `GzipSource`.
///
/// ISA-L's gzip mode parses the header and verifies the CRC-32 and length trailer of each member.
/// On damaged data the two inflaters may stop after different amounts of output, so
/// `DocumentScanner` re-reads a damaged file with zlib, the reference, before reporting it.
package final class IsalGzipSource: ByteSource {
    private enum Phase { case inMember, betweenMembers, finished }

    private let inner: ByteSource
    // The inflate_state lives at a fixed heap address (it is large, and holds its own buffers).
    private let state: UnsafeMutablePointer<inflate_state>
    private let input: UnsafeMutableRawBufferPointer
    private var phase = Phase.inMember
    private var innerExhausted = false
    private var consumed = 0
    private var members = 1
    private var deferredError: InputError?

    init(inner: ByteSource) {
        self.inner = inner
        state = .allocate(capacity: 1)
        input = .allocate(byteCount: GzipSource.inputCapacity, alignment: 64)
        isal_inflate_init(state)
        state.pointee.crc_flag = UInt32(ISAL_GZIP)
        state.pointee.avail_in = 0
    }

    deinit {
        state.deallocate()
        input.deallocate()
    }

    /// Moves unread input to the front and reads more after it. Returns false at the end of the inner source.
    private func refill() throws(InputError) -> Bool {
        if innerExhausted { return false }
        let pending = Int(state.pointee.avail_in)
        if pending > 0, let next = state.pointee.next_in, UnsafeMutableRawPointer(next) != input.baseAddress {
            input.baseAddress!.copyMemory(from: next, byteCount: pending)
        }
        guard pending < input.count else {
            throw InputError(.corruptGzip, "gzip member \(members) stalls: 128 KiB of input decode to nothing")
        }
        let got = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: input[pending...]))
        if got == 0 { innerExhausted = true }
        state.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        state.pointee.avail_in = UInt32(pending + got)
        return got > 0
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if let error = deferredError { throw error }
        state.pointee.next_out = base.assumingMemoryBound(to: UInt8.self)
        state.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        let capacity = Int(state.pointee.avail_out)
        do {
            return try inflateInto(capacity: capacity)
        } catch {
            let produced = capacity - Int(state.pointee.avail_out)
            guard produced > 0 else { throw error }
            deferredError = error
            return produced
        }
    }

    private func inflateInto(capacity: Int) throws(InputError) -> Int {
        while state.pointee.avail_out > 0 {
            switch phase {
            case .finished:
                return capacity - Int(state.pointee.avail_out)
            case .betweenMembers:
                try startNextMemberOrFinish()
            case .inMember:
                // At the end of the input ISA-L may still hold decoded bytes: one more call flushes them.
                if state.pointee.avail_in == 0 { _ = try refill() }
                let inBefore = Int(state.pointee.avail_in)
                let outBefore = Int(state.pointee.avail_out)
                let status = isal_inflate(state)
                consumed += inBefore - Int(state.pointee.avail_in)
                if status < 0 { throw InputError(.corruptGzip, "\(Self.describe(status)) in gzip member \(members) near compressed byte \(consumed)") }
                if state.pointee.block_state == ISAL_BLOCK_FINISH {
                    phase = .betweenMembers
                    continue
                }
                let progressed = Int(state.pointee.avail_in) != inBefore || Int(state.pointee.avail_out) != outBefore
                if !progressed, !(try refill()) { throw truncated() }
            }
        }
        return capacity
    }

    private func truncated() -> InputError { GzipMemberRules.truncated(member: members, consumed: consumed) }

    private func startNextMemberOrFinish() throws(InputError) {
        while state.pointee.avail_in < 2, try refill() {}
        let available = Int(state.pointee.avail_in)
        if available == 0 {
            phase = .finished
            return
        }
        let next = state.pointee.next_in!
        if GzipMemberRules.isMemberStart(next, available: available) {
            // Reset forgets the input position and the wrapper mode; both are set again.
            let pendingInput = state.pointee.next_in
            isal_inflate_reset(state)
            state.pointee.crc_flag = UInt32(ISAL_GZIP)
            state.pointee.next_in = pendingInput
            state.pointee.avail_in = UInt32(available)
            members += 1
            phase = .inMember
            return
        }
        while true {
            let count = Int(state.pointee.avail_in)
            let bytes = state.pointee.next_in!
            try GzipMemberRules.checkPadding(bytes, count: count, consumed: consumed)
            consumed += count
            state.pointee.avail_in = 0
            if !(try refill()) { break }
        }
        phase = .finished
    }

    private static func describe(_ status: Int32) -> String {
        switch status {
        case ISAL_INVALID_BLOCK: return "invalid deflate block"
        case ISAL_INVALID_SYMBOL: return "invalid code in deflate data"
        case ISAL_INVALID_LOOKBACK: return "invalid distance too far back"
        case ISAL_INVALID_WRAPPER: return "invalid gzip header"
        case ISAL_UNSUPPORTED_METHOD: return "unknown compression method"
        case ISAL_INCORRECT_CHECKSUM: return "CRC-32 or length mismatch in gzip trailer"
        case ISAL_NEED_DICT: return "deflate data needs a preset dictionary"
        default: return "ISA-L error \(status)"
        }
    }
}
