import CXlsxWriter
import FulianCore

/// An RGB colour for fonts, fills and borders.
///
/// ```swift
/// ExcelColor(0xFFC7CE)   // Excel's "light red fill"
/// ExcelColor.headerFill  // 0xDDEBF7, pale blue
/// ```
public struct ExcelColor: Hashable, Sendable {
    /// The colour as 0xRRGGBB.
    public let rgb: UInt32

    /// Creates a colour from 0xRRGGBB (higher bits are dropped).
    public init(_ rgb: UInt32) { self.rgb = rgb & 0xFF_FFFF }

    /// Black, 0x000000.
    public static let black = ExcelColor(0x000000)
    /// White, 0xFFFFFF.
    public static let white = ExcelColor(0xFFFFFF)
    /// Pale blue used behind column headers, 0xDDEBF7.
    public static let headerFill = ExcelColor(0xDDEBF7)
    /// Excel's conditional-format "light red fill", 0xFFC7CE.
    public static let lightRed = ExcelColor(0xFFC7CE)
    /// Excel's conditional-format "dark red text", 0x9C0006.
    public static let darkRed = ExcelColor(0x9C0006)
    /// Excel's "light green fill", 0xC6EFCE.
    public static let lightGreen = ExcelColor(0xC6EFCE)
    /// Excel's "dark green text", 0x006100.
    public static let darkGreen = ExcelColor(0x006100)
    /// Light grey for subtotal rows, 0xF2F2F2.
    public static let lightGrey = ExcelColor(0xF2F2F2)
}

/// A border line style.
public enum BorderStyle: Hashable, Sendable {
    /// No line.
    case none
    /// A thin line (Excel's default grid-like border).
    case thin
    /// A medium line.
    case medium
    /// A thick line.
    case thick
    /// A double line (accounting totals).
    case double
    /// A dotted line.
    case dotted
    /// A dashed line.
    case dashed
    /// A hairline.
    case hair

    var lxw: UInt8 {
        switch self {
        case .none: return UInt8(LXW_BORDER_NONE.rawValue)
        case .thin: return UInt8(LXW_BORDER_THIN.rawValue)
        case .medium: return UInt8(LXW_BORDER_MEDIUM.rawValue)
        case .thick: return UInt8(LXW_BORDER_THICK.rawValue)
        case .double: return UInt8(LXW_BORDER_DOUBLE.rawValue)
        case .dotted: return UInt8(LXW_BORDER_DOTTED.rawValue)
        case .dashed: return UInt8(LXW_BORDER_DASHED.rawValue)
        case .hair: return UInt8(LXW_BORDER_HAIR.rawValue)
        }
    }
}

/// The four borders of a cell.
///
/// ```swift
/// Borders.all(.thin)            // a boxed cell
/// Borders(top: .thin)           // a totals row: a line above the numbers
/// ```
public struct Borders: Hashable, Sendable {
    /// The top edge.
    public var top: BorderStyle
    /// The bottom edge.
    public var bottom: BorderStyle
    /// The left edge.
    public var left: BorderStyle
    /// The right edge.
    public var right: BorderStyle

    /// Creates borders; unnamed edges have none.
    public init(top: BorderStyle = .none, bottom: BorderStyle = .none, left: BorderStyle = .none, right: BorderStyle = .none) {
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right
    }

    /// The same style on all four edges.
    public static func all(_ style: BorderStyle) -> Borders { Borders(top: style, bottom: style, left: style, right: style) }

    /// No borders.
    public static let none = Borders()
}

/// Horizontal alignment of a cell's content.
public enum HorizontalAlignment: Hashable, Sendable {
    /// Excel's default: text left, numbers right.
    case general
    /// Flush left.
    case left
    /// Centred in the cell.
    case center
    /// Flush right.
    case right
    /// Justified (wrapped lines spread to both edges).
    case justify
    /// Centred across the selection without merging.
    case centerAcross

