"""The README's screenshots: pages of the sample database, signed in as a prosecutor, desktop and phone.
Run by scripts/screenshots.sh (which starts the service); writes docs/screenshots/*.png."""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["WAGECASE_URL"]
OUT = sys.argv[1]
PAGES = [("overview", "/"), ("clues", "/clues"), ("case", "/cases/25"), ("guarantees", "/guarantees"),
         ("clue-new", "/clues/new")]


def driver_for(width, height, phone):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                     f"--window-size={width},{height}", "--lang=zh-CN"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")),
                              options=options)
    if phone:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
    driver.get(BASE + "/login")
    driver.find_element(By.ID, "name").send_keys("screens")
    driver.find_element(By.ID, "password").send_keys(os.environ["WAGECASE_PASSWORD"])
    driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
    WebDriverWait(driver, 10).until(lambda d: "/login" not in d.current_url)
    return driver


for label, (width, height, phone) in {"desktop": (1280, 900, False), "phone": (390, 844, True)}.items():
    driver = driver_for(width, height, phone)
    try:
        for name, path in PAGES:
            driver.get(BASE + path)
            WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
            target = os.path.join(OUT, f"{name}-{label}.png")
            driver.save_screenshot(target)
            print(target)
    finally:
        driver.quit()
