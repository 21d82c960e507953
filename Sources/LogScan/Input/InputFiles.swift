/// Reads a whole (small) input, decompressing gzip, for path lists and similar side inputs.
public enum InputFiles {
    public static func readAll(_ location: InputLocation) throws(InputError) -> [UInt8] {
        let opened = try InputOpener.open(location)
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try ByteSourceReading.read(opened.source, into: &chunk, upTo: chunk.count)
            if count == 0 { return result }
            result += chunk[0..<count]
        }
    }
}
