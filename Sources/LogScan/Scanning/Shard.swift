import PatternSets

/// One of N parts of an archive (`--shard K/N`, K from 0 to N-1, as Kubernetes' job completion
/// index and Slurm's array task id count): a document belongs to the shard its key hashes to, so
/// every document lands in exactly one shard, whichever machine computes it.
package struct Shard: Sendable, Hashable, CustomStringConvertible {
    package let index: Int
    package let count: Int

    /// Parses `K/N`; nil unless 0 <= K < N.
    package init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, index >= 0, index < count else {
            return nil
        }
        self.index = index
        self.count = count
    }

    package var description: String { "\(index)/\(count)" }

    /// Whether the document with this key is in the shard: the first 8 bytes of the key's SHA-256,
    /// modulo the shard count (stable across machines, runs and versions).
    package func contains(key: [UInt8]) -> Bool {
        var hasher = SHA256()
        hasher.update(key)
        let digest = hasher.finalize()
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(value % UInt64(count)) == index
    }

    /// A document's key: its path relative to the directory argument it was found under, so
    /// machines that mount the archive at different places agree; a path named directly (or listed
    /// in `--files-from`) is its own key, as written.
    package static func key(path: [UInt8], argument: [UInt8]) -> [UInt8] {
        let slash = UInt8(ascii: "/")
        var prefix = argument
        if prefix.last != slash { prefix.append(slash) }
        guard path.count > prefix.count, path.starts(with: prefix) else { return path }
        return Array(path[prefix.count...])
    }
}
