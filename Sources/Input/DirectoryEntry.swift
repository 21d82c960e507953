import Glibc

package enum DirectoryEntry {
    /// The name of the entry `readdir` returned, read through the pointer up to its NUL. Never
    /// by copying `d_name`: glibc sizes each entry to its name, so the full 256-byte array of the
    /// last entry in readdir's buffer can run past the end of it.
    package static func name(_ entry: UnsafeMutablePointer<dirent>) -> [UInt8] {
        // The offset exists: `d_name` is a stored field of the imported C struct.
        let offset = MemoryLayout<dirent>.offset(of: \.d_name)!
        let start = UnsafeRawPointer(entry).advanced(by: offset).assumingMemoryBound(to: CChar.self)
        return Array(UnsafeRawBufferPointer(start: start, count: strlen(start)))
    }
}
