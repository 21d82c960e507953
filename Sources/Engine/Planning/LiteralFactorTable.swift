/// The literals Vectorscan searches for patterns routed by their literal signature, each distinct
/// literal once however many patterns require it, and the other factors each pattern requires.
///
/// A pattern on this route has a primary factor (its most selective set of literals), which
/// Vectorscan searches, and up to `maximumSecondaryFactors` others, every one required by every
/// match. A line where Vectorscan found a primary literal goes to PCRE2 only if it also holds a
/// literal of each secondary factor, which is checked on that line alone. Large sets share their
/// vocabulary ("received SIGTERM" in 60 of 10,000 generated patterns), and most lines holding a
/// primary literal lack the rest; the check costs a substring search, a confirmation a PCRE2 call.
/// Without a sample, secondary factors are given to Vectorscan only for patterns whose primary
/// literal many share (then each line holding it would need a search per pattern): as more
/// literals to search, they cost more reports than they save confirmations on the curated and
/// loghub sets. With one, `LiteralCalibration` decides per factor, by the counts (`tracked`).
///
/// Skipping a line PCRE2 would reject anyway is all the factors do: a pattern whose factors are
/// all on a line is still decided by PCRE2.
package struct LiteralFactorTable: Sendable {
    /// Vectorscan ids from here on are literals; below are pattern indices (full regexes).
    let firstID: Int
    /// One Vectorscan expression per primary literal, with its flags.
    let expressions: [String]
    let flags: [UInt32]
    /// Per literal `k`: the patterns whose primary factor holds it,
    /// `primaryPatterns[primaryStart[k]..<primaryStart[k + 1]]`.
    let primaryStart: [Int32]
    let primaryPatterns: [Int32]
    /// Per pattern `p`: its secondary factors, `patternFactors[patternFactorStart[p]..<…[p + 1]]`.
    /// Factors are shared: `'status' or 'code' or 'HTTP'` is one factor for the hundreds of
    /// generated patterns that require it, checked once per line.
    let patternFactorStart: [Int32]
    let patternFactors: [Int32]
    /// Per factor `f`: its literals `factorLiteralStart[f]..<factorLiteralStart[f + 1]`, each
    /// literal `l` the bytes `literalBytes[literalByteStart[l]..<literalByteStart[l + 1]]`.
    let factorLiteralStart: [Int32]
    let literalByteStart: [Int32]
    let literalBytes: [UInt8]
    /// Per factor: searched caselessly (ASCII letters fold).
    let factorCaseless: [Bool]
    /// Per factor: Vectorscan searches its literals too (it serves patterns whose primary literal
    /// many patterns share), and per literal `k` the factors it belongs to,
    /// `literalFactors[literalFactorStart[k]..<…[k + 1]]`.
    let factorTracked: [Bool]
    let literalFactorStart: [Int32]
    let literalFactors: [Int32]

    var literalCount: Int { expressions.count }
    var factorCount: Int { factorCaseless.count }

    /// Secondary factors kept per pattern: enough to make a line rare, few enough to test cheaply.
    static let maximumSecondaryFactors = 3
    /// A pattern whose primary literal this many patterns share has its secondary factors searched
    /// by Vectorscan: every line holding that literal would otherwise need a test per pattern.
    static let sharedPrimary = 4

    /// What one pattern asks for.
    struct Request {
        var primary: [[UInt8]]
        var secondary: [[[UInt8]]]
        var caseless: Bool
        /// Per secondary factor, whether Vectorscan searches its literals too, as a sample of the
        /// inputs decided (see `LiteralCalibration`); nil: when the primary is widely shared.
        var tracked: [Bool]? = nil
    }

    init(patternCount: Int, requests: [Int: Request]) {
        firstID = patternCount
        var literalIDs: [LiteralKey: Int32] = [:]
        var factorIDs: [FactorKey: Int32] = [:]
        var expressions: [String] = []
        var flags: [UInt32] = []
        var primaryOf: [[Int32]] = []
        var factorLiteralStart: [Int32] = [0]
        var literalByteStart: [Int32] = [0]
        var literalBytes: [UInt8] = []
        var factorCaseless: [Bool] = []
        var patternFactorStart: [Int32] = [0]
        var patternFactors: [Int32] = []
        var factorTracked: [Bool] = []
        var factorsOf: [[Int32]] = []
        var sharing: [LiteralKey: Int] = [:]
        for request in requests.values {
            for literal in Set(request.primary) { sharing[LiteralKey(bytes: literal, caseless: request.caseless), default: 0] += 1 }
        }
        func literalID(_ key: LiteralKey) -> Int32 {
            if let known = literalIDs[key] { return known }
            let k = Int32(expressions.count)
            literalIDs[key] = k
            expressions.append(Self.escaped(key.bytes))
            flags.append(Vectorscan.baseFlags | (key.caseless ? Vectorscan.caselessFlag : 0))
            primaryOf.append([])
            factorsOf.append([])
            return k
        }
        for pattern in 0..<patternCount {
            if let request = requests[pattern] {
                let widelyShared = request.primary.contains { sharing[LiteralKey(bytes: $0, caseless: request.caseless)]! >= Self.sharedPrimary }
                for literal in request.primary {
                    let k = literalID(LiteralKey(bytes: literal, caseless: request.caseless))
                    if primaryOf[Int(k)].last != Int32(pattern) { primaryOf[Int(k)].append(Int32(pattern)) }
                }
                for (position, factor) in request.secondary.enumerated() {
                    let shared = request.tracked?[position] ?? widelyShared
                    let key = FactorKey(literals: factor.sorted { $0.lexicographicallyPrecedes($1) }, caseless: request.caseless,
                                        tracked: shared)
                    let id: Int32
                    if let known = factorIDs[key] {
                        id = known
                    } else {
                        id = Int32(factorCaseless.count)
                        factorIDs[key] = id
                        for literal in key.literals {
                            literalBytes += literal
                            literalByteStart.append(Int32(literalBytes.count))
                        }
                        factorLiteralStart.append(Int32(literalByteStart.count - 1))
                        factorCaseless.append(request.caseless)
                        factorTracked.append(shared)
                        if shared {
                            for literal in key.literals {
                                let k = Int(literalID(LiteralKey(bytes: literal, caseless: request.caseless)))
                                if factorsOf[k].last != id { factorsOf[k].append(id) }
                            }
                        }
                    }
                    if !patternFactors[Int(patternFactorStart.last!)...].contains(id) { patternFactors.append(id) }
                }
            }
            patternFactorStart.append(Int32(patternFactors.count))
        }
        func flattened(_ lists: [[Int32]]) -> (start: [Int32], items: [Int32]) {
            var start: [Int32] = [0]
            var items: [Int32] = []
            for list in lists {
                items += list
                start.append(Int32(items.count))
            }
            return (start, items)
        }
        (primaryStart, primaryPatterns) = flattened(primaryOf)
        (literalFactorStart, literalFactors) = flattened(factorsOf)
        self.factorTracked = factorTracked
        self.expressions = expressions
        self.flags = flags
        self.patternFactorStart = patternFactorStart
        self.patternFactors = patternFactors
        self.factorLiteralStart = factorLiteralStart
        self.literalByteStart = literalByteStart
        self.literalBytes = literalBytes
        self.factorCaseless = factorCaseless
    }

    /// Patterns that asked Vectorscan for literal `k`: for a literal the Vectorscan compile refused.
    func patterns(using literal: Int) -> [Int] {
        var found = Set(primaryPatterns[Int(primaryStart[literal])..<Int(primaryStart[literal + 1])].map(Int.init))
        let factors = Set(literalFactors[Int(literalFactorStart[literal])..<Int(literalFactorStart[literal + 1])])
        for pattern in 0..<(patternFactorStart.count - 1)
        where patternFactors[Int(patternFactorStart[pattern])..<Int(patternFactorStart[pattern + 1])].contains(where: factors.contains) {
            found.insert(pattern)
        }
        return found.sorted()
    }

    private struct LiteralKey: Hashable {
        var bytes: [UInt8]
        var caseless: Bool
    }

    private struct FactorKey: Hashable {
        var literals: [[UInt8]]
        var caseless: Bool
        var tracked: Bool
    }

    /// A literal as a Vectorscan regex: ASCII letters and digits as they are, other ASCII as
    /// `\xHH` (a code point below 0x80 is that byte in UTF-8 mode), non-ASCII characters as their
    /// UTF-8 bytes.
    static func escaped(_ literal: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in literal {
            let isAlphanumeric = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
            if byte >= 0x80 || isAlphanumeric {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "\\"), UInt8(ascii: "x"), digits[Int(byte >> 4)], digits[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
