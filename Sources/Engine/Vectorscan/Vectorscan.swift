import CLogScanVectorscan
import Glibc

/// The one place logscan calls Vectorscan's C API (`hs_*`): flags, the scan entry point, the
/// compile target, expression analysis. Databases and scratch regions are `VectorscanDatabase` and
/// `VectorscanScratch`, in this file too.
package enum Vectorscan {
    /// UTF-8 patterns; `^`/`$` at every line. Valid UTF-8 is the caller's job (see `UTF8Validation`).
    package static let baseFlags = UInt32(HS_FLAG_UTF8) | UInt32(HS_FLAG_MULTILINE)
    package static let caselessFlag = UInt32(HS_FLAG_CASELESS)
    /// Compile a superset of the expression (lookaround, backreferences...): every report is a candidate.
    package static let prefilterFlag = UInt32(HS_FLAG_PREFILTER)

    /// A match report: pattern id, match end offset, and the context given to `scan`.
    package typealias MatchHandler = @convention(c) (UInt32, UInt64, UInt64, UInt32, UnsafeMutableRawPointer?) -> Int32

    /// An `hs_scan`-shaped entry point.
    typealias ScanEntry = logscan_hs_scan_fn

    /// The scan entry point: the AVX2 build of `hs_scan` where the library exports it (see the
    /// shim: the AVX-512 path of Vectorscan 5.4.9 misses matches), else the dispatched one.
    // Safe: a C function pointer, set once when first read and never written again.
    nonisolated(unsafe) static let scanEntry: ScanEntry = logscan_hs_scan_avx2() ?? dispatchedEntry
    // Safe: as `scanEntry`, a constant C function pointer.
    nonisolated(unsafe) static let dispatchedEntry: ScanEntry = { database, data, length, flags, scratch, handler, context in
        hs_scan(database, data, length, flags, scratch, handler, context)
    }

    /// Which entry `scanEntry` is, for `check -v`.
    package static var scanEntryName: String { logscan_hs_scan_avx2() == nil ? "hs_scan" : "avx2_hs_scan" }

    /// The target databases are compiled for: this machine, but without AVX-512 when scanning
    /// with the AVX2 entry (whose build lacks the AVX-512 engines a database could ask for).
    static let platform: hs_platform_info_t = {
        var info = hs_platform_info_t()
        _ = hs_populate_platform(&info)
        if logscan_hs_scan_avx2() != nil { info.cpu_features &= UInt64(HS_CPU_FEATURES_AVX2) }
        return info
    }()

    /// What a compiled database depends on besides its expressions, for cache keys.
    static var buildIdentity: String {
        "\(String(cString: hs_version())) \(platform.tune) \(platform.cpu_features) \(scanEntryName)"
    }

    /// False when this CPU lacks the instructions Vectorscan needs.
    static var isPlatformValid: Bool { hs_valid_platform() == HS_SUCCESS }

    enum ExpressionInfo {
        case minWidth(UInt32)
        case failure(String)
    }

    /// Vectorscan's parser's view of one expression, without building a database.
    static func expressionInfo(_ regex: String, flags: UInt32) -> ExpressionInfo {
        if regex.utf8.contains(0) { return .failure("the expression holds a NUL byte") }
        var info: UnsafeMutablePointer<hs_expr_info_t>?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let status = hs_expression_info(regex, flags, &info, &error)
        if status == HS_SUCCESS, let info {
            let minWidth = info.pointee.min_width
            free(info)  // allocated with Vectorscan's misc allocator, malloc by default
            return .minWidth(minWidth)
        }
        let message = error.map { String(cString: $0.pointee.message) } ?? "error \(status)"
        if let error { hs_free_compile_error(error) }
        return .failure(message)
    }
}

