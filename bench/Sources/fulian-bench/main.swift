import Foundation
import FulianCore
import FulianSheets

/// fulian-bench read FILE: streams every cell of every sheet and prints "cells rows".
/// The driver (bench/run.py) times it from outside, like every peer.
let args = CommandLine.arguments
guard args.count >= 3 else {
    FileHandle.standardError.write(Data("usage: fulian-bench read FILE\n".utf8))
    exit(64)
}
switch args[1] {
case "read":
    let reader = try openSpreadsheet(at: args[2])
    var cells = 0, rows = 0
    for sheet in reader.sheets {
        try reader.forEachRow(in: sheet) { row in
            rows += 1
            for c in row.cells where !c.isBlank { cells += 1 }
            return true
        }
    }
    print(cells, rows)
default:
    FileHandle.standardError.write(Data("unknown benchmark \(args[1])\n".utf8))
    exit(64)
}
