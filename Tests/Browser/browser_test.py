"""The web pages in a real browser (Debian's chromium + chromium-driver, driven by selenium): a prosecutor's day,
a labor clerk's draw, a viewer who can change nothing, the form token, escaping, phones at 390 px and axe-core.

Run by scripts/browser-test.sh, which starts the service on a prepared database and passes its address. Exit 1
with every failure listed."""
import datetime
import os
import sys
import time
import traceback

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import (NoAlertPresentException, NoSuchElementException, StaleElementReferenceException,
                                        WebDriverException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ["WAGECASE_URL"]
PASSWORD = os.environ["WAGECASE_PASSWORD"]
WORKER_A = os.environ["WORKER_A"]  # on an open clue of employer 1, project 1
WORKER_B = os.environ["WORKER_B"]  # on record, on no clue
TODAY = datetime.date.today().isoformat()
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


def browser(width=1280, height=900, phone=False):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--lang=zh-CN"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.set_page_load_timeout(30)
    if phone:  # a headless window is at least 500 px wide: a phone's viewport is emulated instead
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 3, "mobile": True})
    return driver


def sign_in(driver, name):
    driver.get(BASE + "/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]"))
    WebDriverWait(driver, 10).until(lambda d: "/login" not in d.current_url)
    main_text(driver)


def main_text(driver):
    """The page's main text once the page has loaded (a page replaced while it is read is read again)."""
    for _ in range(20):
        try:
            WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete"
                                            and d.find_elements(By.TAG_NAME, "main"))
            return driver.find_element(By.TAG_NAME, "main").text
        except WebDriverException as error:
            if not replaced(error):
                raise
            time.sleep(0.1)
    return driver.find_element(By.TAG_NAME, "main").text


def replaced(error):
    """Whether an error only says the element's page is being replaced: chromedriver reports it either as a stale
    element or, while the new document is attached, as an inspector error about a node of another document."""
    return isinstance(error, StaleElementReferenceException) or (
        isinstance(error, WebDriverException) and "does not belong to the document" in str(error))


def page_gone(old):
    def gone(_):
        try:
            old.is_enabled()
            return False
        except WebDriverException as error:
            if replaced(error):
                return True
            raise
    return gone


