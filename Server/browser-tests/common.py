"""What every browser flow shares: the headless Chromium, screenshots, the demo's facts, mail."""
import email
import email.policy
import glob
import json
import os
import subprocess
import time
from decimal import Decimal

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait


class Context:
    """The running server and where things go, from the environment the bash script sets."""

    def __init__(self):
        self.base_url = os.environ["DRV_BROWSER_BASE_URL"].rstrip("/")
        self.out_dir = os.environ["DRV_BROWSER_OUT"]
        self.mail_dir = os.environ["DRV_BROWSER_MAIL_DIR"]
        self.data_dir = os.environ["DRV_BROWSER_DATA"]
        self.tool = os.environ["DRV_BROWSER_TOOL"]
        with open(os.environ["DRV_BROWSER_DEMO"]) as source:
            self.demo = json.load(source)
        os.makedirs(self.out_dir, exist_ok=True)

    def url(self, path):
        return self.base_url + path

    def show(self, booking):
        """The booking as the library's own tool reads it from the journal (independent of the pages)."""
        output = subprocess.run(
            [self.tool, "show", "--ledger", self.data_dir, booking, "--json"],
            check=True, capture_output=True, text=True).stdout
        return json.loads(output)


def browser(language="en-GB"):
    """Headless Chromium from Debian, driven through Debian's chromedriver, phone-sized."""
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("DRV_BROWSER_CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=412,915", f"--lang={language}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    service = Service(os.environ.get("DRV_BROWSER_CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver


class Screenshots:
    """Numbered full-page screenshots of each page a flow visits."""

    def __init__(self, context, flow):
        self.directory = os.path.join(context.out_dir, flow)
        os.makedirs(self.directory, exist_ok=True)
        self.count = 0

    def take(self, driver, name):
        self.count += 1
        height = driver.execute_script("return document.body.scrollHeight") or 915
        driver.set_window_size(412, max(915, min(int(height) + 40, 6000)))
        path = os.path.join(self.directory, f"{self.count:02d}-{name}.png")
        driver.save_screenshot(path)
        driver.set_window_size(412, 915)
        return path


def submit(driver, element):
    """Clicks a button that loads a new page and waits until the new page is there."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()

    def replaced(_):
        # Chromium reports a node of an unloaded document either as stale or, racing the
        # navigation, as "does not belong to the document" (a plain WebDriverException).
        try:
            return expected_conditions.staleness_of(old)(driver)
        except WebDriverException:
            return True

    WebDriverWait(driver, 20).until(replaced)
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


def text_of(driver, element_id):
    return driver.find_element(By.ID, element_id).text.strip()


SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "JPY": "¥"}


def english_money(amount, currency):
    """An amount as the English pages write it: €1,234.50 or CHF 12.00 (no float anywhere)."""
    value = Decimal(amount)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):,}"
    symbol = SYMBOLS.get(currency)
    return f"{sign}{symbol}{text}" if symbol else f"{currency}\u00a0{sign}{text}"


def wait_for_mail(directory, predicate, timeout=20):
    """The messages in the SMTP receiver's directory that satisfy predicate, waiting for one."""
    deadline = time.time() + timeout
    while True:
        found = []
        for path in sorted(glob.glob(os.path.join(directory, "*.eml"))):
            with open(path, "rb") as source:
                message = email.message_from_binary_file(source, policy=email.policy.default)
            if predicate(message):
                found.append(message)
        if found or time.time() > deadline:
            return found
        time.sleep(0.3)


def parts(message):
    """The text and HTML bodies of a message."""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return (text.get_content() if text else ""), (html.get_content() if html else "")


class FlowFailure(AssertionError):
    pass


def check(condition, what):
    if not condition:
        raise FlowFailure(what)
    print(f"  ok  {what}")
