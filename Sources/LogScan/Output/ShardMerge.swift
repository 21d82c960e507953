import Input

/// Puts the outputs of `logscan scan --shard K/N` back together as one run over everything would
/// have written them: the header without its shard, the records in the single run's order
/// (each shard's are in order, and their `seq` says where they go), and a summary recomputed from
/// the records.
package enum ShardMerge {
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var description: String
    }

    package struct Merged {
        package var header: [UInt8]
        package var patternIDs: [String]
        package var classify: Bool
        package var records: [[UInt8]]
        package var summary: ScanSummary
    }

    package static func merge(_ outputs: [ScanOutput]) throws(Failure) -> Merged {
        guard let first = outputs.first else { throw Failure(description: "nothing to merge") }
        guard let count = first.header.shard?.count else { throw notSharded(first) }
        var seen: [Int: String] = [:]
        for output in outputs {
            guard let shard = output.header.shard else { throw notSharded(output) }
            guard output.header.patternSet == first.header.patternSet else {
                throw Failure(description: "\(first.path) and \(output.path) were scanned with different pattern sets "
                              + "(\(first.header.patternSet) and \(output.header.patternSet)): their counts do not add up")
            }
            guard shard.count == count else {
                throw Failure(description: "\(first.path) is a shard of \(count), \(output.path) a shard of \(shard.count)")
            }
            guard output.header.lineWithoutShard == first.header.lineWithoutShard else {
                throw Failure(description: "\(first.path) and \(output.path) were scanned with different options or versions (their headers differ)")
            }
            if let other = seen[shard.index] { throw Failure(description: "shard \(shard) is given twice: \(other) and \(output.path)") }
            seen[shard.index] = output.path
        }
        let missing = (0..<count).filter { seen[$0] == nil }
        guard missing.isEmpty else {
            throw Failure(description: "shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) missing: "
                          + "the merge would not be the whole archive")
        }

        var ordered: [(sequence: Int, output: Int, position: Int)] = []
        for (output, scan) in outputs.enumerated() {
            for (position, record) in scan.records.enumerated() {
                guard let sequence = record.sequence else {
                    throw Failure(description: "\(scan.path): record \(position + 1) has no \"seq\" (not written by a sharded scan)")
                }
                ordered.append((sequence, output, position))
            }
        }
        ordered.sort { ($0.sequence, $0.output, $0.position) < ($1.sequence, $1.output, $1.position) }

        let ids = first.header.patternIDs
        let index = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var summary = ScanSummary(patternCount: ids.count)
        var records: [[UInt8]] = []
        records.reserveCapacity(ordered.count)
        for entry in ordered {
            let record = outputs[entry.output].records[entry.position]
            records.append(record.line)
            summary.add(record, patternIndex: index)
        }
        summary.skipped = outputs.map(\.summary.skipped).max() ?? 0
        summary.elapsedSeconds = outputs.map(\.summary.elapsedSeconds).max() ?? 0
        if outputs.contains(where: \.summary.interrupted) { summary.stopReason = .interrupted }
        return Merged(header: first.header.lineWithoutShard, patternIDs: ids, classify: first.summary.classified,
                      records: records, summary: summary)
    }

    private static func notSharded(_ output: ScanOutput) -> Failure {
        Failure(description: "\(output.path) is not the output of a sharded scan (its header has no \"shard\"; scan with --shard K/N)")
    }
}

extension ScanSummary {
    /// Adds a record read back from JSONL, as `add(_:)` adds a fresh result.
    mutating func add(_ record: ScanOutput.Record, patternIndex: [String: Int]) {
        files += 1
        if let kind = record.errorKind {
            errors += 1
            if let known = InputError.Kind(rawValue: kind) { errorKinds[known, default: 0] += 1 }
        }
        bytes += record.bytes
        storedBytes += record.storedBytes
        lines += record.lines
        longLines += record.longLines
        if let classification = record.classification {
            if let id = classification, let pattern = patternIndex[id] {
                classifiedFiles[pattern] += 1
            } else if !record.isTestGrid {
                unclassifiedFiles += 1
            }
        }
        for (id, count) in record.counts {
            guard let pattern = patternIndex[id] else { continue }
            patternLines[pattern] += count
            if count > 0 { patternFiles[pattern] += 1 }
        }
        for (id, count) in record.limitHits {
            guard let pattern = patternIndex[id] else { continue }
            patternLimitHits[pattern] += count
        }
    }
}
