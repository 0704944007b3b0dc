"""Deterministic benchmark data: a register and aid disbursements (10 columns), as CSV (UTF-8 and
GB18030) and XLSX. Usage: python make_data.py OUTDIR ROWS_CSV ROWS_XLSX"""
import csv, os, random, sys

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

def id_number(rng):
    body = "439951%04d%02d%02d%03d" % (rng.randint(1950, 2015), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 999))
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, W)) % 11]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN = "秀英华芳敏静丽娟艳霞玲桂兰凤梅琴云莲真雪荣爱红春菊萍婷慧洁倩璐瑶怡欣悦蓉"
STREETS = ["东湖街道", "西岭街道", "南塘街道", "北苑街道", "青溪镇"]
PROGRAMS = ["春蕾计划", "贫困母亲救助", "两癌救助", "困境儿童关爱"]
SOURCES = ["区财政", "省妇联", "社会捐赠", "市慈善总会"]

def register():
    rows = [("青溪区", "区", "")]
    communities = []
    for s in STREETS:
        rows.append((s, "镇" if s.endswith("镇") else "街道", "青溪区"))
        for i in range(8):
            c = s[:2] + "第%d%s" % (i + 1, "村" if s.endswith("镇") else "社区")
            rows.append((c, "村" if c.endswith("村") else "社区", s))
            communities.append(c)
    return rows, communities

def aid_rows(n, communities, seed=7):
    rng = random.Random(seed)
    people = [(rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), id_number(rng), rng.choice(communities)) for _ in range(max(n // 4, 1))]
    for i in range(n):
        name, idn, org = people[i % len(people)]
        month = 1 + (i * 7) % 12
        day = 1 + (i * 13) % 28
        yield (name, idn, org, PROGRAMS[i % 4], SOURCES[(i // 4) % 4], "2024-%02d-%02d" % (month, day),
               "%d.%02d" % (500 + (i * 37) % 3000, (i * 11) % 100 if i % 3 else 0), str(1 + i % 6), "第%d笔" % (i + 1), "")

HEADER = ["姓名", "身份证号", "所属社区", "救助项目", "资金来源", "发放日期", "金额（元）", "家庭人口", "备注", "联系人"]

def main():
    out, n_csv, n_xlsx = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    reg, communities = register()
    with open(os.path.join(out, "register.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f); w.writerow(["单位名称", "类型", "上级单位"]); w.writerows(reg)
    for enc, name in (("utf-8", "aid.csv"), ("gb18030", "aid-gb18030.csv")):
        with open(os.path.join(out, name), "w", encoding=enc, newline="") as f:
            w = csv.writer(f); w.writerow(HEADER)
            for r in aid_rows(n_csv, communities): w.writerow(r)
    import xlsxwriter
    wb = xlsxwriter.Workbook(os.path.join(out, "aid.xlsx"))
    ws = wb.add_worksheet("发放名单")
    datef = wb.add_format({"num_format": "yyyy-mm-dd"})
    import datetime
    ws.write_row(0, 0, HEADER)
    for i, r in enumerate(aid_rows(n_xlsx, communities), start=1):
        ws.write_string(i, 0, r[0]); ws.write_string(i, 1, r[1]); ws.write_string(i, 2, r[2]); ws.write_string(i, 3, r[3])
        ws.write_string(i, 4, r[4]); ws.write_datetime(i, 5, datetime.datetime.strptime(r[5], "%Y-%m-%d"), datef)
        ws.write_number(i, 6, float(r[6])); ws.write_number(i, 7, int(r[7])); ws.write_string(i, 8, r[8]); ws.write_string(i, 9, "联系人%d" % (i % 50))
    wb.close()

if __name__ == "__main__":
    main()
