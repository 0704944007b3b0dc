import FulianCore
import FulianImport
import Testing
import TestSupport

/// `--map` files: header mappings and confirmed spellings, TOML and JSON.
struct HeaderMapFileTests {
    @Test func tomlTablesNameSpellingsOfAField() throws {
        let path = try TempFile.write(Array("""
            # columns.toml
            "受助对象" = "name"
            [org]
            "金砂社区" = "金沙社区"   # confirmed from 名称归并
            [program]
            "春蕾助学" = "春蕾计划"
            """.utf8), name: "map.toml")
        let m = try HeaderMapFile.loadMapping(path: path, dataset: .aid)
        #expect(m.headers == ["受助对象": "name"])
        #expect(m.values == ["org": ["金砂社区": "金沙社区"], "program": ["春蕾助学": "春蕾计划"]])
    }

    @Test func jsonObjectsAreSpellingTables() throws {
        let path = try TempFile.write(Array(#"{"受助对象": "name", "org": {"金砂社区": "金沙社区"}}"#.utf8), name: "map.json")
        let m = try HeaderMapFile.loadMapping(path: path, dataset: .aid)
        #expect(m.headers == ["受助对象": "name"])
        #expect(m.values == ["org": ["金砂社区": "金沙社区"]])
    }

    @Test func aTableMustBeAField() throws {
        let path = try TempFile.write(Array("[street_name]\n\"a\" = \"b\"\n".utf8), name: "bad.toml")
        #expect(throws: ImportError.self) { try HeaderMapFile.loadMapping(path: path, dataset: .aid) }
        do { _ = try HeaderMapFile.loadMapping(path: path, dataset: .aid) } catch {
            let e = error as? ImportError
            #expect(e?.text(.en) == "bad.toml: [street_name] is not a field of aid; fields are: \(DatasetFields.fields(of: .aid).map(\.key).joined(separator: ", "))")
            #expect(e?.text(.zh) == "bad.toml：[street_name] 不是 aid 的字段；可用的字段有：\(DatasetFields.fields(of: .aid).map(\.key).joined(separator: "、"))")
        }
        let broken = try TempFile.write(Array("[org]\nno equals sign\n".utf8), name: "broken.toml")
        do { _ = try HeaderMapFile.loadMapping(path: broken, dataset: .aid); Issue.record("no error") } catch {
            #expect((error as? ImportError)?.text(.en) == "broken.toml: line 2: expected \"as typed\" = \"value to use\" under [org]")
            #expect((error as? ImportError)?.text(.zh) == "broken.toml：第 2 行：[org] 下应写作 \"原写法\" = \"改用的值\"")
        }
    }
}
