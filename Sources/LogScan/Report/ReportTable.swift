/// A report's result as rows of typed cells, which every output format renders.
package struct ReportTable {
    package enum Cell: Equatable {
        case text(String)
        case integer(Int)
        /// A share, 0...1, written with four decimals.
        case fraction(Double)
        case missing
    }

    package var title: String
    package var columns: [String]
    package var rows: [[Cell]] = []
    /// Lines said under a terminal table (not part of the data formats).
    package var notes: [String] = []

    package init(title: String, columns: [String]) {
        self.title = title
        self.columns = columns
    }

    package func column(_ name: String) -> Int? { columns.firstIndex(of: name) }
}

extension ReportTable.Cell {
    /// The cell as text for tables and CSV: fractions with four decimals, missing as empty.
    package var plain: String {
        switch self {
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .fraction(let value): return Self.fixed(value, places: 4)
        case .missing: return ""
        }
    }

    package var isNumeric: Bool {
        switch self {
        case .integer, .fraction: return true
        default: return false
        }
    }

    /// `value` rounded to `places` decimals, without Foundation's formatting.
    package static func fixed(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled) - whole * Int(scale)
        var digits = String(fraction)
        while digits.count < places { digits = "0" + digits }
        return (value < 0 && scaled > 0 ? "-" : "") + "\(whole)." + digits
    }
}
