import CLogScanVectorscan
import Glibc

/// One Vectorscan block-mode database holding every pattern routed to it, so one scan of a buffer
/// reports candidate lines for all of them at once. Pattern ids are indices into the pattern set.
public final class VectorscanDatabase: @unchecked Sendable {
    // Safe to share: a compiled database is read-only while scanning; every worker scans with its
    // own scratch cloned from `prototype`, which itself is never scanned with.
    let database: OpaquePointer
    private let prototype: OpaquePointer
    /// Seconds spent in `hs_compile_multi` (or loading it from the cache), for `check -v`.
    let compileSeconds: Double
    /// True when the database came from `VectorscanDatabaseCache` instead of a compile.
    public let fromCache: Bool
    /// The literals searched for patterns routed by their literal signature (ids from
    /// `literals.firstID` on).
    let literals: LiteralFactorTable

    /// UTF-8 patterns; `^`/`$` at every line. Valid UTF-8 is the caller's job (see `UTF8Validation`).
    static let baseFlags = UInt32(HS_FLAG_UTF8) | UInt32(HS_FLAG_MULTILINE)
    static let caselessFlag = UInt32(HS_FLAG_CASELESS)

    private init(database: OpaquePointer, prototype: OpaquePointer, compileSeconds: Double, fromCache: Bool,
                 literals: LiteralFactorTable) {
        self.database = database
        self.prototype = prototype
        self.compileSeconds = compileSeconds
        self.fromCache = fromCache
        self.literals = literals
    }

    deinit {
        hs_free_scratch(prototype)
        hs_free_database(database)
    }

    /// The scan entry point: the AVX2 build of `hs_scan` where the library exports it (see the
    /// shim: the AVX-512 path of Vectorscan 5.4.9 misses matches), else the dispatched one.
    nonisolated(unsafe) static let scanEntry: logscan_hs_scan_fn = logscan_hs_scan_avx2() ?? dispatchedEntry
    nonisolated(unsafe) static let dispatchedEntry: logscan_hs_scan_fn = { database, data, length, flags, scratch, handler, context in
        hs_scan(database, data, length, flags, scratch, handler, context)
    }
    /// The target databases are compiled for: this machine, but without AVX-512 when scanning
    /// with the AVX2 entry (whose build lacks the AVX-512 engines a database could ask for).
    static let platform: hs_platform_info_t = {
        var info = hs_platform_info_t()
        _ = hs_populate_platform(&info)
        if logscan_hs_scan_avx2() != nil { info.cpu_features &= UInt64(HS_CPU_FEATURES_AVX2) }
        return info
    }()

    /// Which entry `scanEntry` is, for `check -v`.
    public static var scanEntryName: String { logscan_hs_scan_avx2() == nil ? "hs_scan" : "avx2_hs_scan" }

    /// Checked once per process: see `selfCheck`.
    static let selfCheckFailure: String? = selfCheck(scanEntry)

    /// Nil when `entry` finds every match of patterns known to trip broken SIMD paths, at every
    /// alignment up to a few vectors; else what it missed.
    static func selfCheck(_ entry: logscan_hs_scan_fn) -> String? {
        let words = Array("the quick brown fox 12:00:01 kernel info x yy ".utf8)
        for (regex, tail) in [("E.*T", "ET"), ("v.*Q.*R", "yvQR"), ("\\bv.*Q", "vQ"), ("error.*timeout", "error: timeout")] {
            var database: OpaquePointer?
            var error: UnsafeMutablePointer<hs_compile_error_t>?
            var target = platform
            guard hs_compile(regex, baseFlags, UInt32(HS_MODE_BLOCK), &target, &database, &error) == HS_SUCCESS, let database else {
                if let error { hs_free_compile_error(error) }
                return "could not compile \(regex)"
            }
            defer { hs_free_database(database) }
            var scratch: OpaquePointer?
            guard hs_alloc_scratch(database, &scratch) == HS_SUCCESS, let scratch else { return "no scratch" }
            defer { hs_free_scratch(scratch) }
            for fill in 0..<260 {
                var data = (0..<fill).map { words[$0 % words.count] }
                data += [UInt8(ascii: "\n")] + Array(tail.utf8) + [UInt8(ascii: "\n")]
                var found = 0
                _ = data.withUnsafeBufferPointer { bytes in
                    withUnsafeMutablePointer(to: &found) { counter in
                        entry(database, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                                  UInt32(bytes.count), 0, scratch, { _, _, _, _, context in
                            context!.assumingMemoryBound(to: Int.self).pointee += 1
                            return 0
                        }, counter)
                    }
                }
                if found == 0 { return "missed \(regex) after \(fill) bytes" }
            }
        }
        return nil
    }

