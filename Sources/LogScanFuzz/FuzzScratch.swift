import Glibc

/// A private directory for targets that must go through real files (the scanner opens paths):
/// in `/dev/shm` when there is one, so an execution costs no disk I/O.
enum FuzzScratch {
    static func directory() -> String {
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        var template = Array("\(base)/logscan-fuzz-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { violated("cannot make a scratch directory", base) }
        return String(cString: made)
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written <= 0 { return false }
            offset += written
        }
        return true
    }
}
