"""Staff browser flow of the back office (issue 14), in headless Chromium through WebDriver.

A staff member logs in, filters the unpaid list by seller, uploads a bank statement whose
credit matches no booking, assigns that unregistered payment to a booking (which overpays it),
releases the booking's money and refunds it after the confirmation step. A screenshot of every
page goes to Server/.build-browser/admin-*.png.

Run: python3 Server/browser-tests/test_admin_flow.py   (or pytest)
Needs: Debian's chromium and chromium-driver, PyPI selenium, and a built server
(DRV_SERVER_BINARY, default Server/.build/debug/drv-payments-server).
"""

import os
import re
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER_DIR = os.path.dirname(HERE)
SHOTS = os.path.join(SERVER_DIR, ".build-browser")
BINARY = os.environ.get("DRV_SERVER_BINARY", os.path.join(SERVER_DIR, ".build", "debug", "drv-payments-server"))

CAMT = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>\
<GrpHdr><MsgId>BROWSER-1</MsgId><CreDtTm>2026-11-23T22:00:00Z</CreDtTm></GrpHdr>\
<Stmt><Id>BROWSER-STMT-1</Id><CreDtTm>2026-11-23T22:00:00Z</CreDtTm>\
<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>\
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0</Amt><CdtDbtInd>CRDT</CdtDbtInd>\
<Dt><Dt>2026-11-23</Dt></Dt></Bal>
<Ntry><NtryRef>1</NtryRef><Amt Ccy="EUR">9999.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>\
<BookgDt><Dt>2026-11-23</Dt></BookgDt><ValDt><Dt>2026-11-23</Dt></ValDt><AcctSvcrRef>BROWSER-N-1</AcctSvcrRef>\
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls>\
<TxDtls><Refs><AcctSvcrRef>BROWSER-T-1</AcctSvcrRef><EndToEndId>E2E-BROWSER</EndToEndId></Refs>\
<AmtDtls><TxAmt><Amt Ccy="EUR">9999.00</Amt></TxAmt></AmtDtls>\
<RltdPties><Dbtr><Nm>Browser Payer</Nm></Dbtr><DbtrAcct><Id><IBAN>DE44500105175407324931</IBAN></Id></DbtrAcct></RltdPties>\
<RmtInf><Ustrd>payment without a reference</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>
"""


def start_server(data):
    env = dict(os.environ, DRV_SERVER_SCHEDULER="0")
    process = subprocess.Popen(
        [BINARY, "--demo", "--port", "0", "--data", data], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, env=env)
    lines, base, login = [], None, None
    deadline = time.time() + 60
    while time.time() < deadline and (base is None or login is None):
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        found = re.search(r"listening on (http://[0-9.]+:[0-9]+)", line)
        if found:
            base = found.group(1)
        found = re.match(r"\s+finance / (\S+)\s+\(financial\)", line)
        if found:
            login = ("finance", found.group(1))
    if base is None or login is None:
        process.kill()
        raise RuntimeError("the server did not start:\n" + "".join(lines))
    return process, base, login


def browser():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def shot(driver, name):
    os.makedirs(SHOTS, exist_ok=True)
    driver.save_screenshot(os.path.join(SHOTS, "admin-%s.png" % name))


def wait_for(driver, condition, what):
    """Waits up to 30 s for the page a click leads to (a click may return before it has loaded);
    fails with the page's text."""
    try:
        WebDriverWait(driver, 30).until(condition)
    except Exception:
        text = driver.find_element(By.TAG_NAME, "body").text[:2000]
        raise AssertionError("%s; at %s:\n%s" % (what, driver.current_url, text)) from None


def test_staff_flow():
    with tempfile.TemporaryDirectory() as data:
        process, base, (name, password) = start_server(os.path.join(data, "ledger"))
        driver = browser()
        try:
            # Log in.
            driver.get(base + "/admin")
            assert driver.current_url.endswith("/admin/login")
            shot(driver, "01-login")
            driver.find_element(By.ID, "f-name").send_keys(name)
            driver.find_element(By.ID, "f-password").send_keys(password)
            driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            wait_for(driver, lambda d: d.current_url.endswith("/admin"), "the dashboard after the login")
            assert driver.find_elements(By.CSS_SELECTOR, "svg[role=img]"), "the dashboard shows charts"
            shot(driver, "02-dashboard")

            # Filter the unpaid list by seller.
            driver.get(base + "/admin/unpaid")
            all_rows = len(driver.find_elements(By.CSS_SELECTOR, "main table tbody tr"))
            sellers = [o.get_attribute("value") for o in Select(driver.find_element(By.ID, "f-seller")).options][1:]
            booking = None
            for chosen in sellers:
                Select(driver.find_element(By.ID, "f-seller")).select_by_value(chosen)
                driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
                wait_for(driver, lambda d: "seller=" in d.current_url, "the filtered unpaid list")
                rows = driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")
                assert len(rows) < all_rows
                for row in rows:
                    assert row.find_elements(By.TAG_NAME, "td")[1].text == chosen
                euro = [row for row in rows if row.find_elements(By.TAG_NAME, "td")[8].text == "EUR"]
                if euro:
                    booking = euro[0].find_elements(By.TAG_NAME, "td")[0].text
                    shot(driver, "03-unpaid-filtered")
                    break
            assert booking, "a seller with an unpaid booking in EUR"

            # Upload a statement with a credit that matches no booking.
            driver.get(base + "/admin/bank-statements")
            statement = os.path.join(data, "statement.xml")
            with open(statement, "w") as handle:
                handle.write(CAMT)
            driver.find_element(By.ID, "f-statement").send_keys(statement)
            driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            wait_for(driver, lambda d: "Import report" in d.page_source, "the bank statement's import report")
            shot(driver, "04-bank-import")

            # Assign it to the booking.
            driver.get(base + "/admin/unregistered")
            shot(driver, "05-unregistered")
            field = driver.find_element(By.ID, "assign-BROWSER-T-1")
            field.send_keys(booking)
            field.find_element(By.XPATH, "./ancestor::form").find_element(By.TAG_NAME, "button").click()
            wait_for(
                driver, lambda d: d.current_url.endswith("/admin/bookings/" + booking)
                and "assigned to booking " + booking in d.page_source, "the booking page after the assignment")
            shot(driver, "06-booking-assigned")

            # Release, then refund with the confirmation step.
            driver.find_element(By.XPATH, "//button[normalize-space()='Release payment']").click()
            wait_for(driver, lambda d: "Payment released." in d.page_source, "the release")
            driver.find_element(By.XPATH, "//a[starts-with(normalize-space(), 'Refund ')]").click()
            wait_for(driver, lambda d: d.current_url.endswith("/refund"), "the refund's confirmation step")
            shot(driver, "07-refund-confirm")
            driver.find_element(By.XPATH, "//button[normalize-space()='Confirm refund']").click()
            wait_for(
                driver, lambda d: d.current_url.endswith("/admin/bookings/" + booking)
                and re.search(r"Refund R1 of [0-9.]+ EUR: Requested", d.page_source), "the refund")
            shot(driver, "08-refunded")

            driver.get(base + "/admin/refunds")
            assert booking in driver.page_source
            shot(driver, "09-pending-refunds")
        finally:
            driver.quit()
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    test_staff_flow()
    print("admin browser flow: passed")


def run(context):
    """The entry point `run.py` calls for every `*_flow.py`: the staff flow starts its own demo
    server (the scheduler off) on a temporary ledger, so it needs nothing of `context`."""
    test_staff_flow()
