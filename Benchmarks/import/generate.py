"""Files for the import benchmark: N distinct workers (UTF-8 CSV, valid ID numbers) and M mixed clue rows.
   python3 generate.py WORKERS_CSV N CLUES_CSV M"""
import csv, random, sys

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

def rid(n):
    first17 = "%06d%s%03d" % (110101 + n // 10_000_000 % 800, "19%02d%02d%02d" % (50 + n % 50, 1 + n // 50 % 12, 1 + n // 600 % 28), n % 1000)
    first17 = first17[:14] + "%03d" % ((n // 1000) % 1000)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, W)) % 11]

def uscc(n):
    first17 = "9162040%010d" % n
    return first17 + CS[(31 - sum(CS.index(c) * w for c, w in zip(first17, CW)) % 31) % 31]

workers_path, n, clues_path, m = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
seen = set()
with open(workers_path, "w", encoding="utf-8", newline="") as out:
    out.write("姓名,身份证号,联系电话,银行卡号,籍贯\r\n")
    i = 0
    while len(seen) < n:
        number = rid(i)
        i += 1
        if number in seen:
            continue
        seen.add(number)
        out.write("工人%d,%s,139%08d,,甘肃省白银市平川区\r\n" % (i, number, i % 100_000_000))

random.seed(7)
sources = ["信访", "法律援助", "劳动纠纷", "12345热线", "劳动保障监察", "大数据碰撞"]
with open(clues_path, "w", encoding="utf-8", newline="") as out:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["姓名", "身份证号", "联系电话", "用人单位", "统一社会信用代码", "项目名称", "拖欠工资（元）", "线索来源", "登记日期"])
    for row in range(m):
        crew = row // 4  # four workers per crew report
        employer = crew % 1500
        again = row % 20 == 3  # one row in twenty: a crew member seen again, from another source
        worker = row - 1 if again else row
        writer.writerow(["工人%d" % worker, rid(5_000_000 + worker), "139%08d" % worker, "某建筑公司%d" % employer,
                         uscc(employer), "项目%d" % (crew % 3000),
                         # the same claim when seen again (a different amount would need --amount-stands)
                         ["3.8万", "38,000.00元", "12000", "9,500"][worker % 4],
                         sources[(crew + 1) % 6] if again else sources[crew % 6],
                         # received by October 2026: never in the future of the run
                         "2026年%d月%d日" % (1 + crew % 10, 1 + crew % 28)])
