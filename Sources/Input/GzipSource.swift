/// Inflates gzip data from another source, streaming through a fixed input buffer, with either
/// decoder (`ZlibDecoder`, `IsalDecoder`): the member, header, padding and error rules live here,
/// once, so both give the same bytes and the same errors word for word.
///
/// Each member's CRC-32 and length trailer is verified by the decoder. Members written one after
/// another (`cat a.gz b.gz`, pigz, log rotation appends) are read as one stream; zero padding after
/// the last member (tape blocks) is accepted, other trailing bytes are an error. On damaged data
/// the decoders may stop after different amounts of output, so `DocumentScanner` re-reads a damaged
/// file with zlib, the reference, before reporting it.
final class GzipSource<Decoder: InflateDecoder>: ByteSource {
    private enum Phase { case memberStart, inMember, betweenMembers, finished }

    private let inner: ByteSource
    private var decoder: Decoder
    private let input: UnsafeMutableRawBufferPointer
    private var phase = Phase.memberStart
    private var innerExhausted = false
    /// Compressed bytes handed to the decoder so far, for error messages.
    private var consumed = 0
    private var members = 1
    /// An error met after some output of the same call: that output is delivered first.
    private var deferredError: InputError?

    static var inputCapacity: Int { 128 * 1024 }

    init(inner: ByteSource) throws(InputError) {
        self.inner = inner
        decoder = try Decoder()
        input = .allocate(byteCount: Self.inputCapacity, alignment: 64)
    }

    deinit { input.deallocate() }

    /// Moves unread input to the front and reads more after it. Returns false at the end of the inner source.
    private func refill() throws(InputError) -> Bool {
        if innerExhausted { return false }
        let pending = decoder.availableInput
        if pending > 0, let next = decoder.nextInput, UnsafeMutableRawPointer(next) != input.baseAddress {
            input.baseAddress!.copyMemory(from: next, byteCount: pending)
        }
        guard pending < input.count else {
            throw InputError(.corruptGzip, "gzip member \(members) stalls: 128 KiB of input decode to nothing")
        }
        let got = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: input[pending...]))
        if got == 0 { innerExhausted = true }
        decoder.setInput(input.baseAddress!.assumingMemoryBound(to: UInt8.self), count: pending + got)
        return got > 0
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if let error = deferredError { throw error }
        let capacity = min(buffer.count, Int(UInt32.max))
        decoder.setOutput(base.assumingMemoryBound(to: UInt8.self), count: capacity)
        do {
            return try inflateInto(capacity: capacity)
        } catch {
            let produced = capacity - decoder.availableOutput
            guard produced > 0 else { throw error }
            deferredError = error
            return produced
        }
    }

    private func inflateInto(capacity: Int) throws(InputError) -> Int {
        while decoder.availableOutput > 0 {
            switch phase {
            case .finished:
                return capacity - decoder.availableOutput
            case .memberStart:
                try checkHeader()
                phase = .inMember
            case .betweenMembers:
                try startNextMemberOrFinish()
            case .inMember:
                // At the end of the input a decoder may still hold decoded bytes: one more call flushes them.
                if decoder.availableInput == 0 { _ = try refill() }
                let inBefore = decoder.availableInput
                let outBefore = decoder.availableOutput
                let step = decoder.inflate()
                consumed += inBefore - decoder.availableInput
                switch step {
                case .progress:
                    let progressed = decoder.availableInput != inBefore || decoder.availableOutput != outBefore
                    if !progressed, !(try refill()) { throw GzipMemberRules.truncated(member: members, consumed: consumed) }
                case .memberEnd:
                    phase = .betweenMembers
                case .corrupt(let what):
                    throw InputError(.corruptGzip, "\(what) in gzip member \(members) near compressed byte \(consumed)")
                case .failed(let error):
                    throw error
                }
            }
        }
        return capacity
    }

    /// The fixed part of a member's header, checked the same way whichever decoder reads it.
    private func checkHeader() throws(InputError) {
        while decoder.availableInput < GzipMemberRules.fixedHeaderBytes, try refill() {}
        guard let next = decoder.nextInput else { return }
        try GzipMemberRules.checkHeader(next, available: decoder.availableInput, member: members, consumed: consumed)
    }

    private func startNextMemberOrFinish() throws(InputError) {
        while decoder.availableInput < 2, try refill() {}
        let available = decoder.availableInput
        if available == 0 {
            phase = .finished
            return
        }
        if GzipMemberRules.isMemberStart(decoder.nextInput!, available: available) {
            decoder.resetForNextMember()
            members += 1
            phase = .memberStart
            return
        }
        while true {
            try GzipMemberRules.checkPadding(decoder.nextInput!, count: decoder.availableInput, consumed: consumed)
            consumed += decoder.availableInput
            decoder.setInput(input.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 0)
            if !(try refill()) { break }
        }
        phase = .finished
    }
}

/// One gzip member decoder (zlib or ISA-L): the streaming state `GzipSource` drives.
protocol InflateDecoder {
    init() throws(InputError)
    var nextInput: UnsafeMutablePointer<UInt8>? { get }
    var availableInput: Int { get }
    var availableOutput: Int { get }
    mutating func setInput(_ bytes: UnsafeMutablePointer<UInt8>, count: Int)
    mutating func setOutput(_ bytes: UnsafeMutablePointer<UInt8>, count: Int)
    /// Decodes as much as input and output allow.
    mutating func inflate() -> InflateStep
    /// Starts on a new member at the current input position.
    mutating func resetForNextMember()
}

enum InflateStep {
    /// Some input or output moved, or none could (more input needed).
    case progress
    /// The member's trailer checked out.
    case memberEnd
    /// The data is damaged: what is wrong, in words.
    case corrupt(String)
    case failed(InputError)
}
