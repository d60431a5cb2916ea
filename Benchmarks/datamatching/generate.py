"""Partner datasets for the data-matching benchmark: N rows in all across the five kinds, in the headings the
partners use, with realistic shares (most awards performed, most judgments enforced, four tickets in ten about wages, one
payroll account in twenty gone silent).
   python3 generate.py OUT_DIR N"""
import csv, os, random, sys

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

def rid(n):
    first17 = "%06d19%02d%02d%02d%03d" % (620403 + n // 10_000_000 % 90, 50 + n % 50, 1 + n // 50 % 12, 1 + n // 600 % 28, (n // 16_800) % 1000)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, W)) % 11]

def uscc(n):
    first17 = "9162040%010d" % n
    return first17 + CS[(31 - sum(CS.index(c) * w for c, w in zip(first17, CW)) % 31) % 31]

def day(rng, start=(2025, 1), months=23):
    m = rng.randrange(months)
    y, mo = start[0] + (start[1] - 1 + m) // 12, (start[1] - 1 + m) % 12 + 1
    return "%d-%02d-%02d" % (y, mo, rng.randrange(1, 29))

out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
rng = random.Random(17)
employers = max(20, n // 50)
projects = max(60, n // 100)  # one permit and one payroll account each
def employer(e): return "平川第%d建筑工程有限公司" % e
def project(p): return "第%d号安置小区" % p

def write(name, header, rows):
    with open(os.path.join(out, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        for row in rows:
            w.writerow(row)

def awards(count, judgments):
    for i in range(count):
        p = rng.randrange(projects)
        e = p // 3
        amount = rng.randrange(5_000, 80_000)
        state = rng.random()
        if judgments:
            status, paid = ("执行完毕", amount) if state < 0.85 else ("终结本次执行", amount // 3) if state < 0.9 else ("执行中", 0)
            yield ["(2026)甘0403民初%d号" % i, "工人%d" % i, rid(i * 7 + 3), employer(e), uscc(e), amount, day(rng), status, paid]
        else:
            status, paid = ("已履行", amount) if state < 0.9 else ("部分履行", amount // 2) if state < 0.95 else ("未履行", 0)
            yield ["平劳人仲案字〔2026〕%d号" % i, "工人%d" % i, rid(i * 7), employer(e), uscc(e), project(p), amount, day(rng), status, paid]

def complaints(count):
    for i in range(count):
        e = rng.randrange(employers) if rng.random() < 0.9 else int(rng.paretovariate(1.5)) % employers
        wage = rng.random() < 0.4
        content = "反映拖欠农民工工资%d元" % rng.randrange(3000, 60000) if wage else "反映施工噪音扰民"
        ident = rid(i * 7 + 5) if rng.random() < 0.5 else ""
        yield ["GD2026%07d" % i, "12345", day(rng), "诉求人%d" % i, ident, "139%08d" % i, employer(e),
               uscc(e) if rng.random() < 0.8 else "", "", content, rng.randrange(1, 30), ""]

def permits(count):
    for i in range(count):
        p = i % projects
        e = p // 3
        yield ["620403202%07d" % i, project(p), employer(e), uscc(e), "%d万" % rng.randrange(500, 9000),
               day(rng, (2024, 1), 30), day(rng, (2026, 6), 24), "620403"]

def payroll(count):
    i = 0
    for p in range(projects):
        e = p // 3
        stops = 22 if rng.random() < 0.95 else rng.randrange(14, 22)  # one account in twenty goes silent
        for m in range(stops):
            if i >= count:
                return
            y, mo = 2025 + m // 12, m % 12 + 1
            yield [project(p), uscc(e), "%d-%02d" % (y, mo), rng.randrange(10, 200), rng.randrange(100_000, 2_000_000)]
            i += 1

write("arbitration-awards.csv", ["仲裁文书号", "申请人姓名", "申请人身份证号", "被申请人", "被申请人统一社会信用代码", "项目名称",
                                 "裁决金额", "生效日期", "履行状态", "已履行金额"], awards(n * 30 // 100, False))
write("court-judgments.csv", ["案号", "原告姓名", "原告身份证号", "被告", "被告统一社会信用代码", "判决金额", "生效日期", "执行状态",
                              "执行到位金额"], awards(n * 15 // 100, True))
write("complaints.csv", ["工单号", "渠道", "受理日期", "诉求人姓名", "诉求人身份证号", "联系电话", "被反映单位", "统一社会信用代码",
                         "项目名称", "诉求内容", "涉及人数", "涉及金额"], complaints(n * 34 // 100))
write("construction-permits.csv", ["许可证编号", "项目名称", "施工单位", "施工单位统一社会信用代码", "合同价款", "发证日期",
                                   "计划竣工日期", "行政区划代码"], permits(projects))
write("payroll-transfers.csv", ["项目名称", "施工单位统一社会信用代码", "发放月份", "发放人数", "发放金额"], payroll(n - n * 30 // 100 - n * 15 // 100 - n * 34 // 100 - projects))
