/// Whether a set scans faster with one of its full regexes in a database of its own, decided by
/// timing both layouts on a sample of the inputs.
///
/// Vectorscan lays out a database's literal matcher (Teddy or FDR, buckets, masks) by heuristics
/// over the literal count and lengths, and a set can sit just past one of their thresholds: the 64
/// Prow regexes scan a 200 MB sample in 134 ms in one database, and in 97 ms with any one of a
/// third of them taken out, while a one-regex database costs about 4 ms. Which regexes flip the
/// layout depends on the set, so the planner times a few candidates rather than predict them. The
/// split only moves reports between two scans of the same bytes: counts cannot change.
///
/// The trial compiles up to `candidateCount` databases (tens of milliseconds each for a mid-size
/// set) within `trialBudget`, so it runs only for inputs large enough to repay it, and its outcome
/// is cached with the databases, so a set is tried once per machine.
package enum DatabaseSplit {
    /// Sets with fewer full regexes in Vectorscan are not tried: their literal matchers are small.
    static let minimumMembers = 16
    /// Inputs under this many bytes (as stored, so gzip'd ones count less) do not repay a trial.
    static let minimumInputBytes = 256 << 20
    /// Regexes tried, spread evenly over the set's members.
    static let candidateCount = 8
    /// Seconds a trial may spend: a candidate that would pass it (by the last one's cost) is not
    /// tried. The 64 Prow regexes take 75 ms a candidate; the curated set's 117 take 0.4 s, so it
    /// tries one.
    static let trialBudget = 0.75
    /// A split is kept only when the sample scans this much faster (a fraction of the whole
    /// set's time): timings on a shared machine vary by a few percent.
    static let requiredGain = 0.12
    /// Scans per layout; the fastest counts (the least disturbed by other processes).
    static let repetitions = 5

    /// The chosen split: `members[position]` goes to a database of its own.
    struct Choice {
        var position: Int
        var wholeSeconds: Double
        var splitSeconds: Double
        var sampleBytes: Int
    }

    /// Times the whole database against candidates split off it on `sample`. Nil keeps one database.
    static func choose(whole: VectorscanDatabase, expressions: [String], flags: [UInt32], ids: [UInt32],
                       members: Int, sample: [UInt8]) -> Choice? {
        guard members >= minimumMembers, !sample.isEmpty, sample.count <= Int(Int32.max) else { return nil }
        let text = validText(sample)
        guard let wholeSeconds = fastestScan(whole, text) else { return nil }
        var best: (choice: Choice, rest: VectorscanDatabase, alone: VectorscanDatabase)?
        let stride = max(1, members / candidateCount)
        let trialStart = monotonicSeconds()
        var candidateSeconds = 0.0
        for position in Swift.stride(from: stride / 2, to: members, by: stride).prefix(candidateCount) {
            if monotonicSeconds() - trialStart + candidateSeconds > trialBudget { break }
            let candidateStart = monotonicSeconds()
            defer { candidateSeconds = monotonicSeconds() - candidateStart }
            let (restExpressions, restFlags, restIDs) = without(position, expressions, flags, ids)
            guard case .success(let rest) = VectorscanDatabase.compile(restExpressions, flags: restFlags, ids: restIDs),
                  case .success(let alone) = VectorscanDatabase.compile([expressions[position]], flags: [flags[position]],
                                                                        ids: [ids[position]]),
                  let restSeconds = fastestScan(rest, text), let aloneSeconds = fastestScan(alone, text)
            else { continue }
            let seconds = restSeconds + aloneSeconds
            if seconds < (best?.choice.splitSeconds ?? wholeSeconds * (1 - requiredGain)) {
                best = (Choice(position: position, wholeSeconds: wholeSeconds, splitSeconds: seconds, sampleBytes: text.count), rest, alone)
            }
        }
        // The best of several noisy timings is biased low: time it again against the whole set.
        guard let best, let whole = fastestScan(whole, text), let rest = fastestScan(best.rest, text),
              let alone = fastestScan(best.alone, text), rest + alone < whole * (1 - requiredGain)
        else { return nil }
        return Choice(position: best.choice.position, wholeSeconds: whole, splitSeconds: rest + alone, sampleBytes: text.count)
    }

    /// The expressions, flags and ids without the one at `position`.
    static func without(_ position: Int, _ expressions: [String], _ flags: [UInt32], _ ids: [UInt32])
        -> ([String], [UInt32], [UInt32]) {
        var (e, f, i) = (expressions, flags, ids)
        e.remove(at: position)
        f.remove(at: position)
        i.remove(at: position)
        return (e, f, i)
    }

    /// The sample with ill-formed UTF-8 replaced, as the scan repairs the lines holding it:
    /// Vectorscan's UTF-8 mode is undefined on it.
    private static func validText(_ sample: [UInt8]) -> [UInt8] {
        sample.withUnsafeBufferPointer { bytes -> [UInt8] in
            let base = bytes.baseAddress!
            guard let invalid = UTF8Validation.firstInvalid(base, from: 0, to: bytes.count) else { return sample }
            return [UInt8](unsafeUninitializedCapacity: bytes.count) { copy, count in
                UTF8Validation.copyReplacingIllFormed(base, count: bytes.count, firstInvalid: invalid, into: copy.baseAddress!)
                count = bytes.count
            }
        }
    }

    /// The fastest of `repetitions` scans of `text`, each report counted (the cheapest work a
    /// report can cause, so the layouts are compared on Vectorscan's own cost).
    private static func fastestScan(_ database: VectorscanDatabase, _ text: [UInt8]) -> Double? {
        guard let scratch = database.makeScratch() else { return nil }
        var reports = 0
        var fastest = Double.infinity
        for _ in 0..<repetitions {
            let start = monotonicSeconds()
            let scanned = withUnsafeMutablePointer(to: &reports) { counter in
                text.withUnsafeBufferPointer { bytes in
                    database.scan(bytes.baseAddress!, count: bytes.count, scratch: scratch, context: counter) { _, _, _, _, context in
                        context!.assumingMemoryBound(to: Int.self).pointee += 1
                        return 0
                    }
                }
            }
            guard scanned else { return nil }
            fastest = min(fastest, monotonicSeconds() - start)
        }
        return fastest
    }
}