    var lxw: UInt8? {
        switch self {
        case .general: return nil
        case .left: return UInt8(LXW_ALIGN_LEFT.rawValue)
        case .center: return UInt8(LXW_ALIGN_CENTER.rawValue)
        case .right: return UInt8(LXW_ALIGN_RIGHT.rawValue)
        case .justify: return UInt8(LXW_ALIGN_JUSTIFY.rawValue)
        case .centerAcross: return UInt8(LXW_ALIGN_CENTER_ACROSS.rawValue)
        }
    }
}

/// Vertical alignment of a cell's content.
public enum VerticalAlignment: Hashable, Sendable {
    /// Excel's default (bottom).
    case bottom
    /// Top of the cell.
    case top
    /// Middle of the cell: the usual choice for wrapped headers.
    case center

    var lxw: UInt8? {
        switch self {
        case .bottom: return nil
        case .top: return UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)
        case .center: return UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue)
        }
    }
}

/// How a cell looks: font, fill, borders, alignment and number format, as a plain value.
///
/// Styles are values; the workbook turns each distinct style into one `lxw_format` on first use and
/// reuses it, so callers never hold format pointers:
///
/// ```swift
/// try sheet.write(row: 0, col: 0, "单位", style: .header)
/// try sheet.write(row: 5, col: 2, .money(total), style: .money.totals())
/// try sheet.write(row: 3, col: 4, .number(0.42), style: rate < target ? .percent.highlighted() : .percent)
///
/// var note = CellStyle()
/// note.fontColor = ExcelColor(0x808080)
/// note.wrap = true
/// ```
///
/// Standard styles: ``title``, ``header``, ``text``, ``integer`` (`#,##0`), ``money`` (`#,##0.00`),
/// ``wanYuan`` (`#,##0.0000`, 万元 to the yuan), ``percent`` (`0.0%`), ``date`` (`yyyy-mm-dd`),
/// ``totals``, ``highlight``.
public struct CellStyle: Hashable, Sendable {
    /// Bold font.
    public var bold = false
    /// Italic font.
    public var italic = false
    /// Font size in points; nil keeps the workbook default (11).
    public var fontSize: Double? = nil
    /// Font name; nil keeps the default (Calibri; Excel substitutes a CJK font for Chinese text).
    public var fontName: String? = nil
    /// Font colour; nil is automatic (black).
    public var fontColor: ExcelColor? = nil
    /// Solid background fill; nil is none.
    public var fillColor: ExcelColor? = nil
    /// Cell borders.
    public var borders: Borders = .none
    /// Horizontal alignment.
    public var horizontalAlignment: HorizontalAlignment = .general
    /// Vertical alignment.
    public var verticalAlignment: VerticalAlignment = .bottom
    /// Wrap text within the cell.
    public var wrap = false
    /// Excel number format code (`#,##0.00`, `0.0%`, `yyyy-mm-dd`); nil is General. At most 127 UTF-8 bytes.
    public var numberFormat: String? = nil
    /// Indent level (0…15), for hierarchical row labels.
    public var indent: Int = 0

    /// The default style: nothing set.
    public init() {}

    /// Returns a copy changed by `body`: `CellStyle.money.with { $0.fontColor = .darkRed }`.
    public func with(_ body: (inout CellStyle) -> Void) -> CellStyle {
        var s = self
        body(&s)
        return s
    }

    /// This style as a totals-row cell: bold with a thin line above.
    ///
    /// ```swift
    /// try sheet.write(row: 9, col: 1, .formula("SUM(B2:B9)", cached: 60), style: .integer.totals())
    /// ```
    public func totals() -> CellStyle {
        with {
            $0.bold = true
            $0.borders.top = .thin
        }
    }

    /// This style with Excel's warning look: light red fill, dark red text (e.g. coverage under target).
    public func highlighted() -> CellStyle {
        with {
            $0.fillColor = .lightRed
            $0.fontColor = .darkRed
        }
    }

    /// The number format written for integers: `#,##0`.
    public static let integerFormat = "#,##0"
    /// The number format written for yuan: `#,##0.00`.
    public static let moneyFormat = "#,##0.00"
    /// The number format for 万元 (ten thousand yuan), exact to the yuan: `#,##0.0000`.
    public static let wanYuanFormat = "#,##0.0000"
    /// The number format for rates: `0.0%` (0.875 shows as 87.5%).
    public static let percentFormat = "0.0%"
    /// The number format written for dates: `yyyy-mm-dd`.
    public static let dateFormat = "yyyy-mm-dd"

