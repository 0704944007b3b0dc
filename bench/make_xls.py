"""The .xls of the `xls` bench part: 100,000 aid rows × 10 columns written by xlwt (shared strings, real
dates, RK and NUMBER amounts), the same rows as make_data.py's aid.xlsx. A BIFF8 sheet holds at most
65,536 rows, so the rows are split over two sheets of 50,000 (each with the header row).

Usage: python make_xls.py OUTDIR [ROWS]        (bench/run.py: data, 100000; writes OUTDIR/aid.xls)
"""
import datetime
import os
import sys

import xlwt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_data import HEADER, aid_rows, register


def main():
    out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    _, communities = register()
    wb = xlwt.Workbook(encoding="utf-8")
    datef = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    per_sheet = 50_000
    ws = None
    for i, r in enumerate(aid_rows(n, communities)):
        if i % per_sheet == 0:
            ws = wb.add_sheet("发放名单%d" % (i // per_sheet + 1))
            for c, h in enumerate(HEADER):
                ws.write(0, c, h)
        row = i % per_sheet + 1
        ws.write(row, 0, r[0]); ws.write(row, 1, r[1]); ws.write(row, 2, r[2]); ws.write(row, 3, r[3]); ws.write(row, 4, r[4])
        ws.write(row, 5, datetime.datetime.strptime(r[5], "%Y-%m-%d"), datef)
        ws.write(row, 6, float(r[6])); ws.write(row, 7, int(r[7])); ws.write(row, 8, r[8]); ws.write(row, 9, "联系人%d" % (i % 50))
    path = os.path.join(out, "aid.xls")
    wb.save(path + ".tmp")
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
