import Testing
@testable import Engine

/// `LineSubstringSearch` looks at 16 positions a step, then at the rest one by one. It must agree
/// with a plain scan of every position at every line length, literal length and match position,
/// including a match in the last position, one that straddles two steps, and near misses (the
/// first and last bytes in place, a middle byte wrong).
@Suite struct LineSubstringSearchTests {
    static func naive(_ line: [UInt8], _ literal: [UInt8], caseless: Bool) -> Bool {
        func fold(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
        guard !literal.isEmpty else { return true }
        guard literal.count <= line.count else { return false }
        return (0...(line.count - literal.count)).contains { start in
            literal.indices.allSatisfy { caseless ? fold(line[start + $0]) == fold(literal[$0]) : line[start + $0] == literal[$0] }
        }
    }

    /// Searches copies in allocations of exactly their size, so that under AddressSanitizer a load
    /// past the line's end (an array's spare capacity would hide it) fails the test.
    static func search(_ line: [UInt8], _ literal: [UInt8], caseless: Bool) -> Bool {
        func exact(_ bytes: [UInt8]) -> UnsafeMutablePointer<UInt8> {
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
            copy.initialize(from: bytes, count: bytes.count)
            return copy
        }
        let text = exact(line)
        let needle = exact(literal)
        defer {
            text.deallocate()
            needle.deallocate()
        }
        return caseless
            ? LineSubstringSearch.containsCaseless(text, length: line.count, needle, count: literal.count)
            : LineSubstringSearch.contains(text, length: line.count, needle, count: literal.count)
    }

    @Test func agreesWithAPlainScanAtEveryPosition() {
        let literals: [[UInt8]] = ["e", "ok", "err", "Error", "FAILED:", "connection refused", "[Ee]", "x\u{00e9}y"].map { Array($0.utf8) }
        var checked = 0
        for literal in literals {
            for length in 0...70 {
                // Filler that shares the literal's first and last bytes but never holds it.
                let filler = (0..<length).map { index -> UInt8 in index % 3 == 0 ? literal.first! : (index % 3 == 1 ? 0x2E : literal.last!) }
                for caseless in [false, true] {
                    #expect(Self.search(filler, literal, caseless: caseless) == Self.naive(filler, literal, caseless: caseless))
                    guard literal.count <= length else { continue }
                    for position in 0...(length - literal.count) {
                        var line = filler
                        line.replaceSubrange(position..<(position + literal.count), with: caseless ? literal.map { (0x61...0x7A).contains($0) ? $0 ^ 0x20 : $0 } : literal)
                        #expect(Self.search(line, literal, caseless: caseless) == Self.naive(line, literal, caseless: caseless))
                        #expect(Self.naive(line, literal, caseless: caseless))
                        if literal.count > 2 {
                            // A near miss at the same place: the middle byte differs.
                            line[position + literal.count / 2] = 0x7C
                            #expect(Self.search(line, literal, caseless: caseless) == Self.naive(line, literal, caseless: caseless))
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 10_000)
    }

    @Test func caselessFoldsOnlyASCIILetters() {
        // `@` and `` ` ``, `[` and `{` differ by the same bit as letters' cases; they must not fold.
        #expect(Self.search(Array("a {x] here".utf8), Array("[X]".utf8), caseless: true) == false)
        #expect(Self.search(Array("a [x] here".utf8), Array("[X]".utf8), caseless: true))
        #expect(Self.search(Array("mail `me` now, padded to sixteen".utf8), Array("@ME@".utf8), caseless: true) == false)
        #expect(Self.search(Array("TIMEOUT AFTER 30S, PADDED TO SIXTEEN".utf8), Array("timeout after".utf8), caseless: true))
        #expect(Self.search(Array("TIMEOUT AFTER 30S, PADDED TO SIXTEEN".utf8), Array("timeout after".utf8), caseless: false) == false)
    }

    @Test func randomLinesAgreeWithAPlainScan() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abAB:. \u{00e9}".utf8)
        for _ in 0..<20_000 {
            let line = (0..<Int.random(in: 0...90, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let literal = (0..<Int.random(in: 1...5, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            for caseless in [false, true] {
                #expect(Self.search(line, literal, caseless: caseless) == Self.naive(line, literal, caseless: caseless), "\(line) \(literal)")
            }
        }
    }
}
