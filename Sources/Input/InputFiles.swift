/// Reads a whole (small) input, decompressing gzip, for path lists and similar side inputs.
package enum InputFiles {
    package static func readAll(_ location: InputLocation) throws(InputError) -> [UInt8] {
        try readAll(InputOpener.open(location).source)
    }

    /// Everything `source` gives until its end.
    package static func readAll(_ source: ByteSource) throws(InputError) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try ByteSourceReading.read(source, into: &chunk, upTo: chunk.count)
            if count == 0 { return result }
            result += chunk[0..<count]
        }
    }
}
