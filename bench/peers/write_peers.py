"""Write peers: the cells fulian-bench `write ROWS FILE` writes (same pools and formats), through
Python XlsxWriter (constant_memory) or openpyxl (write_only). Prints the number of data rows written.
Usage: write_peers.py xlsxwriter|openpyxl ROWS FILE"""
import datetime, sys

POOL = 1024
SUR = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIV = "秀英华芳敏静丽娟艳霞玲桂兰凤梅琴云莲真雪荣爱红春菊萍婷慧洁倩璐瑶怡欣悦蓉"
STREETS = ["东湖街道", "西岭街道", "南塘街道", "北苑街道", "青溪镇"]
PROGRAMS = ["春蕾计划", "贫困母亲救助", "两癌救助", "困境儿童关爱"]
SOURCES = ["区财政", "省妇联", "社会捐赠", "市慈善总会"]
HEADER = ["发放日期", "姓名", "身份证号", "所属社区", "救助项目", "资金来源", "金额（元）", "家庭人口", "备注", "序号"]
NAMES = [SUR[j % 50] + GIV[(j // 50) % 36] + GIV[(j * 7) % 36] for j in range(POOL)]
IDS = ["439951%04d%02d%02d%03d%d" % (1950 + j % 66, 1 + j % 12, 1 + j % 28, j % 1000, j % 10) for j in range(POOL)]
ORGS = ["%s第%d社区" % (STREETS[j % 5], j % 8 + 1) for j in range(POOL)]
NOTES = ["第%d批" % j for j in range(POOL)]
DATES = [datetime.date(2024, 1, 1) + datetime.timedelta(days=d) for d in range(366)]

def xlsxwriter_cm(rows, path):
    import xlsxwriter
    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet("救助明细")
    datef = wb.add_format({"num_format": "yyyy-mm-dd"})
    moneyf = wb.add_format({"num_format": "#,##0.00"})
    ws.write_row(0, 0, HEADER)
    for i in range(rows):
        r, j = i + 1, i % POOL
        ws.write_datetime(r, 0, DATES[i % 366], datef)
        ws.write_string(r, 1, NAMES[j]); ws.write_string(r, 2, IDS[j]); ws.write_string(r, 3, ORGS[j])
        ws.write_string(r, 4, PROGRAMS[i % 4]); ws.write_string(r, 5, SOURCES[(i // 4) % 4])
        ws.write_number(r, 6, (50000 + (i * 3701) % 300000) / 100, moneyf)
        ws.write_number(r, 7, 1 + i % 6); ws.write_string(r, 8, NOTES[j]); ws.write_number(r, 9, i + 1)
    wb.close()

def openpyxl_wo(rows, path):
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("救助明细")
    ws.append(HEADER)
    for i in range(rows):
        j = i % POOL
        d = WriteOnlyCell(ws, value=DATES[i % 366]); d.number_format = "yyyy-mm-dd"
        m = WriteOnlyCell(ws, value=(50000 + (i * 3701) % 300000) / 100); m.number_format = "#,##0.00"
        ws.append([d, NAMES[j], IDS[j], ORGS[j], PROGRAMS[i % 4], SOURCES[(i // 4) % 4], m, 1 + i % 6, NOTES[j], i + 1])
    wb.save(path)

if __name__ == "__main__":
    which, rows, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    {"xlsxwriter": xlsxwriter_cm, "openpyxl": openpyxl_wo}[which](rows, path)
    print(rows)