    /// A scratch region for one worker.
    func makeScratch() -> VectorscanScratch? {
        var clone: OpaquePointer?
        guard hs_clone_scratch(prototype, &clone) == HS_SUCCESS, let clone else { return nil }
        return VectorscanScratch(clone)
    }

    /// Routes every regex and compiles those Vectorscan takes into one database. With a `sample`
    /// of the inputs (read only for a large set), its literal routes search each pattern's rarest
    /// factor in it.
    static func build(regexes: [String], sample: (() -> CalibrationSample)? = nil) -> (database: VectorscanDatabase?, routes: [PatternRoute]) {
        guard hs_valid_platform() == HS_SUCCESS else {
            return (nil, regexes.map { _ in .pcre2Only("this CPU lacks the instructions Vectorscan needs") })
        }
        if let failure = selfCheckFailure {
            return (nil, regexes.map { _ in .pcre2Only("Vectorscan failed its self-check on this machine (\(failure))") })
        }
        let large = regexes.count >= largeSetSize
        var decided = regexes.map { route(for: $0, largeSet: large) }
        if large, let text = sample?(), text.text.count >= LiteralCalibration.minimumSampleBytes {
            LiteralCalibration.apply(to: &decided, sample: text)
        }
        var routes = decided.map(\.route)
        var requests: [Int: LiteralFactorTable.Request] = [:]
        for (index, decision) in decided.enumerated() { requests[index] = decision.request }
        while true {
            let members = routes.indices.filter {
                if case .pcre2Only = routes[$0] { return false }
                return requests[$0] == nil
            }
            let table = LiteralFactorTable(patternCount: regexes.count, requests: requests)
            if members.isEmpty && table.literalCount == 0 { return (nil, routes) }
            let expressions = members.map { decided[$0].expression } + table.expressions
            let flags = members.map { decided[$0].flags } + table.flags
            let ids = members.map { UInt32($0) } + (0..<table.literalCount).map { UInt32(table.firstID + $0) }
            let start = monotonicSeconds()
            switch compile(expressions, flags, ids) {
            case .success(let database, let scratch, let cached):
                return (VectorscanDatabase(database: database, prototype: scratch, compileSeconds: monotonicSeconds() - start,
                                           fromCache: cached, literals: table), routes)
            case .failure(let expression, let message):
                // One expression the set compile refused (too large, say): leave its patterns to
                // PCRE2 and retry.
                guard let expression, expressions.indices.contains(expression) else {
                    return (nil, regexes.map { _ in .pcre2Only("Vectorscan could not build the set: \(message)") })
                }
                let refused = expression < members.count ? [members[expression]]
                    : table.patterns(using: expression - members.count)
                for pattern in refused {
                    routes[pattern] = .pcre2Only("Vectorscan: \(message)")
                    requests[pattern] = nil
                }
            }
        }
    }

    enum CompileOutcome {
        case success(OpaquePointer, OpaquePointer, cached: Bool)
        case failure(expression: Int?, message: String)
    }

    static func compile(_ expressions: [String], _ flags: [UInt32], _ ids: [UInt32]) -> CompileOutcome {
        var cStrings = expressions.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        let key = VectorscanDatabaseCache.key(expressions: expressions, flags: flags, ids: ids, platform: platform)
        if let cached = VectorscanDatabaseCache.load(key: key) {
            var scratch: OpaquePointer?
            if hs_alloc_scratch(cached, &scratch) == HS_SUCCESS, let scratch { return .success(cached, scratch, cached: true) }
            hs_free_database(cached)
        }
        var database: OpaquePointer?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        var target = platform
        let status = cStrings.withUnsafeMutableBufferPointer { expressions in
            expressions.withMemoryRebound(to: UnsafePointer<CChar>?.self) { expressions in
                hs_compile_multi(expressions.baseAddress, flags, ids, UInt32(ids.count),
                                 UInt32(HS_MODE_BLOCK), &target, &database, &error)
            }
        }
        guard status == HS_SUCCESS, let database else {
            let message = error.map { String(cString: $0.pointee.message) } ?? "error \(status)"
            let expression = error.map { Int($0.pointee.expression) }.flatMap { $0 >= 0 ? $0 : nil }
            if let error { hs_free_compile_error(error) }
            return .failure(expression: expression, message: message)
        }
        var scratch: OpaquePointer?
        guard hs_alloc_scratch(database, &scratch) == HS_SUCCESS, let scratch else {
            hs_free_database(database)
            return .failure(expression: nil, message: "could not allocate scratch space")
        }
        VectorscanDatabaseCache.store(database, key: key)
        return .success(database, scratch, cached: false)
    }

