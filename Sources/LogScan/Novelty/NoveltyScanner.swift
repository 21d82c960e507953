import Dispatch
import Engine
import Input

/// `logscan novel`'s two passes over documents, each spread over the workers as `scan` does: the
/// baseline's templates, then each target's lines whose template the baseline lacks.
package enum NoveltyScanner {
    package struct BaselineRead {
        package var hashes: [UInt64] = []
        package var files = 0
        package var lines = 0
        package var bytes = 0
        package var errors: [(location: InputLocation, error: InputError)] = []
    }

    /// The template hashes of every line of `items`.
    package static func templates(of items: [InputItem], options: NoveltyOptions) -> BaselineRead {
        let next = Locked(0)
        let total = Locked(BaselineRead())
        DispatchQueue.concurrentPerform(iterations: max(1, min(options.jobs, items.count))) { _ in
            let templater = options.makeTemplater()
            let input = NovelInput(options: options)
            var local = Set<UInt64>()
            var read = BaselineRead()
            while true {
                let index = next.withLock { value -> Int in defer { value += 1 }; return value }
                guard index < items.count else { break }
                let documents = input.read(items[index], begin: { _ in }) { _, line in local.insert(templater.template(line)) }
                if documents.allSatisfy({ $0.error == nil }) { read.files += 1 }
                for document in documents {
                    read.lines += document.lines
                    read.bytes += document.bytes
                    if let error = document.error { read.errors.append((items[index].location, error)) }
                }
            }
            total.withLock { total in
                total.hashes += local
                local = []
                total.files += read.files
                total.lines += read.lines
                total.bytes += read.bytes
                total.errors += read.errors
            }
        }
        return total.withLock { $0 }
    }

    /// Every target's novel blocks, ranked, in input order.
    package static func novelties(in items: [InputItem], baseline: TemplateBaseline, scorer: NoveltyScorer,
                                  options: NoveltyOptions) -> [NovelDocument] {
        let next = Locked(0)
        let results = Locked([[NovelDocument]?](repeating: nil, count: items.count))
        DispatchQueue.concurrentPerform(iterations: max(1, min(options.jobs, items.count))) { _ in
            var reader = TargetReader(options: options)
            let tester = scorer.makeTester()
            while true {
                let index = next.withLock { value -> Int in defer { value += 1 }; return value }
                guard index < items.count else { break }
                let documents = reader.read(items[index], baseline: baseline) { document, occurrences in
                    rank(&document, occurrences: occurrences, scorer: scorer, tester: tester, top: options.top)
                }
                results.withLock { $0[index] = documents }
            }
        }
        return results.withLock { $0.flatMap { $0! } }
    }

    private static func rank(_ document: inout NovelDocument, occurrences: [UInt64: Int], scorer: NoveltyScorer, tester: LineTester, top: Int) {
        for index in document.blocks.indices {
            scorer.score(&document.blocks[index], totalLines: document.lines, occurrences: occurrences, tester: tester)
        }
        document.blocks.sort { $0.score != $1.score ? $0.score > $1.score : $0.first.number < $1.first.number }
        if top > 0, document.blocks.count > top { document.blocks.removeLast(document.blocks.count - top) }
    }
}

/// Reads one target input: templates every line, keeps the novel ones grouped into blocks with
/// a little context, per document (a log, or a TestGrid tab). Its buffers are reused.
struct TargetReader {
    static let textLimit = 1024
    /// Novel lines at most this far apart (a blank or known line between) are one block.
    static let blockGap = 2

    let options: NoveltyOptions
    let templater: LineTemplater
    let input: NovelInput
    /// The last `contextLines` lines as read (reused buffers, a ring from `recentStart`); made
    /// visible only when a block needs them.
    var recent: [[UInt8]]
    var recentNovel: [Bool]
    var recentCount = 0
    var recentStart = 0
    var afterNeeded = 0
    var occurrences: [UInt64: Int] = [:]

