/// The portal's page templates (Mustache, HTML-escaped by default). Every form carries the
/// session's CSRF token; every field has a label; no script.
enum PortalTemplates {
    static let all: [String: String] = ["login": login, "link": link, "booking": booking]

    static let login = """
        <h1>{{t.loginHeading}}</h1>
        <form method="post" action="/portal" class="card">
        <p>{{t.loginIntro}}</p>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="reference">{{t.reference}}</label>
        <input type="text" id="reference" name="reference" autocomplete="off" autocapitalize="characters" maxlength="64" required value="{{reference}}">
        <label for="email">{{t.email}}</label>
        <input type="email" id="email" name="email" autocomplete="email" maxlength="254" required value="{{email}}">
        <button type="submit" id="login">{{t.login}}</button>
        </form>

        """

    static let link = """
        <h1>{{t.linkTitle}}</h1>
        <form method="post" action="/portal/link" class="card">
        <p>{{t.linkIntro}}</p>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="token" value="{{token}}">
        <button type="submit" id="open">{{t.linkButton}}</button>
        </form>

        """

    static let booking = """
        <h1>{{t.bookingTitle}} {{reference}}</h1>
        <section aria-labelledby="travel">
        <h2 id="travel">{{t.travel}}</h2>
        <dl>
        <dt>{{t.departure}}</dt><dd id="departure">{{departure}}</dd>
        {{#returnDate}}<dt>{{t.return}}</dt><dd id="return">{{returnDate}}</dd>{{/returnDate}}
        <dt>{{t.state}}</dt><dd>{{state}}</dd>
        <dt>{{t.leadPassenger}}</dt><dd id="lead">{{lead}}</dd>
        <dt>{{t.travellers}}</dt><dd><ul id="travellers">{{#travellers}}<li>{{.}}</li>{{/travellers}}</ul></dd>
        </dl>
        <h2>{{t.services}}</h2>
        {{#hasServices}}<ul id="services">{{#services}}<li class="service"><strong>{{kind}}</strong>{{#code}} <span class="hint">{{code}}</span>{{/code}}
        {{#description}}<br>{{description}}{{/description}}{{#dates}}<br>{{dates}}{{/dates}}{{#for}}<br>{{t.servicesFor}}: {{for}}{{/for}}</li>{{/services}}</ul>{{/hasServices}}
        {{^services}}<p class="hint">{{t.noServices}}</p>{{/services}}
        </section>
        <section aria-labelledby="money">
        <h2 id="money">{{t.money}}</h2>
        <dl>
        <dt>{{t.totalPrice}}</dt><dd id="total-price">{{totalPrice}}</dd>
        {{#fees}}<dt>{{t.fees}}</dt><dd id="fees">{{fees}}</dd>{{/fees}}
        <dt>{{t.paid}}</dt><dd id="paid">{{paid}}</dd>
        <dt>{{remainingLabel}}</dt><dd id="remaining" class="total">{{remaining}}</dd>
        </dl>
        {{#canPay}}
        <form method="post" action="/portal/pay">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="target" value="balance">
        <button type="submit" id="pay-balance">{{t.payBalance}}: {{uncovered}}</button>
        </form>
        {{/canPay}}
        {{^canPay}}{{#settledUp}}<p class="notice">{{t.nothingToPay}}</p>{{/settledUp}}{{/canPay}}
        <h3>{{t.paymentsMade}}</h3>
        {{#hasPayments}}
        <table id="payments">
        <thead><tr><th scope="col">{{t.date}}</th><th scope="col" class="amount">{{t.amount}}</th><th scope="col">{{t.status}}</th></tr></thead>
        <tbody>{{#payments}}<tr><td>{{date}}</td><td class="amount">{{amount}}</td><td>{{status}}</td></tr>{{/payments}}</tbody>
        </table>
        {{/hasPayments}}
        {{^payments}}<p class="hint">{{t.noPayments}}</p>{{/payments}}
        </section>
        <section aria-labelledby="schedule">
        <h2 id="schedule">{{t.schedule}}</h2>
        <table id="instalments">
        <thead><tr><th scope="col">{{t.due}}</th><th scope="col" class="amount">{{t.amount}}</th><th scope="col" class="amount">{{t.stillOpen}}</th><th scope="col">{{t.approval}}</th></tr></thead>
        <tbody>{{#schedule}}<tr id="instalment-{{id}}"><td>{{due}} <span class="hint">{{scope}}</span></td><td class="amount">{{amount}}</td><td class="amount">{{remaining}}{{#overdue}} <span class="hint">({{t.overdue}})</span>{{/overdue}}</td>
        <td>{{#approved}}{{t.approved}}
        <form method="post" action="/portal/withdraw"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="schedule" value="{{id}}"><button type="submit" class="secondary" id="withdraw-{{id}}">{{t.withdraw}}</button></form>{{/approved}}
        {{^approved}}{{#open}}
        <form method="post" action="/portal/pay"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="target" value="{{id}}"><button type="submit" id="pay-{{id}}">{{t.payThis}}</button></form>
        {{#hasCard}}<form method="post" action="/portal/approve"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="schedule" value="{{id}}"><button type="submit" class="secondary" id="approve-{{id}}">{{t.approve}}</button></form>{{/hasCard}}
        {{/open}}{{^open}}{{t.settledState}}{{/open}}{{/approved}}</td></tr>{{/schedule}}</tbody>
        </table>
        </section>
        <section aria-labelledby="card">
        <h2 id="card">{{t.card}}</h2>
        <p class="hint">{{t.approveExplain}}</p>
        {{#card}}<p>{{t.cardOnFile}}: <span id="card-mask">{{card}}</span></p>{{/card}}
        {{^card}}<p>{{t.noCard}}</p>{{/card}}
        {{#canApprove}}
        <form method="post" action="/portal/approve"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="schedule" value="all"><button type="submit" id="approve-all">{{t.approveAll}}</button></form>
        {{/canApprove}}
        {{#canAddCard}}
        <form method="post" action="/portal/card"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary" id="add-card">{{t.addCard}}</button></form>
        {{/canAddCard}}
        </section>

        """
}
