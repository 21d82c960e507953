import Engine
import Input
import LogScan
import PatternSets

/// `--files-from`: one path per line (as `find` prints them); blank lines are ignored, a trailing
/// `\r` is dropped, and a NUL-separated list (`find -print0`) is accepted too.
enum PathList {
    static func read(_ source: String) throws(InputError) -> [[UInt8]] {
        let bytes = try InputFiles.readAll(source == "-" ? .standardInput : .file(source))
        let separator: UInt8 = bytes.contains(0) ? 0 : 0x0A
        return bytes.split(separator: separator, omittingEmptySubsequences: true).compactMap { raw in
            var line = raw
            if separator == 0x0A, line.last == 0x0D { line = line.dropLast() }
            return line.isEmpty ? nil : Array(line)
        }
    }
}
