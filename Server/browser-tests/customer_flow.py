"""The customer flow of issue 14: log in both ways, see the right figures, pay the balance through
the hosted payment page, approve all instalments, find the receipts in the SMTP receiver.

The demo's first customer pays the balance; the second opens the booking with a magic link made
by `drv-payments portal-link` and approves every scheduled payment with a card it saves first.
"""
from decimal import Decimal

from selenium.webdriver.common.by import By

from common import Screenshots, browser, check, english_money, parts, submit, text_of, wait_for_mail

CARD = ("Max Muster", "4111 1111 1111 1111", "08/37", "123")


def fill_card(driver, shots, name):
    check("/psp/pay" in driver.current_url, "the hosted payment page holds the card form")
    shots.take(driver, name)
    driver.find_element(By.ID, "holder").send_keys(CARD[0])
    driver.find_element(By.ID, "number").send_keys(CARD[1])
    driver.find_element(By.ID, "expiry").send_keys(CARD[2])
    driver.find_element(By.ID, "cvc").send_keys(CARD[3])
    submit(driver, driver.find_element(By.ID, "submit"))


def run(context):
    first, second = context.demo["customers"][0], context.demo["customers"][1]
    driver = browser()
    shots = Screenshots(context, "customer")
    try:
        # 1. Log in with booking reference and email.
        driver.get(context.url("/portal"))
        shots.take(driver, "login")
        check(driver.find_element(By.CSS_SELECTOR, "label[for=reference]").is_displayed(), "the login form has labels")
        driver.find_element(By.ID, "reference").send_keys(first["booking"])
        driver.find_element(By.ID, "email").send_keys("wrong@example.com")
        submit(driver, driver.find_element(By.ID, "login"))
        check("could not find a booking" in driver.page_source, "a wrong email is refused")
        shots.take(driver, "login-refused")
        driver.find_element(By.ID, "email").clear()
        driver.find_element(By.ID, "email").send_keys(first["email"].upper())
        submit(driver, driver.find_element(By.ID, "login"))
        check(driver.current_url.endswith("/portal/booking"), "reference and email open the booking")
        shots.take(driver, "booking")

        # 2. The right figures, against the library's own reading of the journal.
        shown = context.show(first["booking"])
        currency = shown["booking"]["currency"]
        overview = shown["overview"]
        check(text_of(driver, "total-price") == english_money(overview["totalPrice"], currency),
              f"total price {text_of(driver, 'total-price')}")
        check(text_of(driver, "paid") == english_money(overview["paid"], currency), f"paid {text_of(driver, 'paid')}")
        check(text_of(driver, "remaining") == english_money(overview["open"], currency),
              f"remaining {text_of(driver, 'remaining')}")
        # The demo's package services: flight out, hotel with board, transfer, flight back.
        services = [item.find_element(By.TAG_NAME, "strong").text
                    for item in driver.find_elements(By.CSS_SELECTOR, "#services li.service")]
        check(services == ["Flight", "Hotel", "Transfer", "Flight"], f"booked services {services}")
        rows = driver.find_elements(By.CSS_SELECTOR, "#instalments tbody tr")
        check(len(rows) == len(shown["schedule"]), f"{len(rows)} scheduled payments listed")
        for row, entry in zip(rows, shown["schedule"]):
            check(english_money(entry["amount"], currency) in row.text, f"instalment {entry['id']} amount")
        driver.get(context.url("/portal/booking?lang=de"))
        check("Reisepreis" in driver.page_source, "the page switches to German")
        shots.take(driver, "booking-de")
        driver.get(context.url("/portal/booking?lang=en"))

        # 3. Pay the balance through the hosted payment page.
        submit(driver, driver.find_element(By.ID, "pay-balance"))
        fill_card(driver, shots, "hosted-payment-page")
        check(driver.current_url.endswith("/portal/booking"), "the payment page returns to the booking")
        check("your payment has been received" in driver.page_source, "the portal confirms the payment")
        shots.take(driver, "paid")
        after = context.show(first["booking"])
        check(Decimal(after["overview"]["open"]) == 0, "the ledger has nothing left open")
        check(len(after["payments"]) == len(shown["payments"]) + 1, "exactly one payment was entered")
        # Replaying the return address does not pay twice.
        driver.back()
        driver.back()
        driver.get(context.url("/portal/booking"))
        check(len(context.show(first["booking"])["payments"]) == len(after["payments"]), "going back pays nothing more")
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form.logout button"))
        check(driver.current_url.endswith("/portal"), "logout returns to the login")
        shots.take(driver, "logged-out")

        # 4. Log in with a magic link (drv-payments portal-link) and approve all instalments.
        driver.get(context.demo["magicLink"])
        shots.take(driver, "magic-link")
        submit(driver, driver.find_element(By.ID, "open"))
        check(driver.current_url.endswith("/portal/booking"), "the magic link opens the booking")
        check(second["booking"] in driver.page_source, "it is the linked booking")
        submit(driver, driver.find_element(By.ID, "add-card"))
        fill_card(driver, shots, "save-card")
        check("card has been saved" in driver.page_source, "the card is stored")
        shots.take(driver, "card-saved")
        submit(driver, driver.find_element(By.ID, "approve-all"))
        check("Scheduled payments approved" in driver.page_source, "every instalment is approved")
        shots.take(driver, "approved")
        approved = driver.find_elements(By.XPATH, "//table[@id='instalments']//button[starts-with(@id,'withdraw-')]")
        check(len(approved) >= 1, f"{len(approved)} approvals shown with a withdraw button")

        # The same link a second time opens nothing.
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form.logout button"))
        driver.get(context.demo["magicLink"])
        submit(driver, driver.find_element(By.ID, "open"))
        check("expired or has been used" in driver.page_source, "a used magic link is refused")
        shots.take(driver, "magic-link-reused")
    finally:
        driver.quit()

    # 5. The receipts in the SMTP receiver.
    if not context.demo.get("mail"):
        print("  --  receipts not checked: this server has no mail path (Server/README.md, \"Receipts\")")
        return
    for customer, what in ((first, "payment"), (second, "approval")):
        found = wait_for_mail(context.mail_dir, lambda m, c=customer: c["email"].lower() in str(m["To"]).lower()
                              and c["booking"] in str(m["Subject"]) + parts(m)[0])
        check(found, f"a {what} receipt reached {customer['email']}")
        text, html = parts(found[-1])
        check(customer["booking"] in text and customer["booking"] in html, f"the {what} receipt names the booking")
