@testable import FulianCore

extension ExcelMessage {
    /// One example per case (every sheet, column, title and indicator), for `CatalogueTests`.
    static let examples: [ExcelMessage] = {
        let q1 = try! Period(parsing: "2024Q1")
        var list: [ExcelMessage] = Sheet.allCases.map(ExcelMessage.sheet) + Column.allCases.map(ExcelMessage.column)
            + Title.allCases.map(ExcelMessage.title) + Indicator.allCases.map(ExcelMessage.indicator)
            + Indicator.allCases.map(ExcelMessage.definition) + Part.allCases.map(ExcelMessage.part)
        let actions: [Action] = [.writingCell, .merging(range: "A1:D1"), .settingColumnWidth, .settingRowHeight, .addingAutofilter,
                                 .insertingChart, .settingRepeatRows, .settingHeader, .settingFooter, .settingPageBreaks, .addingComment]
        list += actions.map(ExcelMessage.action)
        list += [
            .titled(district: "青溪区", period: q1, .coverage), .word(.comparisonRule), .period(q1), .statisticalPeriod(q1),
            .preparedBy(district: "兰江区"), .preparedOn(CivilDate(year: 2024, month: 7, day: 1)!), .word(.basis),
            .comparisonBases(previous: q1.previous, yearAgo: q1.yearAgo), .belowTarget(percent: "90%"), .distinctPersons(12),
            .word(.totalRow), .word(.distinctTotalRow), .word(.none), .noData(.tags), .word(.pointsFormat), .word(.pageFooter), .word(.quarterlySubject), .word(.generatedByFulian),
            .word(.checksumNote), .word(.explainNote), .cleanTitle(.aid), .cleanSubject(.members), .word(.sameRecord), .word(.samePerson), .word(.idConflict),
            .word(.statusClean), .word(.statusDuplicate), .word(.rejectsDocument), .word(.rejectsSubject), .rejectedRows(file: "救助.xlsx", sheet: "发放名单"),
            .problem(.emptyPath), .problem(.nulInPathOrProperty), .problem(.workbookNotCreated), .problem(.creationTimeTooEarly), .propertiesFailed(library: "内存不足"),
            .problem(.sheetNameEmpty), .sheetNameTooLong(name: "各街道", units: 32), .sheetNameForbidden(name: "甲/乙", character: "/"),
            .sheetNameControl(name: "甲\t乙"), .sheetNameApostrophe(name: "'汇总"), .sheetNameReserved(name: "History"),
            .sheetNameUsed(name: "汇总", existing: "汇总"), .sheetNameRejected(name: "汇总", library: "名称无效"),
            .sheetNotAdded(name: "汇总"), .chartNotCreated(kind: "柱形"), .cannotCreateFile(path: "/无/q.xlsx", library: "权限不足"),
            .writeFailed(path: "q.xlsx", library: "磁盘已满"), .problem(.workbookClosed), .invalidStyle(.indent(16)), .problem(.formatNotCreated),
            .numberFormatTooLong(bytes: 130), .problem(.numberFormatNul), .problem(.fontNameLength), .problem(.fontNameNul), .fontSize(500), .indent(16),
            .libraryFailed(.writingCell, library: "内存不足"), .valuesAndStyles(values: 3, styles: 2),
            .dateTooEarly(CivilDate(year: 1899, month: 1, day: 1)!), .problem(.emptyFormula), .mergeTooSmall(range: "A1:A1"),
            .mergeOverlap(range: "D1:F1", other: "A1:D1"), .mergeNotText(range: "A1:B2"), .columnRangeReversed(first: 5, last: 2),
            .columnWidth(300), .autofitBounds(min: 9, max: 3), .rowHeight(500), .problem(.chartOfAnotherWorkbook), .problem(.chartWithoutSeries),
            .problem(.chartInsertedTwice), .problem(.chartScale), .rowOutOfRange(row: 1_048_576), .columnOutOfRange(col: 16_384),
            .rangeReversed(from: "C3", to: "A1"), .rowOrder(row: 11, after: 1002), .tooLong(.text, units: 32_768, limit: 32_767),
            .containsNul(.formula), .nonFinite("nan"), .notExact(.integer, digits: 19), .paperSize(99), .fitWidth(0),
            .headerFooterTooLong(.footer), .margin(-1), .problem(.nameAndNameCell), .oneSeriesOnly(kind: "饼"), .seriesNotAdded(range: "'汇总'!$B$3:$B$7"),
            .noAxes(kind: "饼"), .chartStyle(49), .chartRangeOutside(.values, range: "'汇总'!$B$3:$B$7"),
            .chartRangeSheet(.categories, range: "'没有'!$A$3:$A$7", sheet: "没有"), .chartTextEquals(.chartTitle),
            .chartTextTooLong(.axisName), .chartContainsNul(.seriesName), .axisRange(min: 1, max: 0), .pageBreak(row: 0),
        ]
        return list
    }()
}
