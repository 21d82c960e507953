import CLogScanVectorscan

/// Picks, for each literal-routed pattern of a large set, the factor Vectorscan searches (its
/// primary) by how often each factor's literals occur in a sample of the inputs, instead of by
/// length alone.
///
/// Length is a poor guide in logs: the 10,000 generated patterns' longest factors are component
/// names (`controller`, on 45 k of 1.2 M generated lines) where their failure words (`mismatch`)
/// are on none; every occurrence of a primary is a Vectorscan report and a line to check. The other
/// factors are still required on the line, the rarest first, and PCRE2 still decides every line,
/// so the choice changes speed, never counts.
enum LiteralCalibration {
    /// Below this a sample says too little (a few small inputs): the lengths decide, as without one.
    static let minimumSampleBytes = 64 << 10

    /// Occurrences of each literal in `sample`, as one Vectorscan literal database counts them.
    /// Nil when Vectorscan refuses the set (the routes then keep their length-based choice).
    static func occurrences(of literals: [(bytes: [UInt8], caseless: Bool)], in sample: [UInt8]) -> [Int]? {
        guard !literals.isEmpty else { return [] }
        // Byte mode: a literal is bytes whatever the encoding, and the sample may hold ill-formed
        // UTF-8 (undefined in Vectorscan's UTF-8 mode). Caseless folds ASCII only here, which is
        // all a count needs.
        let expressions = literals.map { LiteralFactorTable.escaped($0.bytes) }
        let flags = literals.map { $0.caseless ? VectorscanDatabase.caselessFlag : 0 }
        let ids = (0..<literals.count).map(UInt32.init)
        guard case .success(let database, let scratch, _) = VectorscanDatabase.compile(expressions, flags, ids) else { return nil }
        defer {
            hs_free_scratch(scratch)
            hs_free_database(database)
        }
        var counts = [Int](repeating: 0, count: literals.count)
        var offset = 0
        while offset < sample.count {
            // hs_scan takes a 32-bit length: a sample is megabytes, but stay correct for any size.
            let count = min(sample.count - offset, Int(Int32.max))
            let status = counts.withUnsafeMutableBufferPointer { counts in
                sample.withUnsafeBufferPointer { bytes in
                    VectorscanDatabase.scanEntry(database, UnsafeRawPointer(bytes.baseAddress! + offset).assumingMemoryBound(to: CChar.self),
                                                 UInt32(count), 0, scratch, { id, _, _, _, context in
                        context!.assumingMemoryBound(to: Int.self)[Int(id)] += 1
                        return 0
                    }, counts.baseAddress)
                }
            }
            guard status == HS_SUCCESS else { return nil }
            offset += count
        }
        return counts
    }

    /// Reorders the factors of every literal route in `decisions` by their occurrences in
    /// `sample`, the rarest becoming the primary; ties keep the length-based order.
    static func apply(to decisions: inout [VectorscanDatabase.Decision], sample: CalibrationSample) {
        struct Key: Hashable {
            var bytes: [UInt8]
            var caseless: Bool
        }
        var index: [Key: Int] = [:]
        var literals: [(bytes: [UInt8], caseless: Bool)] = []
        let routed = decisions.indices.filter { decisions[$0].request != nil && decisions[$0].factors.count > 1 }
        for decision in routed.map({ decisions[$0] }) {
            let caseless = decision.request!.caseless
            for literal in decision.factors.joined() where index[Key(bytes: literal, caseless: caseless)] == nil {
                index[Key(bytes: literal, caseless: caseless)] = literals.count
                literals.append((literal, caseless))
            }
        }
        guard let counts = occurrences(of: literals, in: sample.text) else { return }
        let tenths = (sample.text.count + 50_000) / 100_000
        for position in routed {
            let decision = decisions[position]
            let caseless = decision.request!.caseless
            let costs = decision.factors.map { factor in
                factor.reduce(0) { $0 + counts[index[Key(bytes: $1, caseless: caseless)]!] }
            }
            // Stable: equal counts (often all zero) keep the primary the lengths chose.
            let order = decision.factors.indices.sorted { (costs[$0], $0) < (costs[$1], $1) }
            // A primary rarer than once in 64 KiB leaves few lines to test; searching the
            // secondaries too would add their (common) reports for nothing.
            let rare = costs[order[0]] * 65536 < sample.text.count
            guard order.first != 0 else {
                if rare { decisions[position].request!.trackable = false }
                continue
            }
            let note = "the rarest of its factors in a \(tenths / 10).\(tenths % 10) MB sample of the input "
                + "(\(costs[order[0]]) occurrences, against \(costs[0]) for the longest)"
            decisions[position] = VectorscanDatabase.literalDecision(
                decision.expression, primary: decision.factors[order[0]], others: order.dropFirst().map { decision.factors[$0] },
                caseless: caseless, expensive: decision.expensive, calibration: note)
            decisions[position].request!.trackable = !rare
        }
    }
}
