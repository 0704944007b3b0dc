import Testing
@testable import FulianSheets
import FulianCore

/// The formula grammar and Excel's rules of computing, on a sheet held in a dictionary.
struct FormulaTests {
    /// A sheet: values and formulas by A1 reference.
    struct Sheet: Sendable {
        var cells: [String: Cell] = [:]
        var formulas: [String: String] = [:]

        init(_ cells: [String: Cell] = [:], formulas: [String: String] = [:]) {
            self.cells = cells
            self.formulas = formulas
        }

        static func key(_ ref: String) -> Int {
            let r = Formula.Parser.reference(ref)!
            return SheetFormulas.key(row: r.row, column: r.column)
        }

        func book(_ formulas: [String: String]? = nil) -> FormulaBook {
            var byKey: [Int: Cell] = [:]
            for (k, v) in cells { byKey[Sheet.key(k)] = v }
            var entries: [Int: FormulaBook.Entry] = [:]
            for (k, f) in formulas ?? self.formulas { entries[Sheet.key(k)] = FormulaBook.Entry(f) }
            return FormulaBook(entries: entries, lastRow: 20, dateSystem: .system1900) { byKey[$0] }
        }

        /// The value of one formula written in Z99 of this sheet.
        func value(_ formula: String) throws -> FormulaValue {
            var all = formulas
            all["Z99"] = formula
            return try book(all).result(Sheet.key("Z99")).get()
        }
    }

    static let data = Sheet([
        "A1": .number(300), "A2": .number(1.5), "A3": .number(120), "A4": .text("文本"), "A5": .bool(true), "A6": .number(7),
        "B1": .text("是"), "B2": .text("否（待定）"), "B3": .text("是"), "B4": .text("张三"), "B5": .text("*号"),
        "C1": .date(CivilDate(year: 2024, month: 3, day: 8)!), "C2": .text("12"),
    ])

    @Test(arguments: [
        ("2+3*4", FormulaValue.number(14)),
        ("-2^2", .number(4)),
        ("2^3^2", .number(64)),               // Excel is left-associative
        ("-A1+A2", .number(-298.5)),
        ("10%*A1", .number(30)),
        ("A1/0", .error("#DIV/0!")),
        ("(A1+A2)*2", .number(603)),
        ("0.1*3", .number(0.3)),               // 15 significant digits, as Excel keeps it
        ("\"合计\"&A1&\"元\"", .text("合计300元")),
        ("\"a\"&1.5&TRUE", .text("a1.5TRUE")),
        ("C2*2", .number(24)),                 // text that is a number counts in arithmetic
        ("A4*2", .error("#VALUE!")),
        ("Z1+1", .number(1)),                  // a blank is 0
        ("Z1&\"x\"", .text("x")),
        ("A5+1", .number(2)),
        ("C1+1", .number(45360)),              // a date is its serial number
        ("\"abc\"<\"ABD\"", .bool(true)),      // text ignoring case
        ("1<\"a\"", .bool(true)),              // numbers sort before text
        ("\"z\"<TRUE", .bool(true)),           // and text before TRUE/FALSE
        ("Z1=0", .bool(true)),
        ("Z1=\"\"", .bool(true)),
        ("A1<>300", .bool(false)),
        ("#N/A+1", .error("#N/A")),
    ])
    func operatorsAndCoercionsAreExcels(formula: String, expected: FormulaValue) throws {
        #expect(try Self.data.value(formula) == expected)
    }

