import CLogScanPCRE2
import RegexSyntax
import Synchronization

/// A PCRE2 code object, JIT-compiled on its first match, immutable once JIT-compiled.
///
/// PCRE2 documents compiled code as read-only during matching, so one object may be shared by
/// every worker as long as each brings its own match data, match context and JIT stack.
///
/// JIT compilation waits for the first match because most patterns of a large set never need
/// PCRE2 (Vectorscan settles their lines, or rules them out), and JIT code costs start-up time
/// and executable memory per pattern.
package final class PCRE2Regex: @unchecked Sendable {
    // Safe to share: `code` is mutated once, by pcre2_jit_compile under `jitDecision`, and no thread
    // matches with it before `jitState` says that compilation is over (see `prepareJIT`).
    let code: OpaquePointer
    package let captureCount: Int
    private let jitState = Atomic<UInt8>(JITState.pending)
    /// The JIT outcome, decided once under this lock; `jitState` publishes it to lock-free readers.
    private let jitDecision = Locked<UInt8?>(nil)

    private enum JITState {
        static let pending: UInt8 = 0
        static let compiled: UInt8 = 1
        /// JIT unavailable for this pattern (unsupported CPU, no executable memory): the
        /// interpreter gives the same results, only slower.
        static let interpreted: UInt8 = 2
    }

    /// Options logscan uses for every pattern: UTF mode that tolerates invalid UTF-8 in the
    /// subject, LF as the only newline (so `^`/`$` agree with line splitting). These are the
    /// options GNU `grep -P` uses in a UTF-8 locale, which makes it a usable oracle.
    static let baseOptions: UInt32 = UInt32(PCRE2_UTF) | UInt32(PCRE2_MATCH_INVALID_UTF)

    /// Compiles `pattern`. `multiline` is used for whole-buffer searches, where lines are joined by `\n`;
    /// `caseless` only by lint rules that ask how a pattern would behave with `(?i)`.
    package init(pattern: String, multiline: Bool, caseless: Bool = false) throws(PCRE2CompileError) {
        let context = pcre2_compile_context_create_8(nil)
        defer { pcre2_compile_context_free_8(context) }
        pcre2_set_newline_8(context, UInt32(PCRE2_NEWLINE_LF))

        var options = Self.baseOptions
        if multiline { options |= UInt32(PCRE2_MULTILINE) }
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        func compile(_ pattern: String) -> OpaquePointer? {
            Array(pattern.utf8).withUnsafeBufferPointer { bytes in
                pcre2_compile_8(bytes.baseAddress, bytes.count, options, &errorCode, &errorOffset, context)
            }
        }
        // Errors and their offsets are those of the pattern as written.
        guard var compiled = compile(pattern) else {
            throw PCRE2CompileError(message: PCRE2.errorMessage(errorCode), offset: errorOffset)
        }
        if PCRE2.jitMissesNegatedTypes, let rewritten = ParsedRegex(pattern).negatedTypesAsClasses,
           let workaround = compile(rewritten) {
            pcre2_code_free_8(compiled)
            compiled = workaround
        }
        code = compiled
        var captures: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        captureCount = Int(captures)
    }

    deinit { pcre2_code_free_8(code) }

    /// Whether matches run JIT code: JIT-compiles the pattern if no match has done so yet.
    package var isJITCompiled: Bool { prepareJIT() }

    /// JIT-compiles `code` once, the first caller doing it while any other waits; true if matches
    /// can take the JIT entry. Every match on a shared object (`MatchWorkspace.firstMatch`) goes
    /// through here first, so none reads `code` while pcre2_jit_compile writes it.
    @inline(__always)
    func prepareJIT() -> Bool {
        let state = jitState.load(ordering: .acquiring)
        if _fastPath(state != JITState.pending) { return state == JITState.compiled }
        return compileJIT()
    }

    /// Whether no match has asked for JIT code yet (for tests of the laziness itself).
    var isJITPending: Bool { jitState.load(ordering: .acquiring) == JITState.pending }

    @inline(never)
    private func compileJIT() -> Bool {
        jitDecision.withLock { decided in
            if decided == nil {
                let state = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0 ? JITState.compiled : JITState.interpreted
                jitState.store(state, ordering: .releasing)
                decided = state
            }
            return decided == JITState.compiled
        }
    }
}

/// A pattern PCRE2 refused, with PCRE2's own message and the offset in the pattern (code units).
package struct PCRE2CompileError: Error, Sendable {
    package var message: String
    package var offset: Int
}

package enum PCRE2 {
    static func errorMessage(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, $0.count) }
        guard length > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }

    /// Whether the linked PCRE2's JIT has the bug `ParsedRegex.negatedTypesAsClasses` works
    /// around (`a\S` failing on `aé` with `PCRE2_MATCH_INVALID_UTF`): tried once, on the library itself.
    static let jitMissesNegatedTypes: Bool = {
        let context = pcre2_compile_context_create_8(nil)
        defer { pcre2_compile_context_free_8(context) }
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let pattern: [UInt8] = Array(#"a\S"#.utf8)
        guard let code = pattern.withUnsafeBufferPointer({
            pcre2_compile_8($0.baseAddress, $0.count, PCRE2Regex.baseOptions, &errorCode, &errorOffset, context)
        }) else { return false }
        defer { pcre2_code_free_8(code) }
        // Without JIT code the interpreter matches, and is right.
        guard pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0 else { return false }
        guard let matchData = pcre2_match_data_create_from_pattern_8(code, nil) else { return false }
        defer { pcre2_match_data_free_8(matchData) }
        let subject: [UInt8] = [UInt8(ascii: "a"), 0xC3, 0xA9]
        return subject.withUnsafeBufferPointer { pcre2_jit_match_8(code, $0.baseAddress, $0.count, 0, 0, matchData, nil) } < 0
    }()

    /// True for the errors that mean "gave up on this subject", as opposed to a bug.
    static func isResourceLimit(_ code: Int32) -> Bool {
        code == PCRE2_ERROR_MATCHLIMIT || code == PCRE2_ERROR_DEPTHLIMIT
            || code == PCRE2_ERROR_HEAPLIMIT || code == PCRE2_ERROR_JIT_STACKLIMIT
            || code == PCRE2_ERROR_NOMEMORY
    }
}
