import FulianCore

/// Column widths estimated from the text written, since an `.xlsx` file cannot say "autofit".
///
/// Each write records the displayed width of its text in Excel's width unit (one `0` of the default
/// font): a CJK character counts two (``TextNormalizer/displayWidth(_:)``), bold and larger fonts scale it.
/// The column gets the widest entry plus padding, clamped to `minWidth…maxWidth`:
///
/// ```swift
/// var w = ColumnWidths()
/// w.record(col: 0, text: "单位名称", scale: 1)   // 8 units
/// w.record(col: 0, text: "Gulou", scale: 1)      // 5 units
/// w.width(col: 0, minWidth: 6, maxWidth: 60)     // 10.0 (8 + 2 padding)
/// ```
///
/// Merged cells (titles) are not recorded: a title spanning six columns would otherwise widen the first.
public struct ColumnWidths: Sendable, Hashable {
    /// The widest text per column, in width units before padding.
    public private(set) var maxUnits: [Int: Double] = [:]

    /// Padding added to the widest text, in width units.
    public static let padding = 2.0

    /// An empty record.
    public init() {}

    /// Records one cell's displayed text; multi-line text counts its longest line.
    public mutating func record(col: Int, text: String, scale: Double) {
        guard !text.isEmpty else { return }
        var widest = 0
        if text.utf8.contains(10) {
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                widest = max(widest, TextNormalizer.displayWidth(String(line)))
            }
        } else {
            widest = TextNormalizer.displayWidth(text)
        }
        let units = Double(widest) * scale
        if units > (maxUnits[col] ?? 0) { maxUnits[col] = units }
    }

    /// The width for a column, or nil when nothing was recorded in it.
    public func width(col: Int, minWidth: Double, maxWidth: Double) -> Double? {
        guard let units = maxUnits[col] else { return nil }
        let w = (units + ColumnWidths.padding)
        return min(max(w, minWidth), maxWidth)
    }

    /// The columns that have recorded text, ascending.
    public var columns: [Int] { maxUnits.keys.sorted() }
}
