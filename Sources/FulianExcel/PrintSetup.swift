import CXlsxWriter
import FulianCore

/// How a sheet prints: paper, orientation, fit to width, repeated header rows, footer, margins.
///
/// The default is what leadership reports need: A4 landscape, one page wide (as many pages tall as
/// needed), centred horizontally, no gridlines, "第 1 页 / 共 3 页" in the footer.
///
/// ```swift
/// try sheet.setPrintSetup(PrintSetup())                                  // the defaults
/// try sheet.setPrintSetup(PrintSetup(repeatRows: 0...1))                 // title + header on every page
/// try sheet.setPrintSetup(PrintSetup(orientation: .portrait, fitToPagesWide: nil,
///                                    footer: PrintSetup.pageNumberFooterEnglish))
/// ```
///
/// In the XML: `<printOptions horizontalCentered="1"/>`, `<pageSetup paperSize="9" orientation="landscape"
/// fitToHeight="0"/>`, `<headerFooter><oddFooter>&amp;C第 &amp;P 页 / 共 &amp;N 页</oddFooter></headerFooter>`,
/// and for repeated rows a defined name `_xlnm.Print_Titles` = `'Sheet'!$1:$2`.
public struct PrintSetup: Hashable, Sendable {
    /// Page orientation.
    public enum Orientation: Hashable, Sendable {
        /// Wider than tall: the default for wide statistical tables.
        case landscape
        /// Taller than wide.
        case portrait
    }

    /// Page margins in inches (Excel's defaults: 0.7 left/right, 0.75 top/bottom).
    public struct Margins: Hashable, Sendable {
        /// Left margin, inches.
        public var left: Double
        /// Right margin, inches.
        public var right: Double
        /// Top margin, inches.
        public var top: Double
        /// Bottom margin, inches.
        public var bottom: Double

        /// Creates margins in inches.
        public init(left: Double, right: Double, top: Double, bottom: Double) {
            self.left = left
            self.right = right
            self.top = top
            self.bottom = bottom
        }

        /// Narrow margins (0.25″ sides, 0.75″ top/bottom to leave room for the footer), for wide tables.
        public static let narrow = Margins(left: 0.25, right: 0.25, top: 0.75, bottom: 0.75)
    }

    /// Footer "第 1 页 / 共 3 页", centred.
    public static let pageNumberFooter = ExcelMessage.word(.pageFooter).text(.zh)
    /// Footer "Page 1 of 3", centred.
    public static let pageNumberFooterEnglish = ExcelMessage.word(.pageFooter).text(.en)

    /// The page-number footer in a language: "第 1 页 / 共 3 页" or "Page 1 of 3".
    public static func pageNumberFooter(_ language: Language) -> String { ExcelMessage.word(.pageFooter).text(language) }

    /// Excel paper code: 9 is A4, 8 is A3, 1 is US Letter.
    public var paperSize: Int
    /// Landscape or portrait.
    public var orientation: Orientation
    /// Scale to this many pages wide (height unlimited); nil prints at 100 %.
    public var fitToPagesWide: Int?
    /// Zero-based rows printed at the top of every page (title and header), e.g. `0...1`.
    public var repeatRows: ClosedRange<Int>?
    /// Header text in Excel's code (`&L`, `&C`, `&R` sections; `&P` page, `&N` pages; a literal `&` is `&&`).
    public var header: String?
    /// Footer text in the same code; default ``pageNumberFooter``.
    public var footer: String?
    /// Margins; nil keeps Excel's defaults.
    public var margins: Margins?
    /// Print the cell gridlines.
    public var printGridlines: Bool
    /// Centre the table horizontally on the page.
    public var centerHorizontally: Bool
    /// Zero-based rows that start a new page (manual page breaks), e.g. before the second table of a sheet.
    public var pageBreaks: [Int]

