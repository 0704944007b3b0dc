"""Peers for reading: each prints 'cells rows' for the file, like fulian-bench read."""
import sys

def calamine(path):
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(path)
    cells = rows = 0
    for name in wb.sheet_names:
        for row in wb.get_sheet_by_name(name).to_python():
            rows += 1
            cells += sum(1 for v in row if v not in ("", None))
    print(cells, rows)

def openpyxl_ro(path):
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True)
    cells = rows = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            rows += 1
            cells += sum(1 for v in row if v is not None)
    print(cells, rows)

def pandas_csv(path, encoding):
    import pandas as pd
    df = pd.read_csv(path, encoding=encoding, dtype=str)
    print(int(df.notna().sum().sum()) + len(df.columns), len(df) + 1)

def polars_csv(path, encoding):
    import polars as pl
    # polars parses UTF-8 only; another encoding is decoded in Python first (polars' own documented way).
    df = pl.read_csv(path, encoding="utf8" if encoding == "utf-8" else encoding, infer_schema_length=0)
    print(df.height)

def pandas_excel(path):
    import pandas as pd
    df = pd.read_excel(path, dtype=str)
    print(len(df))

if __name__ == "__main__":
    which, path = sys.argv[1], sys.argv[2]
    {"calamine": lambda: calamine(path), "openpyxl": lambda: openpyxl_ro(path),
     "pandas_csv": lambda: pandas_csv(path, sys.argv[3] if len(sys.argv) > 3 else "utf-8"),
     "polars_csv": lambda: polars_csv(path, sys.argv[3] if len(sys.argv) > 3 else "utf-8"),
     "pandas_excel": lambda: pandas_excel(path)}[which]()