    /// From this many patterns on, every pattern with a literal signature is searched by it:
    /// Vectorscan's compile time grows faster than the pattern count (10,000 generated CI patterns:
    /// 31 s as full regexes, 3.5 s with signatures, scanning as fast).
    static let largeSetSize = 1000

    /// How one pattern runs.
    struct Decision {
        var route: PatternRoute
        /// The Vectorscan expression and flags for a full-regex route.
        var flags: UInt32
        var expression: String
        /// For a literal route: the literals Vectorscan searches instead of the regex.
        var request: LiteralFactorTable.Request?
        /// For a literal route: every factor long enough to search, the primary first, from which
        /// `LiteralCalibration` may pick another primary; and whether the full regex is expensive.
        var factors: [[[UInt8]]] = []
        var expensive = false
        /// For a full-regex route in a large set: factors too short for a literal route by length
        /// alone, which `LiteralCalibration` takes instead when a sample shows one to be rare.
        var shortFactors: [[[UInt8]]] = []
        var shortFactorsCaseless = false
    }

    /// A literal route needs a primary factor of `LiteralSignature.minimumLength` bytes, or
    /// factors of `minimumFactorLength`+ bytes adding up to this many (`queue` + `status`/`code`
    /// + `503`): every factor must be on a line before PCRE2 looks at it.
    static let minimumCombinedLength = 10
    static let minimumFactorLength = 3

    /// How one pattern should run, asking Vectorscan's parser (`hs_expression_info`) without
    /// building a database: the route, and the Vectorscan expression or literals.
    ///
    /// The literal route is tried first: it does not depend on how Vectorscan reads the regex
    /// (`LiteralSignature` reads only what it fully understands), and it spares the parser call
    /// (`hs_expression_info`, 80 µs a regex: 0.8 s of start-up for 10,000 patterns).
    static func route(for regex: String, largeSet: Bool = false) -> Decision {
        if let why = PrefilterRules.exclusionReason(regex) {
            return Decision(route: .pcre2Only(why), flags: baseFlags, expression: regex)
        }
        // A `.*` or broad class repeated between the parts of a regex makes Vectorscan's automata
        // slow to build and to run; literals every match holds are cheap for both.
        let expensive = LiteralSignature.isExpensiveForVectorscan(regex)
        guard largeSet || expensive, let signature = LiteralSignature.extract(regex) else { return fullRegexRoute(for: regex) }
        if let literal = literalRoute(for: regex, signature: signature, expensive: expensive) { return literal }
        var full = fullRegexRoute(for: regex)
        if largeSet {
            full.shortFactors = signature.factors.filter { factor in factor.allSatisfy { $0.count >= minimumFactorLength } }
            full.shortFactorsCaseless = signature.caseless
        }
        return full
    }

    /// The route by literals every match holds, when they are selective enough.
    private static func literalRoute(for regex: String, signature: LiteralSignature.Signature, expensive: Bool) -> Decision? {
        func shortest(_ factor: [[UInt8]]) -> Int { factor.map(\.count).min() ?? 0 }
        let others = signature.factors
            .filter { $0 != signature.literals && shortest($0) >= minimumFactorLength }
            .sorted { shortest($0) > shortest($1) }
        let secondary = others.prefix(LiteralFactorTable.maximumSecondaryFactors)
        let combined = signature.shortest + secondary.map(shortest).reduce(0, +)
        guard signature.shortest >= LiteralSignature.minimumLength
            || (signature.shortest >= minimumFactorLength && !secondary.isEmpty && combined >= minimumCombinedLength)
        else { return nil }
        return literalDecision(regex, primary: signature.literals, others: others, caseless: signature.caseless,
                               expensive: expensive, calibration: nil)
    }