/// One block-mode database, read-only once built, and the scratch prototype workers clone.
package final class VectorscanDatabase: @unchecked Sendable {
    // Safe to share: a compiled database is read-only while scanning; every worker scans with its
    // own scratch cloned from `prototype`, which itself is never scanned with.
    private let handle: OpaquePointer
    private let prototype: OpaquePointer

    private init(handle: OpaquePointer, prototype: OpaquePointer) {
        self.handle = handle
        self.prototype = prototype
    }

    deinit {
        hs_free_scratch(prototype)
        hs_free_database(handle)
    }

    enum CompileOutcome {
        case success(VectorscanDatabase)
        /// `expression`: the index of the expression Vectorscan refused, when it says.
        case failure(expression: Int?, message: String)
    }

    /// Compiles `expressions` (each with its flags and report id) for this machine.
    static func compile(_ expressions: [String], flags: [UInt32], ids: [UInt32]) -> CompileOutcome {
        // A C string ends at its first NUL: the expression Vectorscan would compile is not this one.
        if let index = expressions.firstIndex(where: { $0.utf8.contains(0) }) {
            return .failure(expression: index, message: "the expression holds a NUL byte")
        }
        var cStrings = expressions.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        var database: OpaquePointer?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        var target = Vectorscan.platform
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
        guard let built = withScratch(database) else { return .failure(expression: nil, message: "could not allocate scratch space") }
        return .success(built)
    }

    /// A database from `serialize()`'s bytes; nil when Vectorscan refuses them (magic, version,
    /// platform and CRC are its own checks).
    static func deserialize(_ bytes: [UInt8]) -> VectorscanDatabase? {
        var database: OpaquePointer?
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { hs_deserialize_database($0.baseAddress, $0.count, &database) }
        }
        guard status == HS_SUCCESS, let database else { return nil }
        return withScratch(database)
    }

    private static func withScratch(_ database: OpaquePointer) -> VectorscanDatabase? {
        var scratch: OpaquePointer?
        guard hs_alloc_scratch(database, &scratch) == HS_SUCCESS, let scratch else {
            hs_free_database(database)
            return nil
        }
        return VectorscanDatabase(handle: database, prototype: scratch)
    }

    func serialize() -> [UInt8]? {
        var bytes: UnsafeMutablePointer<CChar>?
        var length = 0
        guard hs_serialize_database(handle, &bytes, &length) == HS_SUCCESS, let bytes else { return nil }
        defer { free(bytes) }
        return bytes.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    /// A scratch region for one worker; nil when out of memory.
    func makeScratch() -> VectorscanScratch? {
        var clone: OpaquePointer?
        guard hs_clone_scratch(prototype, &clone) == HS_SUCCESS, let clone else { return nil }
        return VectorscanScratch(clone)
    }

    /// Scans `data[0..<count]` (under 4 GiB) with `scanEntry`, reporting every match to `onMatch`.
    @inline(__always)
    func scan(_ data: UnsafePointer<UInt8>, count: Int, scratch: VectorscanScratch, context: UnsafeMutableRawPointer?,
              onMatch: Vectorscan.MatchHandler) -> Bool {
        scan(with: Vectorscan.scanEntry, data, count: count, scratch: scratch, context: context, onMatch: onMatch)
    }

    func scan(with entry: Vectorscan.ScanEntry, _ data: UnsafePointer<UInt8>, count: Int, scratch: VectorscanScratch,
              context: UnsafeMutableRawPointer?, onMatch: Vectorscan.MatchHandler) -> Bool {
        entry(handle, UnsafeRawPointer(data).assumingMemoryBound(to: CChar.self), UInt32(count), 0, scratch.handle,
              onMatch, context) == HS_SUCCESS
    }
}

/// One worker's Vectorscan scratch space (Vectorscan requires one per concurrent scanner).
package final class VectorscanScratch {
    fileprivate let handle: OpaquePointer
    fileprivate init(_ handle: OpaquePointer) { self.handle = handle }
    deinit { hs_free_scratch(handle) }
}
