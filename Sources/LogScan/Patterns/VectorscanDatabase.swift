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

    /// UTF-8 patterns; `^`/`$` at every line. Valid UTF-8 is the caller's job (see `UTF8Validation`).
    static let baseFlags = UInt32(HS_FLAG_UTF8) | UInt32(HS_FLAG_MULTILINE)

    private init(database: OpaquePointer, prototype: OpaquePointer, compileSeconds: Double, fromCache: Bool) {
        self.database = database
        self.prototype = prototype
        self.compileSeconds = compileSeconds
        self.fromCache = fromCache
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

    /// Routes every regex and compiles those Vectorscan takes into one database.
    static func build(regexes: [String]) -> (database: VectorscanDatabase?, routes: [PatternRoute]) {
        guard hs_valid_platform() == HS_SUCCESS else {
            return (nil, regexes.map { _ in .pcre2Only("this CPU lacks the instructions Vectorscan needs") })
        }
        if let failure = selfCheckFailure {
            return (nil, regexes.map { _ in .pcre2Only("Vectorscan failed its self-check on this machine (\(failure))") })
        }
        let large = regexes.count >= largeSetSize
        let decided = regexes.map { route(for: $0, largeSet: large) }
        var routes = decided.map(\.route)
        let flags = decided.map(\.flags)
        let expressions = decided.map(\.expression)
        while true {
            let members = routes.indices.filter { if case .pcre2Only = routes[$0] { return false } else { return true } }
            if members.isEmpty { return (nil, routes) }
            let start = monotonicSeconds()
            switch compile(expressions, members, flags) {
            case .success(let database, let scratch, let cached):
                return (VectorscanDatabase(database: database, prototype: scratch,
                                           compileSeconds: monotonicSeconds() - start, fromCache: cached), routes)
            case .failure(let expression, let message):
                // One pattern the set compile refused (too large, say): leave it to PCRE2 and retry.
                guard let expression, members.indices.contains(expression) else {
                    return (nil, regexes.map { _ in .pcre2Only("Vectorscan could not build the set: \(message)") })
                }
                routes[members[expression]] = .pcre2Only("Vectorscan: \(message)")
            }
        }
    }

    private enum CompileOutcome {
        case success(OpaquePointer, OpaquePointer, cached: Bool)
        case failure(expression: Int?, message: String)
    }

    private static func compile(_ regexes: [String], _ members: [Int], _ allFlags: [UInt32]) -> CompileOutcome {
        var cStrings = members.map { strdup(regexes[$0]) }
        defer { cStrings.forEach { free($0) } }
        let flags = members.map { allFlags[$0] }
        let ids = members.map { UInt32($0) }
        let key = VectorscanDatabaseCache.key(expressions: members.map { regexes[$0] }, flags: flags, ids: ids, platform: platform)
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
                hs_compile_multi(expressions.baseAddress, flags, ids, UInt32(members.count),
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

    /// How one pattern should run, asking Vectorscan's parser (`hs_expression_info`) without
    /// building a database: the route, the Vectorscan expression and its flags.
    static func route(for regex: String, largeSet: Bool = false) -> (route: PatternRoute, flags: UInt32, expression: String) {
        let decided = fullRegexRoute(for: regex)
        if case .pcre2Only = decided.route { return decided }
        // A `.*` or broad class repeated between the parts of a regex makes Vectorscan's automata
        // slow to build and to run; a literal every match holds is cheap for both.
        let expensive = LiteralSignature.isExpensiveForVectorscan(regex)
        guard largeSet || expensive, let signature = LiteralSignature.extract(regex),
              signature.shortest >= LiteralSignature.minimumLength else { return decided }
        let expression = signature.literals.map(escaped).joined(separator: "|")
        let shown = signature.literals.map { "'" + String(decoding: $0, as: UTF8.self) + "'" }.joined(separator: " or ")
        let reason = expensive ? "as the full regex repeats a broad class between its parts"
            : "as the set has over \(largeSetSize) patterns, too many full regexes to compile quickly"
        let why = "Vectorscan looks only for \(shown)\(signature.caseless ? " (caseless)" : ""), \(reason)"
        // UTF-8 mode, as for full regexes, so caseless `k` and `s` also find U+212A and U+017F as
        // PCRE2 does.
        return (.prefilter(why), baseFlags | (signature.caseless ? UInt32(HS_FLAG_CASELESS) : 0), expression)
    }

    /// A literal as a Vectorscan regex: ASCII letters and digits as they are, other ASCII as
    /// `\xHH` (a code point below 0x80 is that byte in UTF-8 mode), non-ASCII characters as their
    /// UTF-8 bytes.
    private static func escaped(_ literal: [UInt8]) -> String {
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

    /// The route for the regex itself: exact, approximated (`HS_FLAG_PREFILTER`, a superset), or
    /// not for Vectorscan.
    private static func fullRegexRoute(for regex: String) -> (route: PatternRoute, flags: UInt32, expression: String) {
        let empty = "matches the empty string, which Vectorscan does not report"
        if let why = PrefilterRules.exclusionReason(regex) { return (.pcre2Only(why), baseFlags, regex) }
        let (expression, widened) = PrefilterRules.vectorscanForm(regex)
        let widenedNote = widened.isEmpty ? nil
            : "bounded repeats \(widened.joined(separator: " ")) widened for Vectorscan, which compiles large ones slowly"
        switch expressionInfo(expression, flags: baseFlags) {
        case .success(let minWidth):
            if minWidth == 0 { return (.pcre2Only(empty), baseFlags, expression) }
            if let why = widenedNote ?? PrefilterRules.confirmationReason(regex) { return (.prefilter(why), baseFlags, expression) }
            return (.exact, baseFlags, expression)
        case .failure(let exactMessage):
            let approximate = baseFlags | UInt32(HS_FLAG_PREFILTER)
            switch expressionInfo(expression, flags: approximate) {
            case .success(let minWidth):
                if minWidth == 0 { return (.pcre2Only(empty), baseFlags, expression) }
                return (.prefilter("Vectorscan approximates it (\(exactMessage))"), approximate, expression)
            case .failure(let message):
                return (.pcre2Only("Vectorscan: \(message)"), baseFlags, expression)
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
