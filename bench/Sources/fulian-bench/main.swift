import Foundation
import FulianCore
import FulianExcel
import FulianSheets

/// The Swift side of the benchmarks. The driver (bench/run.py) times each mode from outside, as a whole
/// process, like every peer.
///
///   fulian-bench read FILE         streams every cell of every sheet (FulianSheets) and prints "cells rows"
///   fulian-bench write ROWS FILE   writes a ROWS-row × 10-column disbursement detail sheet through
///                                  FulianExcel in constant-memory mode and prints ROWS. The cells are the
///                                  ones bench/peers/write_peer.c and write_peers.py write: the same pools
///                                  of text, dates from 2024-01-01, amounts in fen, counts.
let args = CommandLine.arguments
func usage() -> Never {
    FileHandle.standardError.write(Data("usage: fulian-bench read FILE | fulian-bench write ROWS FILE\n".utf8))
    exit(64)
}
guard args.count >= 3 else { usage() }

switch args[1] {
case "read":
    let reader = try openSpreadsheet(at: args[2])
    var cells = 0, rows = 0
    for sheet in reader.sheets {
        try reader.forEachRow(in: sheet) { row in
            rows += 1
            // In place: the cells are looked at where they are, not copied out one by one.
            row.cells.withUnsafeBufferPointer { b in
                for i in b.indices where !b[i].isBlank { cells += 1 }
            }
            return true
        }
    }
    print(cells, rows)

case "write":
    guard args.count == 4, let rows = Int(args[2]), rows >= 0 else { usage() }
    let pool = 1024
    let sur = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈")
    let giv = Array("秀英华芳敏静丽娟艳霞玲桂兰凤梅琴云莲真雪荣爱红春菊萍婷慧洁倩璐瑶怡欣悦蓉")
    let streets = ["东湖街道", "西岭街道", "南塘街道", "北苑街道", "青溪镇"]
    let programs: [ExcelValue] = ["春蕾计划", "贫困母亲救助", "两癌救助", "困境儿童关爱"]
    let sources: [ExcelValue] = ["区财政", "省妇联", "社会捐赠", "市慈善总会"]
    func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    let names: [ExcelValue] = (0..<pool).map { j in .text(String([sur[j % 50], giv[(j / 50) % 36], giv[(j * 7) % 36]])) }
    let ids: [ExcelValue] = (0..<pool).map { j in
        .text("439951" + pad(1950 + j % 66, 4) + pad(1 + j % 12, 2) + pad(1 + j % 28, 2) + pad(j % 1000, 3) + String(j % 10))
    }
    let orgs: [ExcelValue] = (0..<pool).map { j in .text("\(streets[j % 5])第\(j % 8 + 1)社区") }
    let notes: [ExcelValue] = (0..<pool).map { j in .text("第\(j)批") }
    let first = CivilDate(year: 2024, month: 1, day: 1)!.daysSince1970
    let dates: [ExcelValue] = (0..<366).map { .date(CivilDate(daysSince1970: first + $0)) }

    let wb = try Workbook(path: args[3], constantMemory: true)
    let sheet = try wb.addWorksheet(name: "救助明细")
    try sheet.writeRow(row: 0, ["发放日期", "姓名", "身份证号", "所属社区", "救助项目", "资金来源", "金额（元）", "家庭人口", "备注", "序号"])
    for i in 0..<rows {
        let j = i % pool
        try sheet.writeRow(row: i + 1, [
            dates[i % 366], names[j], ids[j], orgs[j], programs[i % 4], sources[(i / 4) % 4],
            .money(Money(fen: Int64(50_000 + (i * 3701) % 300_000))), .integer(Int64(1 + i % 6)), notes[j],
            .integer(Int64(i + 1)),
        ])
    }
    try wb.close()
    print(rows)

default:
    FileHandle.standardError.write(Data("unknown benchmark \(args[1])\n".utf8))
    exit(64)
}