    init(options: NoveltyOptions) {
        self.options = options
        templater = options.makeTemplater()
        input = NovelInput(options: options)
        recent = Array(repeating: [], count: max(1, options.contextLines))
        recentNovel = Array(repeating: false, count: max(1, options.contextLines))
    }

    /// The input's documents, each ranked by `rank` as soon as it is complete (its line counts
    /// then belong to it alone).
    mutating func read(_ item: InputItem, baseline: TemplateBaseline, rank: (inout NovelDocument, [UInt64: Int]) -> Void) -> [NovelDocument] {
        var finished: [NovelDocument] = []
        var current: NovelDocument?
        let totals = input.read(item, begin: { name in
            if var done = current {
                rank(&done, occurrences)
                finished.append(done)
            }
            var document = NovelDocument(location: item.location)
            document.document = name
            current = document
            occurrences.removeAll(keepingCapacity: true)
            recentCount = 0
            recentStart = 0
            afterNeeded = 0
        }, line: { number, line in
            consume(number, line, into: &current!, baseline: baseline)
        })
        if var done = current {
            rank(&done, occurrences)
            finished.append(done)
        }
        // Every document the input had, in order, with its totals: a tab without lines was never begun.
        return totals.map { total in
            var document = finished.first { $0.document == total.name } ?? NovelDocument(location: item.location)
            document.document = total.name
            document.lines = total.lines
            document.bytes = total.bytes
            document.error = total.error
            return document
        }
    }

    private mutating func consume(_ number: Int, _ line: UnsafeRawBufferPointer, into document: inout NovelDocument, baseline: TemplateBaseline) {
        let hash = templater.template(line)
        let novel = !templater.outputIsEmpty && !baseline.contains(hash)
        if novel {
            occurrences[hash, default: 0] += 1
            document.novelLines += 1
            if document.novelLines > options.maxNovelLines {
                document.moreNovelLines += 1
            } else {
                let entry = NovelBlock.Line(number: number, text: Self.text(LineTemplater.visibleText(line)), template: templater.outputText, hash: hash)
                if document.templateLines[hash] == nil { document.templateLines[hash] = (0, entry) }
                document.templateLines[hash]!.lines += 1
                if let last = document.blocks.last, number - last.lastNumber <= Self.blockGap {
                    document.blocks[document.blocks.count - 1].lines.append(entry)
                } else {
                    var block = NovelBlock(lines: [entry])
                    block.before = recentLines()
                    for offset in 0..<recentCount where !recentNovel[(recentStart + offset) % recent.count] && document.knownNeighbours.count < 8 {
                        let text = Self.visible(recent[(recentStart + offset) % recent.count])
                        if !text.isEmpty { document.knownNeighbours.append(text) }
                    }
                    document.blocks.append(block)
                }
                afterNeeded = options.contextLines
            }
        } else if afterNeeded > 0, !document.blocks.isEmpty {
            afterNeeded -= 1
            document.blocks[document.blocks.count - 1].after.append(Self.text(LineTemplater.visibleText(line)))
        }
        remember(line, novel: novel)
    }

    /// The ring of recent lines, oldest first, as shown.
    private func recentLines() -> [String] {
        (0..<recentCount).map { Self.visible(recent[(recentStart + $0) % recent.count]) }
    }

    static func visible(_ raw: [UInt8]) -> String {
        raw.withUnsafeBytes { text(LineTemplater.visibleText($0)) }
    }

    private mutating func remember(_ line: UnsafeRawBufferPointer, novel: Bool) {
        guard options.contextLines > 0 else { return }
        let slot: Int
        if recentCount == recent.count {
            slot = recentStart
            recentStart = (recentStart + 1) % recent.count
        } else {
            slot = (recentStart + recentCount) % recent.count
            recentCount += 1
        }
        recent[slot].removeAll(keepingCapacity: true)
        recent[slot].append(contentsOf: line.prefix(Self.textLimit * 4))
        recentNovel[slot] = novel
    }

    static func text(_ bytes: [UInt8]) -> String {
        guard bytes.count > textLimit else { return String(decoding: bytes, as: UTF8.self) }
        var end = textLimit
        // Cut at a character boundary.
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}