def submit(driver, element):
    """Clicks a button that sends a form and waits for the page that answers it (the old one gone)."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 15).until(page_gone(old))


def figure(driver, label):
    """The current-period value of a figure row on the overview."""
    for row in driver.find_elements(By.CSS_SELECTOR, "main table tbody tr"):
        cells = row.find_elements(By.TAG_NAME, "td")
        if cells and cells[0].text.strip() == label:
            return cells[1].text.strip()
    return None


def post_forms(driver):
    return [f.get_attribute("action").replace(BASE, "") for f in driver.find_elements(By.CSS_SELECTOR, "form[method=post]")]


def prosecutor_day():
    driver = browser()
    try:
        sign_in(driver, "web-prosecutor")
        check(driver.current_url.rstrip("/") == BASE, "a prosecutor signs in and lands on the overview")
        before = figure(driver, "挽回损失")
        check(before is not None, "the overview shows the week's recovered amount")

        # A clue with two workers; the second row is added by the page's script.
        driver.get(BASE + "/clues/new")
        Select(driver.find_element(By.ID, "source")).select_by_value("legal-aid")
        employer = driver.find_element(By.ID, "employer")
        employer.send_keys("91620403MA71ABCD0L")
        check("不是有效的统一社会信用代码" in driver.find_element(By.ID, "employer-check").text,
              "a mistyped credit code is flagged as it is typed")
        employer.clear()
        employer.send_keys("91620403MA71ABCD0K")
        check("校验码正确" in driver.find_element(By.ID, "employer-check").text, "a right credit code is confirmed")
        driver.find_element(By.ID, "project").send_keys("兴平路安置小区二期")
        driver.find_element(By.ID, "id-number-0").send_keys(WORKER_A[:-1] + ("0" if WORKER_A[-1] != "0" else "1"))
        check("不是有效的身份证号" in driver.find_element(By.ID, "id-number-0-check").text,
              "a mistyped ID number is flagged as it is typed")
        field = driver.find_element(By.ID, "id-number-0")
        field.clear()
        field.send_keys(WORKER_A)
        check("校验码正确" in driver.find_element(By.ID, "id-number-0-check").text, "a right ID number is confirmed")
        driver.find_element(By.ID, "claimed-0").send_keys("3.8万")
        driver.find_element(By.ID, "add-worker").click()
        driver.find_element(By.ID, "id-number-1").send_keys(WORKER_B)
        driver.find_element(By.ID, "claimed-1").send_keys("12000")
        driver.find_element(By.CSS_SELECTOR, "form[action='/clues/new'] button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "duplicate-choice").is_displayed())
        check("该欠薪已登记为线索" in main_text(driver) and "/clues/new" in driver.current_url,
              "the page's script warns of the arrears on record before submitting")
        check("该欠薪似乎已有登记" in main_text(driver), "the duplicate warning offers merge or keep-both")
        driver.find_element(By.ID, "dup-merge").click()
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/clues/new'] button[type=submit]"))
        check("/clues/" in driver.current_url and "已并入已登记的线索" in main_text(driver),
              "merging records the legal-aid channel on the clue already on record")
        clue_url = driver.current_url.split("?")[0]
        check("法律援助" in main_text(driver) and "38,000.00元" in main_text(driver) and "12,000.00元" in main_text(driver),
              "the clue names both workers and both channels")

        # Screen, open cases (a series), settle one, record money.
        submit(driver, driver.find_element(By.XPATH, "//form[contains(@action,'/screen')]//button"))
        driver.get(clue_url)
        driver.find_element(By.ID, "series").send_keys("浏览器测试班组")
        submit(driver, driver.find_element(By.XPATH, "//form[contains(@action,'/open')]//button"))
        check("已立案" in main_text(driver), "cases are opened from the clue")
        driver.get(clue_url)
        submit(driver, driver.find_element(By.XPATH, "//main//a[starts-with(@href,'/cases/')]"))
        case_url = driver.current_url
        buttons = [b.get_attribute("value") for b in driver.find_elements(By.CSS_SELECTOR, "button[name=to]")]
        check(buttons == ["investigating", "settled"], f"only the allowed next stages are buttons ({buttons})")
        driver.find_element(By.ID, "advance-note").send_keys("双方达成检察和解")
        submit(driver, driver.find_element(By.CSS_SELECTOR, "button[name=to][value=settled]"))
        check("检察和解" in main_text(driver) and "案件已进入新环节" in main_text(driver), "the case is settled")
        driver.find_element(By.ID, "amount").send_keys("5000")
        driver.find_element(By.ID, "payer").send_keys("甘肃平川建设工程有限公司")
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form#record-recovery button"))
        text = main_text(driver)
        check("追回款项已登记" in text and "5,000.00元" in text, "the recovery is recorded on the case")
        driver.get(BASE + "/")
        after = figure(driver, "挽回损失")
        check(after is not None and after != before, f"the overview's recovered figure changes ({before} → {after})")

        # Evidence from a file or a phone's camera, and a document previewed, then made in one click.
        photo = os.path.join(os.environ.get("TMPDIR", "/tmp"), "wagecase-browser-iou.jpg")
        with open(photo, "wb") as f:
            f.write(b"\xff\xd8\xff\xe0" + b"\x11" * 300 + b"\xff\xd9")
        driver.get(case_url)
        # image/* lets a phone offer its camera beside its files (capture= would take the files away).
        check("image/*" in driver.find_element(By.ID, "evidenceFile").get_attribute("accept"),
              "the evidence upload offers a phone's camera and its files")
        Select(driver.find_element(By.ID, "evidenceKind")).select_by_value("iou")
        driver.find_element(By.ID, "evidenceFile").send_keys(photo)
        driver.find_element(By.ID, "evidenceNote").send_keys("包工头签字的欠条")
        submit(driver, driver.find_element(By.XPATH, "//form[@enctype='multipart/form-data']//button"))
        text = main_text(driver)
        check("证据材料已存入案件" in text and "wagecase-browser-iou.jpg" in text and "欠条" in text,
              "evidence is kept with the case from its page" + ("" if "证据材料已存入案件" in text else "\n       " + text.replace("\n", " ")[:300]))
        program = os.path.join(os.environ.get("TMPDIR", "/tmp"), "wagecase-browser-photo.jpg")
        with open(program, "wb") as f:
            f.write(b"MZ\x90\x00 a program named as a photo")
        driver.find_element(By.ID, "evidenceFile").send_keys(program)
        submit(driver, driver.find_element(By.XPATH, "//form[@enctype='multipart/form-data']//button"))
        text = main_text(driver)
        check("材料未存入" in text and "不是证据材料允许的文件类型" in text,
              "a program named as a photo is refused beside the upload, in Chinese")
        tabs = driver.window_handles
        driver.find_element(By.XPATH, "//button[@formaction and @value='acceptance-notice']").click()
        WebDriverWait(driver, 10).until(lambda d: len(d.window_handles) > len(tabs))
        driver.switch_to.window([h for h in driver.window_handles if h not in tabs][0])
        WebDriverWait(driver, 10).until(lambda d: "（文号待定）" in d.find_element(By.TAG_NAME, "body").text)
        body = driver.find_element(By.TAG_NAME, "body").text
        check("受理通知书" in body and "（文号待定）" in body, "the preview shows the document unnumbered, in a new tab")
        driver.close()
        driver.switch_to.window(tabs[0])
        driver.get(case_url)
        submit(driver, driver.find_element(By.CSS_SELECTOR, "button[name=kind][value=acceptance-notice]"))
        text = main_text(driver)
        check("文书已制作" in text and "受〔" in text, "a document is made, numbered and listed in one click"
              + ("" if "文书已制作" in text else "\n       " + text.replace("\n", " ")[:300]))

        # The form token: a changed token is refused and changes nothing.
        driver.get(case_url)
        driver.execute_script("document.querySelectorAll('input[name=_csrf]').forEach(e => e.value = 'forged')")
        driver.find_element(By.ID, "amount").send_keys("1")
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form#record-recovery button"))
        check("表单已失效" in main_text(driver), "a form with a forged token is refused")
        driver.get(case_url)
        check(main_text(driver).count("5,000.00元") >= 1 and "5,001.00元" not in main_text(driver),
              "the refused form changed nothing")

        # Escaping: a worker named <script>… shows as text and runs nothing.
        driver.get(BASE + "/clues?lang=zh")
        driver.get(os.environ["SCRIPT_CLUE_URL"].replace("BASE", BASE))
        try:
            driver.switch_to.alert
            check(False, "a worker named <script>alert(1)</script> runs no script")
        except NoAlertPresentException:
            check("<script>alert(1)</script>" in main_text(driver), "a worker named <script>alert(1)</script> shows as text")
        # An import through the page: checked row by row, then confirmed.
        upload = os.path.join(os.environ.get("TMPDIR", "/tmp"), "wagecase-browser-workers.csv")
        with open(upload, "w", encoding="utf-8") as f:
            f.write("姓名,身份证号\n孙浏览,11010519491231002X\n李浏览,440524188001010015\n周浏览,620403198203136761\n")
        driver.get(BASE + "/import")
        Select(driver.find_element(By.ID, "kind")).select_by_value("workers")
        driver.find_element(By.ID, "file").send_keys(upload)
        driver.find_element(By.ID, "skip-invalid").click()
        submit(driver, driver.find_element(By.XPATH, "//form[@action='/import']//button"))
        text = main_text(driver)
        check("逐行问题" in text and "校验" in text, "the import page reports the bad row before anything is written")
        submit(driver, driver.find_element(By.XPATH, "//form[@action='/import/confirm']//button"))
        check("导入已完成并记录" in main_text(driver), "confirming imports the valid rows")
        audit_pages(driver, "prosecutor", [BASE + "/", BASE + "/clues", BASE + "/clues/new", clue_url, BASE + "/cases",
                                           case_url, BASE + "/guarantees", BASE + "/workers", BASE + "/workers/1",
                                           BASE + "/employers", BASE + "/employers/1", BASE + "/projects/1",
                                           BASE + "/suggestions", BASE + "/suggestions/1", BASE + "/digest", BASE + "/leads", BASE + "/leads/1",
                                           BASE + "/digest?month=2024-09", BASE + "/import", BASE + "/leads", BASE + "/leads/1"])
    finally:
        driver.quit()


def labor_draw():
    driver = browser()
    try:
        sign_in(driver, "web-labor")
        driver.get(BASE + "/guarantees")
        link = driver.find_element(By.XPATH, "//section[@aria-labelledby='calendar-heading']//a")
        check("BH-BROWSER-001" in main_text(driver), "the letter ending soon is on the board's calendar")
        submit(driver, link)
        Select(driver.find_element(By.ID, "kind")).select_by_value("drawn")
        driver.find_element(By.ID, "event-amount").send_keys("20000")
        driver.find_element(By.ID, "notice-number").send_keys("平人社保支〔2026〕1号")
        submit(driver, driver.find_element(By.XPATH, "//form[contains(@action,'/events')]//button"))
        text = main_text(driver)
        check("保证金事项已登记" in text and "20,000.00元" in text, "a labor clerk records a draw on the letter"
              + ("" if "保证金事项已登记" in text else "\n       " + text.replace("\n", " ")[:400]))
        driver.get(BASE + "/cases")
        check("无权办理" in main_text(driver), "labor staff see no case files")
        audit_pages(driver, "labor", [BASE + "/", BASE + "/guarantees", driver.current_url])
    finally:
        driver.quit()


def joint_work():
    """The lead department's clerk and the labor bureau's staff at their desks (府检联动)."""
    driver = browser()
    try:
        sign_in(driver, "web-prosecutor")
        driver.get(BASE + "/joint")
        text = main_text(driver)
        check("平川区人社局" in text and "平川区住建局" in text and "逾期任务" in text,
              "the overview names every unit with its overdue tasks")
        driver.get(BASE + "/referrals")
        Select(driver.find_element(By.ID, "add-from")).select_by_visible_text("12345热线")
        Select(driver.find_element(By.ID, "add-to")).select_by_visible_text("民事检察部")
        driver.find_element(By.ID, "add-subject").send_keys("来电反映工地欠薪")
        submit(driver, driver.find_element(By.XPATH, "//form[@action='/referrals' and @method='post']//button"))
        text = main_text(driver)
        check("移送事项已登记" in text and "来电反映工地欠薪" in text, "a referral is recorded through the register's form"
              + ("" if "移送事项已登记" in text else "\n       " + text.replace("\n", " ")[:400]))
        referral_url = driver.current_url.split("?")[0]
        driver.get(BASE + "/tasks")
        check("清理在建项目保证金" in main_text(driver) and "逾期" in main_text(driver), "the board shows the overdue task")
        audit_pages(driver, "prosecutor", [BASE + "/joint", BASE + "/referrals", referral_url, BASE + "/tasks",
                                           BASE + "/tasks/1", BASE + "/meetings", BASE + "/meetings/1", BASE + "/units/2"])
    finally:
        driver.quit()
    driver = browser()
    try:
        sign_in(driver, "web-labor")
        driver.get(BASE + "/joint")
        check(driver.current_url.endswith("/units/2"), "labor staff are taken to their unit's desk")
        driver.find_element(By.ID, "report-text").send_keys("本月清理在建项目12个，督促补缴保证金3笔")
        submit(driver, driver.find_element(By.XPATH, "//form[contains(@action,'/reports')]//button"))
        text = main_text(driver)
        check("月度工作进展已报送" in text and "督促补缴保证金3笔" in text, "the labor bureau submits its month's report")
        driver.get(BASE + "/referrals")
        check("12345转12309" not in main_text(driver), "labor staff do not see the procuratorate's referrals")
        audit_pages(driver, "labor", [BASE + "/units/2", BASE + "/referrals", BASE + "/referrals/1", BASE + "/tasks/1"])
    finally:
        driver.quit()


def viewer_reads():
    driver = browser()
    try:
        sign_in(driver, "web-viewer")
        for path in ["/", "/clues", "/clues/1", "/cases", "/cases/1", "/guarantees", "/guarantees/1", "/workers",
                     "/workers/1", "/employers", "/employers/1", "/projects/1", "/suggestions", "/suggestions/1",
                     "/digest", "/leads", "/leads/1", "/joint", "/referrals", "/referrals/1", "/tasks", "/tasks/1",
                     "/meetings", "/meetings/1", "/units/2"]:
            driver.get(BASE + path)
            check(post_forms(driver) == ["/logout"], f"a viewer finds nothing to change on {path}")
    finally:
        driver.quit()


def admin_tools():
    driver = browser()
    try:
        sign_in(driver, "web-admin")
        driver.get(BASE + "/audit")
        check("审计日志" in driver.title and "新增" in main_text(driver), "an administrator reads the audit log in Chinese")
        driver.get(BASE + "/cases")
        check("无权办理" in main_text(driver), "an administrator sees no case files")
        audit_pages(driver, "admin", [BASE + "/", BASE + "/audit", BASE + "/users"])
    finally:
        driver.quit()


def phone_width():
    driver = browser(390, 844, phone=True)
    try:
        sign_in(driver, "web-viewer")
        for path in ["/", "/clues", "/clues/1", "/cases", "/cases/1", "/guarantees", "/guarantees/1", "/workers",
                     "/workers/1", "/employers", "/employers/1", "/projects/1", "/suggestions", "/suggestions/1",
                     "/digest", "/digest?month=2024-09", "/leads", "/leads/1", "/joint", "/referrals", "/referrals/1",
                     "/tasks", "/tasks/1", "/meetings", "/meetings/1", "/units/2", "/login"]:
            driver.get(BASE + path)
            wide = driver.execute_script("return document.documentElement.scrollWidth")
            inner = driver.execute_script("return window.innerWidth")
            check(wide <= inner, f"{path} fits 390 px without sideways scrolling ({wide} ≤ {inner})")
    finally:
        driver.quit()


def audit_pages(driver, who, urls):
    for url in urls:
        driver.get(url)
        axe = Axe(driver)
        axe.inject()
        results = axe.run()
        bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        check(not bad, f"axe finds no serious or critical violation on {url.replace(BASE, '')} ({who})"
              + "".join(f"\n       {v['id']}: {v['help']} ({len(v['nodes'])})" for v in bad))


if __name__ == "__main__":
    started = time.time()
    for step in (prosecutor_day, labor_draw, joint_work, viewer_reads, admin_tools, phone_width):
        try:
            step()
        except Exception as error:  # a missing element is a failure of the page, reported with the step
            check(False, f"{step.__name__}: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
            traceback.print_exc(limit=-3)  # the test's own lines that led to it
    print(f"{len(failures)} failure(s) in {time.time() - started:.1f} s")
    sys.exit(1 if failures else 0)
