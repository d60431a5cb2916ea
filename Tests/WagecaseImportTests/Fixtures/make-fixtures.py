"""Makes the import fixtures the way partner agencies make them. Run once; the outputs are committed.
   python3 make-fixtures.py   (needs openpyxl from PyPI)"""
import csv, io, openpyxl
from openpyxl.styles import Font, Alignment

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def rid(first17):
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, W)) % 11]
CS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
def uscc(first17):
    return first17 + CS[(31 - sum(CS.index(c) * w for c, w in zip(first17, CW)) % 31) % 31]
def fullwidth(text):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)

E1, E2 = uscc("91620403MA71XY2Q0"), uscc("91620421MA7ABCDE1")
ids = [rid("62040319800101%03d" % i) for i in range(1, 13)]

# 1. Clues exported by Excel on Chinese Windows: GBK, CRLF, a title line, full-width digits, 万 and 元 amounts,
#    Chinese and slash dates, one worker on two sources, and three bad rows (check digit, date, amount).
rows = [
    ["平川区人社局欠薪线索移送表（2026年3月）", "", "", "", "", "", "", "", ""],
    ["序号", "姓名", "公民身份号码", "联系电话", "用人单位", "统一社会信用代码", "项目名称", "拖欠工资（元）", "线索来源", "登记日期"],
]
rows[0] = rows[0] + [""]
data = [
    ["1", "张建国", fullwidth(ids[0]), "13909431001", "甘肃平川建设工程有限公司", E1, "兴平路安置小区二期", "3.8万", "信访", "2026年3月5日"],
    ["2", "李卫东", ids[1], "13909431002", "甘肃平川建设工程有限公司", E1, "兴平路安置小区二期", "38,000.00元", "信访", "2026年3月5日"],
    ["3", "王志强", ids[2], "", "甘肃平川建设工程有限公司", E1, "兴平路安置小区二期", "12000", "12345热线", "2026/3/9"],
    ["4", "赵永红", ids[3], "13909431004", "平川区鑫源建筑安装有限公司", E2, "王家山镇道路硬化工程", "21,000", "劳动纠纷", "2026-03-12"],
    ["5", "张建国", ids[0], "13909431001", "甘肃平川建设工程有限公司", E1, "兴平路安置小区二期", "3.8万", "法律援助", "2026年3月16日"],
    ["6", "钱小军", ids[4][:-1] + ("0" if ids[4][-1] != "0" else "1"), "", "平川区鑫源建筑安装有限公司", E2, "王家山镇道路硬化工程", "9000", "信访", "2026年3月5日"],
    ["7", "孙立平", ids[5], "", "平川区鑫源建筑安装有限公司", E2, "王家山镇道路硬化工程", "15000", "信访", "2026年2月30日"],
    ["8", "周红梅", ids[6], "", "平川区鑫源建筑安装有限公司", E2, "王家山镇道路硬化工程", "-500", "信访", "2026年3月6日"],
]
out = io.StringIO(newline="")
writer = csv.writer(out, lineterminator="\r\n")
writer.writerows(rows + data)
open("clues-gbk.csv", "wb").write(out.getvalue().encode("gbk"))

# 2. Workers as a UTF-8 CSV with a byte-order mark ("CSV UTF-8" in Excel): a quoted address with a line break
#    and a comma, ideographic spaces around a name, an unknown column, and one bad ID number.
out = io.StringIO(newline="")
writer = csv.writer(out, lineterminator="\r\n")
writer.writerow(["姓名", "身份证号", "手机号码", "工资卡号", "户籍地", "工种"])
writer.writerow(["　吴学军　", ids[7], "13909431008", "6228480439110012341", "甘肃省白银市\n平川区，王家山镇", "钢筋工"])
writer.writerow(["郑金山", ids[8], "", "", "甘肃省会宁县", "木工"])
writer.writerow(["林国栋", ids[9], "139 0943 1010", "", "", "瓦工"])
writer.writerow(["宋国强", "62040319800101011", "", "", "", "杂工"])
open("workers-utf8-bom.csv", "wb").write(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))

# 3. Guarantees as an .xlsx: a merged title row, a merged two-level heading, dates as Excel serials (date
#    formatted), money as numbers, and one row whose letter ends before it starts.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "保证金台账"
ws.append(["平川区农民工工资保证金缴存台账"])
ws.merge_cells("A1:H1")
ws["A1"].font = Font(bold=True, size=14)
ws["A1"].alignment = Alignment(horizontal="center")
ws.append(["项目信息", None, None, "保证金", None, None, None, None])
ws.merge_cells("A2:C2")
ws.merge_cells("D2:H2")
ws.append(["统一社会信用代码", "施工单位", "项目名称", "缴存形式", "金额（元）", "开立银行", "生效日期", "到期日"])
import datetime
ws.append([E1, "甘肃平川建设工程有限公司", "兴平路安置小区二期", "银行保函", 500000, "中国农业银行平川支行",
           datetime.date(2023, 9, 1), datetime.date(2024, 9, 1)])
ws.append([E2, "平川区鑫源建筑安装有限公司", "王家山镇道路硬化工程", "现金", 360000.5, "甘肃银行平川支行",
           datetime.date(2024, 3, 5), None])
ws.append([E2, "平川区鑫源建筑安装有限公司", "王家山镇道路硬化工程", "保证保险", 200000, "某财产保险公司",
           datetime.date(2024, 6, 1), datetime.date(2024, 5, 1)])
for row in ws.iter_rows(min_row=4, min_col=7, max_col=8):
    for cell in row:
        cell.number_format = "yyyy/m/d"
wb.create_sheet("说明").append(["本表由区人社局每月报送"])
wb.save("guarantees-merged.xlsx")
print("employers", E1, E2)
print("ids", ids)