    @Test(arguments: [
        ("SUM(A1:A6)", FormulaValue.number(428.5)),         // text and TRUE in cells are skipped
        ("SUM(A1:A6,TRUE,\"2\")", .number(431.5)),          // written in the formula, they count
        ("SUM(A:A)", .number(428.5)),
        ("SUM(A1,A4)", .number(300)),
        ("SUM(A1:A3)/0", .error("#DIV/0!")),
        ("AVERAGE(A1:A3)", .number(140.5)),
        ("AVERAGE(B1:B3)", .error("#DIV/0!")),
        ("MIN(A1:A6)", .number(1.5)),
        ("MAX(B1:B3)", .number(0)),
        ("PRODUCT(A2,A6)", .number(10.5)),
        ("COUNT(A1:A6)", .number(4)),
        ("COUNTA(A1:A6)", .number(6)),
        ("COUNTBLANK(A1:A9)", .number(3)),
        ("COUNTIF(A1:A6,\">100\")", .number(2)),
        ("COUNTIF(A1:A6,\"<>300\")", .number(5)),
        ("COUNTIF(B1:B5,\"是\")", .number(2)),
        ("COUNTIF(B1:B5,\"否*\")", .number(1)),
        ("COUNTIF(B1:B5,\"?三\")", .number(1)),
        ("COUNTIF(B1:B5,\"~*号\")", .number(1)),
        ("COUNTIF(C1:C3,12)", .number(1)),                  // "12" as text matches the number 12
        ("COUNTIF(A1:A9,\"\")", .number(3)),
        ("SUMIF(B1:B3,\"是\",A1:A3)", .number(420)),
        ("SUMIF(B1:B3,\"是\",A1)", .number(420)),           // the sum range takes the criteria range's shape
        ("SUMIF(A1:A6,\">=7\")", .number(427)),
        ("AVERAGEIF(B1:B3,\"是\",A1:A3)", .number(210)),
        ("SUMIFS(A1:A3,B1:B3,\"是\",A1:A3,\">200\")", .number(300)),
        ("COUNTIFS(B1:B3,\"是\",A1:A3,\"<200\")", .number(1)),
        ("ROUND(A1*A2/7,2)", .number(64.29)),
        ("ROUND(2.675,2)", .number(2.68)),                  // on the decimal Excel shows, not the binary 2.67499…
        ("ROUND(-2.5,0)", .number(-3)),
        ("ROUND(1234.5,-2)", .number(1200)),
        ("ROUNDUP(3.141,2)", .number(3.15)),
        ("ROUNDDOWN(-3.149,2)", .number(-3.14)),
        ("INT(-2.5)", .number(-3)),
        ("TRUNC(-2.5)", .number(-2)),
        ("MOD(-7,3)", .number(2)),
        ("MOD(7,0)", .error("#DIV/0!")),
        ("ABS(-9)+SQRT(16)", .number(13)),
        ("SQRT(-1)", .error("#NUM!")),
        ("POWER(0,0)", .error("#NUM!")),
        ("IF(A1>200,\"高\",\"低\")", .text("高")),
        ("IF(A1>500,\"高\")", .bool(false)),
        ("IF(A1,,2)", .number(0)),
        ("IF(A4,1,2)", .error("#VALUE!")),
        ("IFERROR(1/0,\"除零\")", .text("除零")),
        ("IFNA(#N/A,0)", .number(0)),
        ("IFNA(1/0,0)", .error("#DIV/0!")),
        ("AND(A1>0,OR(A2<0,A3>0))", .bool(true)),
        ("NOT(ISBLANK(Z1))", .bool(false)),
        ("ISNUMBER(C2)", .bool(false)),
        ("ISTEXT(B1)", .bool(true)),
        ("ISERROR(1/0)", .bool(true)),
        ("LEFT(\"兰江区东湖街道\",3)&MID(\"兰江区东湖街道\",4,2)&RIGHT(\"兰江区东湖街道\",2)", .text("兰江区东湖街道")),
        ("LEFT(\"东湖\")", .text("东")),
        ("LEN(\"东湖社区\")", .number(4)),
        ("TRIM(\"  东湖   社区 \")", .text("东湖 社区")),
        ("UPPER(\"abc\")", .text("ABC")),
        ("VALUE(\"1,234.5\")+1", .number(1235.5)),
        ("VALUE(\"五\")", .error("#VALUE!")),
        ("CONCATENATE(\"东湖\",A3,\"号\")", .text("东湖120号")),
        ("CONCAT(B1:B3)", .text("是否（待定）是")),
        ("DATE(2024,3,8)", .number(45359)),
        ("DATE(2024,14,1)", .number(45689)),                // month 14 is February of the next year
        ("DATE(2024,2,30)", .number(45352)),                // 2024-03-01
        ("DATE(124,1,1)", .number(45292)),                  // years below 1900 count from 1900
        ("YEAR(C1)*10000+MONTH(C1)*100+DAY(C1)", .number(20240308)),
        ("_xlfn.CONCAT(\"a\",\"b\")", .text("ab")),
    ])
    func functionsAreExcels(formula: String, expected: FormulaValue) throws {
        #expect(try Self.data.value(formula) == expected)
    }

