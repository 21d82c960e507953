import Foundation
import Testing
@testable import Engine

/// The survey counts lines and finds ill-formed UTF-8 64 bytes at a time; it must give what a
/// byte-by-byte walk gives at every length, alignment and newline density, and find the same first
/// ill-formed byte as `UTF8Validation.firstInvalid`, with sequences straddling its 64-byte blocks.
@Suite struct ChunkSurveyTests {
    static func naiveLines(_ bytes: ArraySlice<UInt8>) -> Int {
        guard let last = bytes.last else { return 0 }
        return bytes.filter { $0 == 0x0A }.count + (last == 0x0A ? 0 : 1)
    }

    /// The first offset where Foundation's decoder disagrees with the bytes being well-formed:
    /// an oracle independent of `UTF8Validation`.
    static func naiveFirstInvalid(_ bytes: ArraySlice<UInt8>) -> Int? {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let lead = bytes[offset]
            if lead < 0x80 { offset += 1; continue }
            var matched = false
            for width in 2...4 where offset + width <= bytes.endIndex {
                if String(validating: bytes[offset..<offset + width], as: UTF8.self) != nil {
                    offset += width
                    matched = true
                    break
                }
            }
            if !matched { return offset - bytes.startIndex }
        }
        return nil
    }

    static func survey(_ bytes: [UInt8], _ start: Int, _ length: Int, validating: Bool = true) -> ChunkSurvey {
        bytes.withUnsafeBufferPointer { ChunkSurvey.survey($0.baseAddress! + start, length: length, validating: validating) }
    }

    @Test func countsLinesAsAByteByByteWalk() {
        var generator = SystemRandomNumberGenerator()
        for density in [0, 1, 8, 64, 255] {
            let bytes = (0..<20_000).map { _ in
                UInt8.random(in: 0...255, using: &generator) < density ? 0x0A : UInt8.random(in: 0x0B...0x7F, using: &generator)
            }
            for (start, length) in [(0, 0), (0, 1), (3, 7), (1, 8), (5, 9), (7, 33), (0, 64), (1, 127), (0, 4_032), (2, 4_097),
                                    (1, 19_999), (0, 20_000)] {
                let survey = Self.survey(bytes, start, length, validating: density.isMultiple(of: 2))
                #expect(survey.lines == Self.naiveLines(bytes[start..<start + length]), "density \(density), start \(start), length \(length)")
                #expect(survey.firstInvalid == nil)
            }
        }
        let newlines = [UInt8](repeating: 0x0A, count: 10_000)
        #expect(Self.survey(newlines, 0, 10_000).lines == 10_000, "every byte a newline: tallies reach their limit per lane")
    }

    @Test func findsTheFirstIllFormedByteAsTheValidatorDoes() {
        var generator = SystemRandomNumberGenerator()
        // Well-formed sequences of every width, and the ill-formed kinds of Unicode table 3-7:
        // a lone continuation, an overlong, a surrogate, past U+10FFFF, a truncated sequence.
        let valid: [[UInt8]] = [[0x41], [0x0A], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xED, 0x9F, 0xBF]]
        let invalid: [[UInt8]] = [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF]]
        for trial in 0..<400 {
            var bytes: [UInt8] = []
            let size = Int.random(in: 1...600, using: &generator)
            while bytes.count < size {
                // Mostly ASCII, as logs are; some trials hold no ill-formed byte at all.
                let roll = Int.random(in: 0..<1000, using: &generator)
                if roll < 900 { bytes.append(UInt8.random(in: 0x20...0x7E, using: &generator)) }
                else if roll < 995 || trial % 4 == 0 { bytes += valid.randomElement(using: &generator)! }
                else { bytes += invalid.randomElement(using: &generator)! }
            }
            // A multi-byte sequence straddling the first 64-byte block boundary.
            if trial % 3 == 0, bytes.count > 70 { bytes.replaceSubrange(62..<66, with: [0xF0, 0x9F, 0x98, 0x80]) }
            for start in [0, 1, 5] where start < bytes.count {
                let length = bytes.count - start
                let survey = Self.survey(bytes, start, length)
                let expected = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalid($0.baseAddress! + start, from: 0, to: length) }
                #expect(survey.firstInvalid == expected, "trial \(trial), start \(start)")
                #expect(survey.firstInvalid == Self.naiveFirstInvalid(bytes[start...]), "trial \(trial), start \(start)")
                #expect(survey.lines == Self.naiveLines(bytes[start...]))
                #expect(Self.survey(bytes, start, length, validating: false).firstInvalid == nil)
            }
        }
    }
}