    /// Creates a print setup; every parameter has the leadership-report default.
    public init(
        paperSize: Int = 9, orientation: Orientation = .landscape, fitToPagesWide: Int? = 1,
        repeatRows: ClosedRange<Int>? = nil, header: String? = nil, footer: String? = PrintSetup.pageNumberFooter,
        margins: Margins? = nil, printGridlines: Bool = false, centerHorizontally: Bool = true, pageBreaks: [Int] = []
    ) {
        self.paperSize = paperSize
        self.orientation = orientation
        self.fitToPagesWide = fitToPagesWide
        self.repeatRows = repeatRows
        self.header = header
        self.footer = footer
        self.margins = margins
        self.printGridlines = printGridlines
        self.centerHorizontally = centerHorizontally
        self.pageBreaks = pageBreaks
    }
}

extension Worksheet {
    /// Applies a print setup to this sheet (call once; a second call adds to the first, it does not reset it).
    ///
    /// ```swift
    /// try sheet.setPrintSetup(PrintSetup(repeatRows: 0...1, margins: .narrow))
    /// ```
    /// - Throws: ``ExcelError`` for a paper code outside 0…41, a fit width outside 1…32767, repeat rows
    ///   outside the grid, a header/footer over 255 characters or containing U+0000, negative margins.
    public func setPrintSetup(_ setup: PrintSetup) throws {
        try workbook.ensureOpen(sheet: name)
        guard (0...41).contains(setup.paperSize) else {
            throw error(.invalidArgument, cell: nil, .paperSize(setup.paperSize))
        }
        if let w = setup.fitToPagesWide, !(1...32_767).contains(w) {
            throw error(.invalidArgument, cell: nil, .fitWidth(w))
        }
        if let rows = setup.repeatRows {
            try checkRange(firstRow: rows.lowerBound, firstCol: 0, lastRow: rows.upperBound, lastCol: 0)
        }
        for (what, text) in [(ExcelMessage.Part.header, setup.header), (.footer, setup.footer)] {
            guard let text else { continue }
            if text.utf16.count > 255 || text.utf8.count > 255 {
                throw error(.stringTooLong, cell: nil, .headerFooterTooLong(what))
            }
            if text.utf8.contains(0) { throw error(.embeddedNul, cell: nil, .containsNul(what)) }
        }
        for r in setup.pageBreaks where !(1..<Worksheet.rowLimit).contains(r) {
            throw error(.invalidArgument, cell: nil, .pageBreak(row: r))
        }
        if let m = setup.margins {
            for v in [m.left, m.right, m.top, m.bottom] where !(v.isFinite && v >= 0 && v < 50) {
                throw error(.invalidArgument, cell: nil, .margin(v))
            }
        }

        worksheet_set_paper(handle, UInt8(setup.paperSize))
        switch setup.orientation {
        case .landscape: worksheet_set_landscape(handle)
        case .portrait: worksheet_set_portrait(handle)
        }
        if let w = setup.fitToPagesWide { worksheet_fit_to_pages(handle, UInt16(w), 0) }
        if let rows = setup.repeatRows {
            try check(worksheet_repeat_rows(handle, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)),
                      cell: nil, doing: .settingRepeatRows)
        }
        if let header = setup.header {
            try check(worksheet_set_header(handle, header), cell: nil, doing: .settingHeader)
        }
        if let footer = setup.footer {
            try check(worksheet_set_footer(handle, footer), cell: nil, doing: .settingFooter)
        }
        if !setup.pageBreaks.isEmpty {
            var breaks = setup.pageBreaks.sorted().map { lxw_row_t($0) } + [0]  // zero-terminated
            try check(worksheet_set_h_pagebreaks(handle, &breaks), cell: nil, doing: .settingPageBreaks)
        }
        if let m = setup.margins {
            worksheet_set_margins(handle, m.left, m.right, m.top, m.bottom)
        }
        printGridlines = setup.printGridlines
        applyGridlines()
        if setup.centerHorizontally { worksheet_center_horizontally(handle) }
    }
}
