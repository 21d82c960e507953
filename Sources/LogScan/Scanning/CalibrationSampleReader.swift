import Engine
import Glibc
import Input

/// Reads the calibration sample of a large set from the inputs about to be scanned.
///
/// It is spread over the inputs (the head of up to `CalibrationSample.maximumItems` of them, evenly
/// spaced), because one archive often holds logs of several kinds. Only regular files are read: a
/// FIFO or stdin would lose what the sample took. Inputs that cannot be read are left to the scan,
/// which reports them; the sample only steers speed, never counts.
extension CalibrationSample {
    /// About how many bytes the regular files among `items` hold once inflated: their size as
    /// stored (from the walk's own `stat` where it has one), a `.gz` file's counted
    /// `gzipExpansion` times. What decides whether the planner's trial of a split layout is worth a
    /// sample; an estimate suffices, and reading each archive's trailer would cost a file open.
    package static func inputBytes(items: [InputItem]) -> Int {
        items.reduce(0) { total, item in
            guard item.openError == nil else { return total }
            let stored = item.status.map { Int($0.size) } ?? regularFileSize(item.location) ?? 0
            return total + (isGzipName(item.location) ? stored * gzipExpansion : stored)
        }
    }

    /// A low guess at how much CI logs expand when inflated (they commonly do 5 to 10 times).
    package static let gzipExpansion = 4

    private static func isGzipName(_ location: InputLocation) -> Bool {
        let suffix = Array(".gz".utf8)
        switch location {
        case .standardInput: return false
        case .file(let path): return Array(path.utf8.suffix(3)) == suffix
        case .rawFile(let bytes): return Array(bytes.suffix(3)) == suffix
        }
    }

    package static func read(items: [InputItem], totalBytes: Int = defaultBytes) -> CalibrationSample {
        var inputBytes = 0
        let files = items.filter {
            guard $0.openError == nil, let size = regularFileSize($0.location) else { return false }
            inputBytes += size
            return true
        }
        guard !files.isEmpty, totalBytes > 0 else { return CalibrationSample(text: [], documents: 0, inputBytes: 0) }
        let picked = min(files.count, maximumItems)
        let perItem = max(1, totalBytes / picked)
        var text: [UInt8] = []
        text.reserveCapacity(min(totalBytes, perItem * picked))
        var documents = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 64)
        defer { buffer.deallocate() }
        for slot in 0..<picked where text.count < totalBytes {
            let item = files[picked == 1 ? 0 : slot * (files.count - 1) / (picked - 1)]  // the first and the last among them
            guard let opened = try? InputOpener.open(item.location, inflater: .isal) else { continue }
            var document: [UInt8] = []
            let want = min(perItem, totalBytes - text.count)
            while document.count < want {
                guard let got = try? opened.source.read(into: buffer), got > 0 else { break }
                document.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
            }
            if document.count > want {
                // Whole lines only: a literal cut at the end would be counted wrong.
                var end = want
                while end > 0, document[end - 1] != LineIndex.newline { end -= 1 }
                document.removeSubrange(end...)
            }
            guard !document.isEmpty else { continue }
            if document.last != LineIndex.newline { document.append(LineIndex.newline) }
            text += document
            documents += 1
        }
        return CalibrationSample(text: text, documents: documents, inputBytes: inputBytes)
    }

    /// The size of a regular file; nil for anything else.
    private static func regularFileSize(_ location: InputLocation) -> Int? {
        var info = stat()
        let status: Int32
        switch location {
        case .standardInput: return nil
        case .file(let path): status = LongPath.stat(Array(path.utf8), &info)
        case .rawFile(let bytes): status = LongPath.stat(bytes, &info)
        }
        return status == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
    }
}
