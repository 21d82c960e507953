import CLogScanPCRE2

/// A PCRE2 code object, JIT-compiled when the platform allows, immutable once built.
///
/// PCRE2 documents compiled code as read-only during matching, so one object may be shared by
/// every worker as long as each brings its own match data, match context and JIT stack.
public final class CompiledRegex: @unchecked Sendable {
    // Safe to share: `code` is never mutated after `init` (JIT compilation happens here, before sharing).
    let code: OpaquePointer
    public let isJITCompiled: Bool
    public let captureCount: Int

    /// Options logscan uses for every pattern: UTF mode that tolerates invalid UTF-8 in the
    /// subject, LF as the only newline (so `^`/`$` agree with line splitting). These are the
    /// options GNU `grep -P` uses in a UTF-8 locale, which makes it a usable oracle.
    static let baseOptions: UInt32 = UInt32(PCRE2_UTF) | UInt32(PCRE2_MATCH_INVALID_UTF)

    /// Compiles `pattern`. `multiline` is used for whole-buffer searches, where lines are joined by `\n`;
    /// `caseless` only by lint rules that ask how a pattern would behave with `(?i)`.
    init(pattern: String, multiline: Bool, caseless: Bool = false) throws(PCRE2CompileError) {
        let context = pcre2_compile_context_create_8(nil)
        defer { pcre2_compile_context_free_8(context) }
        pcre2_set_newline_8(context, UInt32(PCRE2_NEWLINE_LF))

        var options = Self.baseOptions
        if multiline { options |= UInt32(PCRE2_MULTILINE) }
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let utf8 = Array(pattern.utf8)
        let compiled = utf8.withUnsafeBufferPointer { bytes in
            pcre2_compile_8(bytes.baseAddress, bytes.count, options, &errorCode, &errorOffset, context)
        }
        guard let compiled else {
            throw PCRE2CompileError(message: PCRE2.errorMessage(errorCode), offset: errorOffset)
        }
        code = compiled
        // JIT failure (unsupported CPU, or no executable memory) is not fatal: the interpreter gives
        // the same results, only slower.
        isJITCompiled = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        var captures: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        captureCount = Int(captures)
    }

    deinit { pcre2_code_free_8(code) }
}

/// A pattern PCRE2 refused, with PCRE2's own message and the offset in the pattern (code units).
public struct PCRE2CompileError: Error, Sendable {
    public var message: String
    public var offset: Int
}

enum PCRE2 {
    static func errorMessage(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, $0.count) }
        guard length > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }

    /// True for the errors that mean "gave up on this subject", as opposed to a bug.
    static func isResourceLimit(_ code: Int32) -> Bool {
        code == PCRE2_ERROR_MATCHLIMIT || code == PCRE2_ERROR_DEPTHLIMIT
            || code == PCRE2_ERROR_HEAPLIMIT || code == PCRE2_ERROR_JIT_STACKLIMIT
            || code == PCRE2_ERROR_NOMEMORY
    }
}
