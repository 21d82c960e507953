import CLogScanVectorscan
import Glibc

/// One Vectorscan block-mode database holding every pattern routed to it, so one scan of a buffer
/// reports candidate lines for all of them at once. Pattern ids are indices into the pattern set.
final class VectorscanDatabase: @unchecked Sendable {
    // Safe to share: a compiled database is read-only while scanning; every worker scans with its
    // own scratch cloned from `prototype`, which itself is never scanned with.
    let database: OpaquePointer
    private let prototype: OpaquePointer
    /// Seconds spent in `hs_compile_multi`, for `check -v` and benchmarks.
    let compileSeconds: Double

    /// UTF-8 patterns; `^`/`$` at every line. Valid UTF-8 is the caller's job (see `UTF8Validation`).
    static let baseFlags = UInt32(HS_FLAG_UTF8) | UInt32(HS_FLAG_MULTILINE)

    private init(database: OpaquePointer, prototype: OpaquePointer, compileSeconds: Double) {
        self.database = database
        self.prototype = prototype
        self.compileSeconds = compileSeconds
    }

    deinit {
        hs_free_scratch(prototype)
        hs_free_database(database)
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
        let decided = regexes.map(route(for:))
        var routes = decided.map(\.route)
        let approximate = decided.map(\.approximate)
        let expressions = decided.map(\.expression)
        while true {
            let members = routes.indices.filter { if case .pcre2Only = routes[$0] { return false } else { return true } }
            if members.isEmpty { return (nil, routes) }
            let start = monotonicSeconds()
            switch compile(expressions, members, approximate) {
            case .success(let database, let scratch):
                return (VectorscanDatabase(database: database, prototype: scratch,
                                           compileSeconds: monotonicSeconds() - start), routes)
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
        case success(OpaquePointer, OpaquePointer)
        case failure(expression: Int?, message: String)
    }

    private static func compile(_ regexes: [String], _ members: [Int], _ approximate: [Bool]) -> CompileOutcome {
        var cStrings = members.map { strdup(regexes[$0]) }
        defer { cStrings.forEach { free($0) } }
        let flags = members.map { approximate[$0] ? baseFlags | UInt32(HS_FLAG_PREFILTER) : baseFlags }
        let ids = members.map { UInt32($0) }
        var database: OpaquePointer?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let status = cStrings.withUnsafeMutableBufferPointer { expressions in
            expressions.withMemoryRebound(to: UnsafePointer<CChar>?.self) { expressions in
                hs_compile_multi(expressions.baseAddress, flags, ids, UInt32(members.count),
                                 UInt32(HS_MODE_BLOCK), nil, &database, &error)
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
        return .success(database, scratch)
    }

    /// How one pattern should run, asking Vectorscan's parser (`hs_expression_info`) without
    /// building a database. `approximate`: compile with `HS_FLAG_PREFILTER` (a superset).
    static func route(for regex: String) -> (route: PatternRoute, approximate: Bool, expression: String) {
        let empty = "matches the empty string, which Vectorscan does not report"
        if let why = PrefilterRules.exclusionReason(regex) { return (.pcre2Only(why), false, regex) }
        let (expression, widened) = PrefilterRules.vectorscanForm(regex)
        let widenedNote = widened.isEmpty ? nil
            : "bounded repeats \(widened.joined(separator: " ")) widened for Vectorscan, which compiles large ones slowly"
        switch expressionInfo(expression, flags: baseFlags) {
        case .success(let minWidth):
            if minWidth == 0 { return (.pcre2Only(empty), false, expression) }
            if let why = widenedNote ?? PrefilterRules.confirmationReason(regex) { return (.prefilter(why), false, expression) }
            return (.exact, false, expression)
        case .failure(let exactMessage):
            switch expressionInfo(expression, flags: baseFlags | UInt32(HS_FLAG_PREFILTER)) {
            case .success(let minWidth):
                if minWidth == 0 { return (.pcre2Only(empty), false, expression) }
                return (.prefilter("Vectorscan approximates it (\(exactMessage))"), true, expression)
            case .failure(let message):
                return (.pcre2Only("Vectorscan: \(message)"), false, expression)
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
