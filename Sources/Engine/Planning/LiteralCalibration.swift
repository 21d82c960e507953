/// Picks, for each literal-routed pattern of a large set, the factor Vectorscan searches (its
/// primary) by how often each factor's literals occur in a sample of the inputs, instead of by
/// length alone.
///
/// Length is a poor guide in logs: the 10,000 generated patterns' longest factors are component
/// names (`controller`, on 45 k of 1.2 M generated lines) where their failure words (`mismatch`)
/// are on none; every occurrence of a primary is a Vectorscan report and a line to check. The other
/// factors are still required on the line, the rarest first, and PCRE2 still decides every line,
/// so the choice changes speed, never counts.
package enum LiteralCalibration {
    /// Below this a sample says too little (a few small inputs): the lengths decide, as without one.
    static let minimumSampleBytes = 64 << 10
    /// A literal seen less than once in this many sample bytes is rare.
    static let rareSpacing = 65536

    /// Occurrences of each literal in `sample`, as one Vectorscan literal database counts them.
    /// Nil when Vectorscan refuses the set (the routes then keep their length-based choice).
    static func occurrences(of literals: [(bytes: [UInt8], caseless: Bool)], in sample: [UInt8]) -> [Int]? {
        guard !literals.isEmpty else { return [] }
        // Byte mode: a literal is bytes whatever the encoding, and the sample may hold ill-formed
        // UTF-8 (undefined in Vectorscan's UTF-8 mode). Caseless folds ASCII only here, which is
        // all a count needs.
        let expressions = literals.map { LiteralFactorTable.escaped($0.bytes) }
        let flags = literals.map { $0.caseless ? Vectorscan.caselessFlag : 0 }
        let ids = (0..<literals.count).map(UInt32.init)
        guard case (.success(let database), _, _) = VectorscanDatabaseCache.database(expressions, flags: flags, ids: ids),
              let scratch = database.makeScratch() else { return nil }
        var counts = [Int](repeating: 0, count: literals.count)
        var offset = 0
        while offset < sample.count {
            // A scan takes a 32-bit length: a sample is megabytes, but stay correct for any size.
            let count = min(sample.count - offset, Int(Int32.max))
            let scanned = counts.withUnsafeMutableBufferPointer { counts in
                sample.withUnsafeBufferPointer { bytes in
                    database.scan(bytes.baseAddress! + offset, count: count, scratch: scratch, context: counts.baseAddress) {
                        id, _, _, _, context in
                        context!.assumingMemoryBound(to: Int.self)[Int(id)] += 1
                        return 0
                    }
                }
            }
            guard scanned else { return nil }
            offset += count
        }
        return counts
    }

    /// Reorders the factors of every literal route in `decisions` by their occurrences in
    /// `sample`, the rarest becoming the primary (ties keep the length-based order), and decides
    /// which secondary factors Vectorscan searches too.
    static func apply(to decisions: inout [RoutePlanner.Decision], sample: CalibrationSample) {
        var index: [Key: Int] = [:]
        var literals: [(bytes: [UInt8], caseless: Bool)] = []
        func add(_ factors: [[[UInt8]]], caseless: Bool) {
            for literal in factors.joined() where index[Key(bytes: literal, caseless: caseless)] == nil {
                index[Key(bytes: literal, caseless: caseless)] = literals.count
                literals.append((literal, caseless))
            }
        }
        let short = decisions.indices.filter { !decisions[$0].shortFactors.isEmpty }
        for position in short { add(decisions[position].shortFactors, caseless: decisions[position].shortFactorsCaseless) }
        var routed = decisions.indices.filter { decisions[$0].request != nil && decisions[$0].factors.count > 1 }
        for position in routed { add(decisions[position].factors, caseless: decisions[position].request!.caseless) }
        guard let counts = occurrences(of: literals, in: sample.text) else { return }
        func cost(_ factor: [[UInt8]], caseless: Bool) -> Int {
            factor.reduce(0) { $0 + counts[index[Key(bytes: $1, caseless: caseless)]!] }
        }
        let tenths = (sample.text.count + 50_000) / 100_000
        // A full regex costs a large set's Vectorscan database more than a literal that is rare in
        // the input.
        for position in short {
            let decision = decisions[position]
            let caseless = decision.shortFactorsCaseless
            let costs = decision.shortFactors.map { cost($0, caseless: caseless) }
            let order = costs.indices.sorted { (costs[$0], $0) < (costs[$1], $1) }
            guard costs[order[0]] * rareSpacing < sample.text.count else { continue }
            let note = "its literals are short, but the rarest is rare in a \(tenths / 10).\(tenths % 10) MB sample of the input "
                + "(\(costs[order[0]]) occurrences)"
            decisions[position] = RoutePlanner.literalDecision(
                decision.expression, primary: decision.shortFactors[order[0]],
                others: order.dropFirst().map { decision.shortFactors[$0] },
                caseless: caseless, expensive: false, calibration: note)
            if decisions[position].factors.count > 1 { routed.append(position) }
        }
        for position in routed {
            let decision = decisions[position]
            let caseless = decision.request!.caseless
            let costs = decision.factors.map { cost($0, caseless: caseless) }
            // Stable: equal counts (often all zero) keep the primary the lengths chose.
            let order = decision.factors.indices.sorted { (costs[$0], $0) < (costs[$1], $1) }
            guard order.first != 0 else { continue }
            let note = "the rarest of its factors in a \(tenths / 10).\(tenths % 10) MB sample of the input "
                + "(\(costs[order[0]]) occurrences, against \(costs[0]) for the longest)"
            decisions[position] = RoutePlanner.literalDecision(
                decision.expression, primary: decision.factors[order[0]], others: order.dropFirst().map { decision.factors[$0] },
                caseless: caseless, expensive: decision.expensive, calibration: note)
        }
        decideTracking(&decisions, routed: routed, cost: cost)
    }

    /// A secondary factor is worth searching only when its reports cost less than the tests they
    /// spare: untracked, it is tested (a substring search, once per line however many patterns
    /// share it) on every line holding the primary of a pattern that requires it; tracked, every
    /// occurrence of its literals is a Vectorscan report, several times a test's cost. The
    /// calibrated primary is the rarest factor, so a secondary is tracked only when many primaries
    /// lead to it: a common secondary (`=== RUN`) tracked for every pattern that names it would
    /// flood the scan with reports.
    static let reportCostInTests = 4

    private static func decideTracking(_ decisions: inout [RoutePlanner.Decision], routed: [Int],
                                       cost: ([[UInt8]], Bool) -> Int) {
        struct FactorKey: Hashable {
            var literals: [[UInt8]]
            var caseless: Bool
        }
        func key(_ factor: [[UInt8]], _ caseless: Bool) -> FactorKey {
            FactorKey(literals: factor.sorted { $0.lexicographicallyPrecedes($1) }, caseless: caseless)
        }
        // Per secondary factor: the distinct primaries leading to it (each line holding one is a test).
        var primaries: [FactorKey: Set<FactorKey>] = [:]
        for position in routed {
            let request = decisions[position].request!
            let primary = key(request.primary, request.caseless)
            for factor in request.secondary { primaries[key(factor, request.caseless), default: []].insert(primary) }
        }
        var tracked: [FactorKey: Bool] = [:]
        for (factor, leading) in primaries {
            let tests = leading.reduce(0) { $0 + cost($1.literals, $1.caseless) }
            tracked[factor] = cost(factor.literals, factor.caseless) * reportCostInTests < tests
        }
        for position in routed {
            let request = decisions[position].request!
            decisions[position].request!.tracked = request.secondary.map { tracked[key($0, request.caseless)]! }
        }
    }

    private struct Key: Hashable {
        var bytes: [UInt8]
        var caseless: Bool
    }
}
