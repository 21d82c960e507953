import Glibc
import Input

/// The files a replay reads: a file itself, or every regular file in a directory (sorted, not
/// recursive: seed and crash folders are flat).
enum ReplayFiles {
    static func list(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [path] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = String(decoding: DirectoryEntry.name(entry), as: UTF8.self)
            if name.hasPrefix(".") { continue }
            names.append(path + "/" + name)
        }
        return names.sorted()
    }

    static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let got = fread(&chunk, 1, chunk.count, file)
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return ferror(file) == 0 ? bytes : nil
    }
}
