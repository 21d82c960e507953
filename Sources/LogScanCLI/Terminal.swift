import Engine
import Glibc
import Input
import LogScan
import PatternSets

/// stderr and process-exit helpers shared by the commands.
enum Terminal {
    static let stderrIsTerminal = isatty(2) == 1
    static let stdinIsTerminal = isatty(0) == 1

    /// One diagnostic, as one line: control characters in it (from paths, ids, YAML) are escaped.
    static func printError(_ text: String) {
        writeStderr(OneLineText.escape(text.hasSuffix("\n") ? String(text.dropLast()) : text) + "\n")
    }

    static func writeStderr(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    static func exit(_ code: Int32) -> Never { Glibc.exit(code) }
}