    /// A sheet title, usually merged across the table: bold 14 pt, centred.
    public static let title = CellStyle().with {
        $0.bold = true
        $0.fontSize = 14
        $0.horizontalAlignment = .center
        $0.verticalAlignment = .center
    }

    /// A column header: bold, pale blue fill, thin box, wrapped, centred both ways.
    public static let header = CellStyle().with {
        $0.bold = true
        $0.fillColor = .headerFill
        $0.borders = .all(.thin)
        $0.wrap = true
        $0.horizontalAlignment = .center
        $0.verticalAlignment = .center
    }

    /// Plain text in a table body (no format; exists so `.text.totals()` reads well).
    public static let text = CellStyle()

    /// Whole numbers with thousands separators: `#,##0` (12,345).
    public static let integer = CellStyle().with { $0.numberFormat = integerFormat }

    /// Yuan with two decimals and separators: `#,##0.00` (1,234.50).
    public static let money = CellStyle().with { $0.numberFormat = moneyFormat }

    /// 万元 with four decimals (exact to the yuan): `#,##0.0000` (0.1235).
    public static let wanYuan = CellStyle().with { $0.numberFormat = wanYuanFormat }

    /// A rate with one decimal: `0.0%` (87.5%).
    public static let percent = CellStyle().with { $0.numberFormat = percentFormat }

    /// A date: `yyyy-mm-dd`.
    public static let date = CellStyle().with { $0.numberFormat = dateFormat }

    /// A totals-row label or blank: bold with a thin line above. Use `.integer.totals()` etc. for numbers.
    public static let totals = CellStyle().totals()

    /// A highlighted cell: light red fill, dark red text (Excel's "bad" look).
    public static let highlight = CellStyle().highlighted()

    /// The width factor this style's font gives its text relative to 11 pt regular.
    var widthScale: Double {
        let size = (fontSize ?? 11) / 11
        return bold ? size * 1.1 : size
    }

    /// Sets this style's properties on a fresh `lxw_format`.
    func apply(to f: UnsafeMutablePointer<lxw_format>) {
        if bold { format_set_bold(f) }
        if italic { format_set_italic(f) }
        if let fontSize { format_set_font_size(f, fontSize) }
        if let fontName { format_set_font_name(f, fontName) }
        if let fontColor { format_set_font_color(f, fontColor.rgb) }
        if let fillColor {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, fillColor.rgb)
        }
        if borders.top != .none { format_set_top(f, borders.top.lxw) }
        if borders.bottom != .none { format_set_bottom(f, borders.bottom.lxw) }
        if borders.left != .none { format_set_left(f, borders.left.lxw) }
        if borders.right != .none { format_set_right(f, borders.right.lxw) }
        if let h = horizontalAlignment.lxw { format_set_align(f, h) }
        if let v = verticalAlignment.lxw { format_set_align(f, v) }
        if wrap { format_set_text_wrap(f) }
        if let numberFormat { format_set_num_format(f, numberFormat) }
        if indent > 0 { format_set_indent(f, UInt8(indent)) }
    }

    /// Why this style cannot be turned into a format, or nil when it can.
    var problem: ExcelMessage? {
        if let numberFormat {
            if numberFormat.utf8.count > 127 { return .numberFormatTooLong(bytes: numberFormat.utf8.count) }
            if numberFormat.utf8.contains(0) { return .problem(.numberFormatNul) }
        }
        if let fontName {
            if fontName.isEmpty || fontName.utf8.count > 127 { return .problem(.fontNameLength) }
            if fontName.utf8.contains(0) { return .problem(.fontNameNul) }
        }
        if let fontSize, !(fontSize >= 1 && fontSize <= 409) { return .fontSize(fontSize) }
        if !(0...15).contains(indent) { return .indent(indent) }
        return nil
    }
}