    @Test(arguments: [
        ("VLOOKUP(A1,B1:C3,2,0)", SheetsMessage.formulaFunction(name: "VLOOKUP")),
        ("TODAY()", .formulaFunction(name: "TODAY")),
        ("Sheet2!A1*2", .formulaOtherSheet),                  // with no other sheet to read
        ("'名册'!A1", .formulaOtherSheet),
        ("[1]名册!B3*2", .formulaWritten(text: "[1]名册!B3*2")),      // another workbook
        ("SUM(一月:三月!B3)", .formulaWritten(text: "一月:三月!B3)")),   // several sheets
        ("合计金额*2", .formulaWritten(text: "合计金额")),          // a defined name
        ("SUM({1,2})", .formulaWritten(text: "{…}")),
        ("SUM(1:1)", .formulaWritten(text: "1:1)")),
        ("A1+", .formulaWritten(text: "")),
        ("SUM(A1:XFD1048576)", .formulaRangesTooLarge),
    ])
    func whatIsNotComputedSaysWhy(formula: String, problem: SheetsMessage) {
        let sheet = Sheet(Self.data.cells)
        #expect(throws: Formula.Unsupported(problem)) { _ = try sheet.value(formula) }
    }

    @Test func aFormulaReadsOtherFormulasAndALoopIsFoundNotFollowed() throws {
        let sheet = Sheet(["A1": .number(2)], formulas: [
            "B1": "A1*3", "B2": "B1+B3", "B3": "10",                 // B2 reads B3, below it
            "C1": "C2+1", "C2": "C1+1", "C3": "C1*2",                // C1 and C2 need each other; C3 needs them
            "D1": "VLOOKUP(A1,A1:B2,2,0)", "D2": "D1+1",             // D2 fails for D1's reason
        ])
        let book = sheet.book()
        #expect(try book.result(Sheet.key("B2")).get() == .number(16))
        for ref in ["C1", "C2", "C3"] {
            #expect(throws: Formula.Unsupported(.formulaCircular)) { _ = try book.result(Sheet.key(ref)).get() }
        }
        #expect(throws: Formula.Unsupported(.formulaFunction(name: "VLOOKUP"))) { _ = try book.result(Sheet.key("D2")).get() }
    }

    @Test func aLongChainDownTheSheetIsComputedTopDown() throws {
        // Running totals: each row adds to the one above; computed in row order, no chain is deep.
        var formulas: [String: String] = ["A1": "1"]
        for r in 2...5000 { formulas["A\(r)"] = "A\(r - 1)+1" }
        var entries: [Int: FormulaBook.Entry] = [:]
        for (k, f) in formulas { entries[Sheet.key(k)] = FormulaBook.Entry(f) }
        let book = FormulaBook(entries: entries, lastRow: 5000, dateSystem: .system1900) { _ in nil }
        for key in entries.keys.sorted() { _ = book.result(key) }
        #expect(try book.result(Sheet.key("A5000")).get() == .number(5000))
    }

    @Test func sharedFormulasMoveTheirRelativeReferences() {
        #expect(Formula.shift("ROUND(E3*F3,2)", rows: 2, columns: 0) == "ROUND(E5*F5,2)")
        #expect(Formula.shift("$H$3+A3", rows: 4, columns: 0) == "$H$3+A7")
        #expect(Formula.shift("SUM(E$3:E3)", rows: 2, columns: 1) == "SUM(F$3:F5)")
        #expect(Formula.shift("$E3*F$3", rows: 1, columns: 1) == "$E4*G$3")
        #expect(Formula.shift("IF(G3>=1000,\"G3足额\",\"\")", rows: 1, columns: 0) == "IF(G4>=1000,\"G3足额\",\"\")")
        #expect(Formula.shift("LOG10(A1)+ATAN2(B1,1)", rows: 1, columns: 0) == "LOG10(A2)+ATAN2(B2,1)")
        #expect(Formula.shift("'名册 1'!B2+名册!B2", rows: 1, columns: 0) == "'名册 1'!B3+名册!B3")
        #expect(Formula.shift("A2-1", rows: -1, columns: -1) == "#REF!-1")
        #expect(Formula.shift("A1", rows: 0, columns: 0) == "A1")
    }

    @Test func resultsTakeTheirCellsFormat() {
        let kinds: [NumberFormatKind] = [.number, .date]
        #expect(SheetFormulas.cell(.number(45359), style: 1, styleKinds: kinds, dateSystem: .system1900)
                == .date(CivilDate(year: 2024, month: 3, day: 8)!))
        #expect(SheetFormulas.cell(.number(45359), style: 0, styleKinds: kinds, dateSystem: .system1900) == .number(45359))
        #expect(SheetFormulas.cell(.text(""), style: 0, styleKinds: kinds, dateSystem: .system1900) == .empty)
        #expect(SheetFormulas.cell(.empty, style: 0, styleKinds: kinds, dateSystem: .system1900) == .number(0))
        #expect(SheetFormulas.cell(.error("#DIV/0!"), style: 0, styleKinds: kinds, dateSystem: .system1900) == .error("#DIV/0!"))
    }
}
