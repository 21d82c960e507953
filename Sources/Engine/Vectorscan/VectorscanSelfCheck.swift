/// A start-up check of the scan entry point against a Vectorscan bug: 5.4.9's AVX-512 path misses
/// `E.*T` when the data runs past a 64-byte vector. Patterns known to trip broken SIMD paths are
/// scanned at every alignment up to a few vectors; if the entry misses anything, `auto` routes
/// every pattern to PCRE2 rather than under-count.
package enum VectorscanSelfCheck {
    /// Checked once per process.
    static let failure: String? = run(Vectorscan.scanEntry)

    /// Nil when `entry` finds every match; else what it missed.
    static func run(_ entry: Vectorscan.ScanEntry) -> String? {
        let words = Array("the quick brown fox 12:00:01 kernel info x yy ".utf8)
        for (regex, tail) in [("E.*T", "ET"), ("v.*Q.*R", "yvQR"), ("\\bv.*Q", "vQ"), ("error.*timeout", "error: timeout")] {
            guard case .success(let database) = VectorscanDatabase.compile([regex], flags: [Vectorscan.baseFlags], ids: [0]),
                  let scratch = database.makeScratch() else { return "could not compile \(regex)" }
            for fill in 0..<260 {
                var data = (0..<fill).map { words[$0 % words.count] }
                data += [UInt8(ascii: "\n")] + Array(tail.utf8) + [UInt8(ascii: "\n")]
                var found = 0
                _ = data.withUnsafeBufferPointer { bytes in
                    withUnsafeMutablePointer(to: &found) { counter in
                        database.scan(with: entry, bytes.baseAddress!, count: bytes.count, scratch: scratch, context: counter) {
                            _, _, _, _, context in
                            context!.assumingMemoryBound(to: Int.self).pointee += 1
                            return 0
                        }
                    }
                }
                if found == 0 { return "missed \(regex) after \(fill) bytes" }
            }
        }
        return nil
    }
}