extension DatabaseSplit {
    /// How the planner lays out a set's databases.
    package enum Policy: Sendable {
        /// Time a split on the sample of large inputs (the default).
        case trial
        /// One database.
        case never
        /// Pattern `index` (a full-regex member) in a database of its own, untimed: for tests.
        case pattern(Int)
    }

    /// The databases a set is scanned with, by `policy`.
    struct Layout {
        var databases: [VectorscanDatabase]
        /// The member position split off, with why.
        var split: (position: Int, reason: String)?
        var fromCache = true
        var cacheProblem: String?
    }

    /// The layout for the database `whole` built from `expressions` (its first `members` the
    /// full regexes that may be split off): one database, or `whole` without one member plus a
    /// database of that member, by `policy`. A trial's outcome is cached under `whole`'s key.
    static func layout(whole: VectorscanDatabase, expressions: [String], flags: [UInt32], ids: [UInt32], members: Int,
                       policy: Policy, sample: (() -> CalibrationSample)?, inputBytes: Int? = nil) -> Layout {
        let one = Layout(databases: [whole])
        let position: Int
        let reason: String
        var cacheProblem: String?
        switch policy {
        case .never:
            return one
        case .pattern(let pattern):
            guard let found = ids.prefix(members).firstIndex(of: UInt32(pattern)) else { return one }
            position = found
            reason = "in a database of its own, as asked"
        case .trial:
            guard members >= minimumMembers, let sample else { return one }
            let key = VectorscanDatabaseCache.key(expressions: expressions, flags: flags, ids: ids)
            let outcome: Choice?
            if let saved = VectorscanDatabaseCache.loadSplit(key: key) {
                // An outcome already timed is kept whatever the inputs' size: it costs nothing more.
                guard let choice = Choice(saved), choice.position < members else { return one }
                outcome = choice
            } else {
                // Inputs known to be small are not sampled at all: a trial would cost more than it could save.
                guard (inputBytes ?? minimumInputBytes) >= minimumInputBytes else { return one }
                let taken = sample()
                // Not saved: a larger input may try.
                guard (inputBytes ?? taken.inputBytes) >= minimumInputBytes, taken.text.count >= LiteralCalibration.minimumSampleBytes
                else { return one }
                outcome = choose(whole: whole, expressions: expressions, flags: flags, ids: ids, members: members, sample: taken.text)
                cacheProblem = VectorscanDatabaseCache.storeSplit(outcome?.line ?? "none", key: key)
            }
            guard let outcome else { return Layout(databases: [whole], cacheProblem: cacheProblem) }
            position = outcome.position
            reason = "in a database of its own: the set scans a sample of \(outcome.sampleMegabytes) MB of the input in "
                + "\(milliseconds(outcome.splitSeconds)) ms so, against \(milliseconds(outcome.wholeSeconds)) ms in one database "
                + "(Vectorscan then lays out a smaller literal matcher)"
        }
        let (restExpressions, restFlags, restIDs) = without(position, expressions, flags, ids)
        guard case (.success(let rest), let restCached, let restProblem) =
                VectorscanDatabaseCache.database(restExpressions, flags: restFlags, ids: restIDs),
              case (.success(let alone), let aloneCached, let aloneProblem) =
                VectorscanDatabaseCache.database([expressions[position]], flags: [flags[position]], ids: [ids[position]])
        else { return Layout(databases: [whole], cacheProblem: cacheProblem) }
        return Layout(databases: [rest, alone], split: (position, reason), fromCache: restCached && aloneCached,
                      cacheProblem: cacheProblem ?? restProblem ?? aloneProblem)
    }
}

/// Seconds as milliseconds with one decimal.
private func milliseconds(_ seconds: Double) -> String {
    let tenths = Int((seconds * 10_000).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}

extension DatabaseSplit.Choice {
    /// The cached form: position, then the two times and the sample size.
    var line: String { "\(position) \(wholeSeconds) \(splitSeconds) \(sampleBytes)" }

    init?(_ line: String) {
        let fields = line.split(separator: " ")
        guard fields.count == 4, let position = Int(fields[0]), position >= 0, let whole = Double(fields[1]),
              let split = Double(fields[2]), let bytes = Int(fields[3]) else { return nil }
        self.init(position: position, wholeSeconds: whole, splitSeconds: split, sampleBytes: bytes)
    }

    var sampleMegabytes: String {
        let tenths = (sampleBytes + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10)"
    }
}
