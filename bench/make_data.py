"""Deterministic benchmark data for bench/run.py.

Usage: python make_data.py OUTDIR ROWS_CSV ROWS_XLSX     (bench/run: data 1000000 100000)
       python make_data.py --version                     (prints DATA_VERSION; bench/run regenerates on change)

Writes into OUTDIR:
  register.csv         the org register: 1 district, 5 streets/towns, 40 communities/villages, with
                       妇联组建时间 / 妇女之家建成时间 (some in 2024, some empty) so coverage has work to do
  aid.csv              ROWS_CSV aid disbursements, 10 columns, UTF-8; dates spread evenly over the 12
                       months of 2024 for every program (a quarter holds 1/4 of the rows); 4 disbursements per person
  aid-gb18030.csv      the same rows in GB18030
  aid-real.csv         ROWS_CSV aid disbursements shaped like real submissions (issue #17): a street column
                       beside the community, 8 programmes, ~300k persons, dates over 2023 and 2024 written
                       both 2024-03-05 and 2024/3/5, amounts with fen, and 300 rows sent again later in
                       the file (in-file duplicates)
  aid-100k.csv         ROWS_XLSX rows (the same rows as aid.xlsx), UTF-8: the small size for the
                       memory-vs-row-count check
  aid.xlsx             ROWS_XLSX rows written by XlsxWriter (shared strings, real dates)
  members.csv          20,000 memberships (roles, terms, tags) for the members report
  activities.csv       50,000 activities over 2024 (1/7 of them job fairs with employer/seeker figures)
  VERSION              DATA_VERSION, written last (its presence means the set is complete)
"""
import csv, datetime, os, random, sys

DATA_VERSION = "4"

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
    """Rows (name, kind, parent, federation, womens_home) and the community names."""
    rows = [("青溪区", "区", "", "1985-03-08", "是")]
    communities = []
    for si, s in enumerate(STREETS):
        rows.append((s, "镇" if s.endswith("镇") else "街道", "青溪区", "1990-05-%02d" % (si + 1), "是"))
        for i in range(8):
            c = s[:2] + "第%d%s" % (i + 1, "村" if s.endswith("镇") else "社区")
            k = si * 8 + i
            # Federations: most long-standing, a few set up during 2024, a few not at all.
            fed = "" if k % 10 == 9 else ("2024-%02d-15" % (1 + k % 12) if k % 5 == 3 else "2015-03-%02d" % (1 + k % 28))
            home = "" if k % 4 == 1 else ("2024-%02d-01" % (1 + k % 12) if k % 4 == 2 else "是")
            rows.append((c, "村" if c.endswith("村") else "社区", s, fed, home))
            communities.append(c)
    return rows, communities