    /// A literal route searching `primary`, with the first `maximumSecondaryFactors` of `others`
    /// checked on the line too; `calibration` says how the primary was chosen, when by a sample.
    static func literalDecision(_ regex: String, primary: [[UInt8]], others: [[[UInt8]]], caseless: Bool, expensive: Bool,
                                calibration: String?) -> Decision {
        let secondary = Array(others.prefix(LiteralFactorTable.maximumSecondaryFactors))
        func shown(_ factor: [[UInt8]]) -> String {
            factor.map { "'" + String(decoding: $0, as: UTF8.self) + "'" }.joined(separator: " or ")
        }
        let also = secondary.isEmpty ? "" : ", on a line that also holds " + secondary.map(shown).joined(separator: ", and ")
        let reason = expensive ? "as the full regex repeats a broad class between its parts"
            : "as the set has over \(largeSetSize) patterns, too many full regexes to compile quickly"
        let chosen = calibration.map { "; \($0)" } ?? ""
        let why = "Vectorscan looks only for \(shown(primary))\(also)\(caseless ? " (caseless)" : ""), \(reason)\(chosen)"
        // No full-regex expression: the literals stand in for it.
        return Decision(route: .prefilter(why), flags: baseFlags, expression: regex,
                        request: .init(primary: primary, secondary: secondary, caseless: caseless),
                        factors: [primary] + others, expensive: expensive)
    }

    /// The route for the regex itself: exact, approximated (`HS_FLAG_PREFILTER`, a superset), or
    /// not for Vectorscan.
    private static func fullRegexRoute(for regex: String) -> Decision {
        let empty = "matches the empty string, which Vectorscan does not report"
        let (expression, widened) = PrefilterRules.vectorscanForm(regex)
        let widenedNote = widened.isEmpty ? nil
            : "bounded repeats \(widened.joined(separator: " ")) widened for Vectorscan, which compiles large ones slowly"
        switch expressionInfo(expression, flags: baseFlags) {
        case .success(let minWidth):
            if minWidth == 0 { return Decision(route: .pcre2Only(empty), flags: baseFlags, expression: expression) }
            if let why = widenedNote ?? PrefilterRules.confirmationReason(regex) {
                // Confirmed anyway: Vectorscan may search a superset that is cheaper for it.
                if let suffix = SearchSuffix.of(expression), case .success(let width) = expressionInfo(suffix.expression, flags: baseFlags),
                   width > 0 {
                    return Decision(route: .prefilter(why + "; Vectorscan searches it from `\(suffix.literal)` on"), flags: baseFlags,
                                    expression: suffix.expression)
                }
                return Decision(route: .prefilter(why), flags: baseFlags, expression: expression)
            }
            return Decision(route: .exact, flags: baseFlags, expression: expression)
        case .failure(let exactMessage):
            let approximate = baseFlags | UInt32(HS_FLAG_PREFILTER)
            switch expressionInfo(expression, flags: approximate) {
            case .success(let minWidth):
                if minWidth == 0 { return Decision(route: .pcre2Only(empty), flags: baseFlags, expression: expression) }
                return Decision(route: .prefilter("Vectorscan approximates it (\(exactMessage))"), flags: approximate, expression: expression)
            case .failure(let message):
                return Decision(route: .pcre2Only("Vectorscan: \(message)"), flags: baseFlags, expression: expression)
            }
        }
    }

    private enum InfoOutcome {
        case success(minWidth: UInt32)
        case failure(String)
    }

    private static func expressionInfo(_ regex: String, flags: UInt32) -> InfoOutcome {
        var info: UnsafeMutablePointer<hs_expr_info_t>?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let status = hs_expression_info(regex, flags, &info, &error)
        if status == HS_SUCCESS, let info {
            let minWidth = info.pointee.min_width
            free(info)  // allocated with Vectorscan's misc allocator, malloc by default
            return .success(minWidth: minWidth)
        }
        let message = error.map { String(cString: $0.pointee.message) } ?? "error \(status)"
        if let error { hs_free_compile_error(error) }
        return .failure(message)
    }
}

/// One worker's Vectorscan scratch space (Vectorscan requires one per concurrent scanner).
final class VectorscanScratch {
    let scratch: OpaquePointer
    init(_ scratch: OpaquePointer) { self.scratch = scratch }
    deinit { hs_free_scratch(scratch) }
}
