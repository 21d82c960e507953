import Glibc
#if FUZZING
import CLogScanFuzzer
#endif

// Built with `-sanitize=fuzzer,address -DFUZZING` (`make fuzz`), this is a libFuzzer binary: the
// target is chosen by `LOGSCAN_FUZZ_TARGET`, every argument goes to libFuzzer. Built normally, it
// replays files through the same checks (`logscan-fuzz replay TARGET PATH...`), which is how the
// seeds and every input a fuzzer ever stopped on run in `make test`.

#if FUZZING
// Set once before libFuzzer starts calling `testOneInput` from its single thread.
nonisolated(unsafe) private var activeTarget: (any FuzzTarget)?

private func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    activeTarget!.check(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

/// libFuzzer calls this instead of its own mutation when the binary defines it. For a target with
/// a costly prefix, 255 mutations in 256 change only the bytes after it (starting them, with a
/// separator, where there are none); every other target gets libFuzzer's own mutation of the
/// whole input, as if this were not defined.
@_cdecl("LLVMFuzzerCustomMutator")
func customMutator(_ data: UnsafeMutablePointer<UInt8>?, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
    guard let data, seed % 256 != 0, let target = activeTarget as? any CostlyPrefix else {
        return LLVMFuzzerMutate(data, size, maxSize)
    }
    var size = size
    var prefix = target.costlyPrefixLength(UnsafeRawBufferPointer(start: data, count: size))
    if prefix >= size {
        // Nothing follows the prefix: append the shortest separator after which one byte is not
        // part of it.
        let separators: [[UInt8]] = [[], [0x0A], [0x0A, 0x0A]]
        guard let separator = separators.first(where: { separator in
            guard size + separator.count + 1 <= maxSize else { return false }
            (data + size).update(from: separator, count: separator.count)
            data[size + separator.count] = UInt8(truncatingIfNeeded: seed >> 8)
            return target.costlyPrefixLength(UnsafeRawBufferPointer(start: data, count: size + separator.count + 1)) == size + separator.count
        }) else { return LLVMFuzzerMutate(data, size, maxSize) }
        prefix = size + separator.count
        size = prefix + 1
    }
    return prefix + LLVMFuzzerMutate(data + prefix, size - prefix, maxSize - prefix)
}

@main
enum FuzzMain {
    static func main() {
        let name = getenv("LOGSCAN_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = FuzzTargets.named(name) else {
            let names = FuzzTargets.all.map { $0.name }.joined(separator: ", ")
            printError("logscan-fuzz: set LOGSCAN_FUZZ_TARGET to one of: \(names)")
            exit(2)
        }
        // Compiled databases would pile up in the cache, one per execution.
        setenv("LOGSCAN_CACHE_DIR", "off", 1)
        activeTarget = target.init()
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { testOneInput($0, $1) })
    }
}
#else
@main
enum Replay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count >= 3, arguments[0] == "replay", let target = FuzzTargets.named(arguments[1]) else {
            let names = FuzzTargets.all.map { $0.name }.joined(separator: "|")
            printError("usage: logscan-fuzz replay \(names) FILE_OR_DIRECTORY...")
            exit(2)
        }
        setenv("LOGSCAN_CACHE_DIR", "off", 1)
        let instance = target.init()
        var count = 0
        for path in arguments.dropFirst(2) {
            for file in ReplayFiles.list(path) {
                guard let bytes = ReplayFiles.read(file) else {
                    printError("logscan-fuzz: cannot read \(file)")
                    exit(2)
                }
                let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
                copy.copyBytes(from: bytes)
                instance.check(UnsafeRawBufferPointer(copy))
                copy.deallocate()
                count += 1
            }
        }
        print("\(target.name): \(count) inputs replayed, every check held")
    }
}
#endif

/// Writes one line to standard error (fd 2, so no shared `FILE`).
func printError(_ message: String) {
    var bytes = Array(message.utf8)
    bytes.append(0x0A)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
