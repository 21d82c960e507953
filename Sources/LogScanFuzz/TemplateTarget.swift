import LogScan

/// `logscan novel`'s templating, on each line of the input. Promised: the same line gives the same
/// template twice (the buffers are reused), the hash is the template's, and a template with every
/// mask on holds no ASCII digit (every digit is in a word, and every word with a digit is masked),
/// no ESC, CR or BEL (a terminal does not show them), and is at most three times the line.
final class TemplateTarget: FuzzTarget {
    static let name = "template"
    private let templater = LineTemplater()

    init() {}

    func check(_ input: UnsafeRawBufferPointer) {
        var start = 0
        while start <= input.count {
            let end = input[start...].firstIndex(of: 0x0A) ?? input.count
            let line = UnsafeRawBufferPointer(rebasing: input[start..<end])
            let hash = templater.template(line)
            let template = templater.outputBytes
            if templater.template(line) != hash || templater.outputBytes != template {
                violated("a line templated twice gives two templates", Array(line).shown)
            }
            if TemplateHash.of(template) != hash { violated("the hash is not the template's", Array(line).shown) }
            if let byte = template.first(where: { (0x30...0x39).contains($0) || $0 == 0x1B || $0 == 0x0D || $0 == 0x07 }) {
                violated("a template keeps byte \(byte)", "\(Array(line).shown) -> \(template.shown)")
            }
            if template.count > 3 * line.count + 8 { violated("a template is longer than three times its line", Array(line).shown) }
            start = end + 1
        }
    }
}