def aid_rows(n, communities, seed=7):
    rng = random.Random(seed)
    people = [(rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), id_number(rng), rng.choice(communities)) for _ in range(max(n // 4, 1))]
    for i in range(n):
        name, idn, org = people[i % len(people)]
        # i // 4 decorrelates month from program (i % 4): every program is paid in every month.
        month = 1 + (i * 7 + i // 4) % 12
        day = 1 + (i * 13) % 28
        yield (name, idn, org, PROGRAMS[i % 4], SOURCES[(i // 4) % 4], "2024-%02d-%02d" % (month, day),
               "%d.%02d" % (500 + (i * 37) % 3000, (i * 11) % 100 if i % 3 else 0), str(1 + i % 6), "第%d笔" % (i + 1), "")

REAL_PROGRAMS = ["春蕾计划", "贫困母亲救助", "“两癌”救助", "困境儿童关爱", "单亲困难母亲救助", "母亲邮包", "春风行动", "暖冬行动"]
REAL_DUPLICATES = 300
REAL_HEADER = ["姓名", "身份证号", "所属街道", "所属社区", "救助项目", "资金来源", "发放日期", "金额（元）", "家庭人口", "备注"]

def aid_real_rows(n, communities, seed=17):
    """Like aid_rows, as real files are: street + community, 8 programmes, ~300k persons, two years of dates
    in both spellings, amounts with fen, and REAL_DUPLICATES earlier rows sent again (same values; the
    note, which is not part of what makes a disbursement, says which row it repeats)."""
    rng = random.Random(seed)
    people = [(rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), id_number(rng), rng.choice(communities))
              for _ in range(max(n * 3 // 10, 1))]
    street_of = {c: s for s in STREETS for c in communities if c.startswith(s[:2])}
    first = datetime.date(2023, 1, 1)
    picked = set(rng.sample(range(n - REAL_DUPLICATES), REAL_DUPLICATES)) if n > 2 * REAL_DUPLICATES else set()
    kept = []
    fresh = n - len(picked)
    for i in range(fresh):
        name, idn, org = people[rng.randrange(len(people))]
        d = first + datetime.timedelta(days=rng.randrange(731))
        date = d.isoformat() if i % 3 else "%d/%d/%d" % (d.year, d.month, d.day)
        row = (name, idn, street_of[org], org, REAL_PROGRAMS[rng.randrange(8)], SOURCES[rng.randrange(4)], date,
               "%d.%02d" % (200 + rng.randrange(4800), rng.randrange(100)), str(1 + rng.randrange(6)), "第%d笔" % (i + 1))
        if i in picked: kept.append(row)
        yield row
        # The re-sent rows come back spread over the rest of the file.
        if kept and rng.random() < len(kept) / max(fresh - i, 1):
            again = kept.pop(rng.randrange(len(kept)))
            yield again[:9] + ("补报：" + again[9],)
    for again in kept:
        yield again[:9] + ("补报：" + again[9],)

HEADER = ["姓名", "身份证号", "所属社区", "救助项目", "资金来源", "发放日期", "金额（元）", "家庭人口", "备注", "联系人"]

ROLES = [("主席", 1), ("副主席", 2), ("执委", 6), ("委员", 6), ("会员", 10), ("志愿者", 15)]
TAGS = ["社区两委成员", "网格员", "巾帼志愿者", "退休教师", "致富带头人", "社区两委成员、网格员", ""]

def members_rows(n, communities, seed=11):
    rng = random.Random(seed)
    units = communities + STREETS
    roles = [r for r, w in ROLES for _ in range(w)]
    for i in range(n):
        idn = id_number(rng)
        start = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randint(0, 5 * 365))
        end = ""
        if i % 9 == 0:  # some left during 2024
            end = (datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))).isoformat()
        # The gender agrees with the ID's 17th digit (odd: male), so the members import has no mismatches.
        yield (rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), idn, "男" if int(idn[16]) % 2 else "女",
               units[i % len(units)], roles[i % len(roles)], start.isoformat(), end, TAGS[i % len(TAGS)])

MEMBER_HEADER = ["姓名", "身份证号", "性别", "所属单位", "职务", "任职时间", "离任时间", "身份标签"]

KINDS = ["招聘会", "讲座", "培训", "维权", "志愿服务", "慰问", "其他"]

def activity_rows(n, communities):
    units = communities + STREETS
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        held = datetime.date(2024, 1, 1) + datetime.timedelta(days=(i * 11) % 366)
        fair = kind == "招聘会"
        seekers = 40 + (i * 17) % 400
        yield ("%s活动%d" % (kind, i + 1), kind, units[(i * 3) % len(units)], held.isoformat(), str(20 + (i * 7) % 300),
               str(5 + i % 40) if fair else "", str(30 + (i * 5) % 500) if fair else "", str(seekers) if fair else "",
               str(seekers * (i % 5) // 10) if fair else "")

ACTIVITY_HEADER = ["活动名称", "活动类型", "举办单位", "活动日期", "参与人次", "参会企业数", "提供岗位数", "求职人次", "达成就业意向人数"]

def write_csv(path, header, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f); w.writerow(header); w.writerows(rows)

def main():
    if sys.argv[1:] == ["--version"]:
        print(DATA_VERSION)
        return
    out, n_csv, n_xlsx = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    if os.path.exists(os.path.join(out, "VERSION")): os.remove(os.path.join(out, "VERSION"))
    reg, communities = register()
    write_csv(os.path.join(out, "register.csv"), ["单位名称", "类型", "上级单位", "妇联组建时间", "妇女之家建成时间"], reg)
    write_csv(os.path.join(out, "aid.csv"), HEADER, aid_rows(n_csv, communities))
    write_csv(os.path.join(out, "aid-gb18030.csv"), HEADER, aid_rows(n_csv, communities), encoding="gb18030")
    write_csv(os.path.join(out, "aid-real.csv"), REAL_HEADER, aid_real_rows(n_csv, communities))
    write_csv(os.path.join(out, "aid-100k.csv"), HEADER, aid_rows(n_xlsx, communities))
    write_csv(os.path.join(out, "members.csv"), MEMBER_HEADER, members_rows(20_000, communities))
    write_csv(os.path.join(out, "activities.csv"), ACTIVITY_HEADER, activity_rows(50_000, communities))
    import xlsxwriter
    wb = xlsxwriter.Workbook(os.path.join(out, "aid.xlsx"))
    ws = wb.add_worksheet("发放名单")
    datef = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, HEADER)
    for i, r in enumerate(aid_rows(n_xlsx, communities), start=1):
        ws.write_string(i, 0, r[0]); ws.write_string(i, 1, r[1]); ws.write_string(i, 2, r[2]); ws.write_string(i, 3, r[3])
        ws.write_string(i, 4, r[4]); ws.write_datetime(i, 5, datetime.datetime.strptime(r[5], "%Y-%m-%d"), datef)
        ws.write_number(i, 6, float(r[6])); ws.write_number(i, 7, int(r[7])); ws.write_string(i, 8, r[8]); ws.write_string(i, 9, "联系人%d" % (i % 50))
    wb.close()
    with open(os.path.join(out, "VERSION"), "w") as f: f.write(DATA_VERSION + "\n")

if __name__ == "__main__":
    main()
