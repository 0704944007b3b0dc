"""Peers for reading .xls: each prints 'cells rows' for the file, like fulian-bench read (non-empty cells
of every worksheet, rows that have any)."""
import sys


def xlrd_read(path):
    import xlrd
    wb = xlrd.open_workbook(path, on_demand=True)
    cells = rows = 0
    for sheet in wb.sheets():
        for r in range(sheet.nrows):
            values = sheet.row_values(r)
            n = sum(1 for v in values if v != "")
            if n:
                rows += 1
                cells += n
    print(cells, rows)


def calamine(path):
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(path)
    cells = rows = 0
    for name in wb.sheet_names:
        for row in wb.get_sheet_by_name(name).to_python():
            n = sum(1 for v in row if v not in ("", None))
            if n:
                rows += 1
                cells += n
    print(cells, rows)


if __name__ == "__main__":
    {"xlrd": xlrd_read, "calamine": calamine}[sys.argv[1]](sys.argv[2])
