/// A stream of bytes a document is read from: a file, stdin, or a decompressor over another source.
package protocol ByteSource: AnyObject {
    /// Fills a prefix of `buffer`; returns how many bytes were written, 0 only at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
}

package enum ByteSourceReading {
    /// Reads into the start of an array (the closure-based buffer APIs cannot throw typed errors).
    static func read(_ source: ByteSource, into array: inout [UInt8], upTo count: Int) throws(InputError) -> Int {
        var result: Result<Int, InputError> = .success(0)
        array.withUnsafeMutableBytes { raw in
            do throws(InputError) {
                result = .success(try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<count])))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }
}
