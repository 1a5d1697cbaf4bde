import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// `drv-payments card store|list|remove --ledger DIR BOOKING ...`: the cards kept on a booking
/// for autopay, as the gateway's tokens with masks.
struct CardCommand: Equatable {
    /// What to do.
    enum Action: Equatable {
        /// Tokenise the card read from standard input and store it.
        case store(expiry: XMLYearMonth, cardType: String, holder: String?, kind: StoredCard.Kind)
        /// List the stored cards.
        case list(json: Bool)
        /// Remove a stored card.
        case remove(cardId: Identifier)
    }

    /// The ledger.
    var ledger: LedgerLocation
    /// The booking.
    var bookingId: Identifier
    /// What to do.
    var action: Action

    /// The command line and help of `card`.
    static let spec = CommandSpec(
        name: "card",
        abstract: "Store a guest or virtual card on a booking for autopay (as a token), list or remove them.",
        operandsUsage: "store BOOKING | list BOOKING | remove BOOKING CARD",
        operandHelp: [
            ("store", "Tokenise the card whose number is on standard input and store it (C1, C2, ...)."),
            ("list", "List the booking's stored cards."),
            ("remove", "Remove the stored card CARD."),
        ],
        options: [
            LedgerLocation.ledgerOption,
            OptionSpec("card", valueName: "-", help: "store: '-', and the card number on standard input."),
            OptionSpec("expiry", valueName: "YYYY-MM", help: "store: the last month of validity."),
            OptionSpec("card-type", valueName: "TYPE", help: "store: the scheme when the gateway names none (VISA)."),
            OptionSpec("holder", valueName: "NAME", help: "store: the card holder."),
            OptionSpec("virtual", help: "store: a reseller's virtual card, charged by reseller autopay on arrival."),
            OptionSpec("valid-from", valueName: "YYYY-MM-DD", help: "store --virtual: first day it may be charged."),
            OptionSpec("valid-until", valueName: "YYYY-MM-DD", help: "store --virtual: last day it may be charged."),
            OptionSpec("limit", valueName: "AMOUNT", help: "store --virtual: the most it may be charged."),
            OptionSpec("json", help: "list: print stable JSON."),
            LedgerLocation.todayOption,
        ],
        discussion: """
            The card number is read from standard input (never the command line), handed to the
            simulated gateway, which returns a token, and forgotten: the ledger keeps the token,
            the masked number (411111******1111), expiry, holder and type only. The simulated
            gateway's tokens behave as its test cards do (4000000000000002 declines).

            EXIT STATUS:
              0  stored, listed or removed
              1  refused: card-rejected, tokenization-failed, unknown-booking, unknown-card
              2  usage error, or the ledger could not be opened

            EXAMPLES:
              printf '%s\\n' "$CARD" | drv-payments card store --ledger ledger 7KQ4M2XG --card - \\
                --expiry 2029-12 --holder "Max Mustermann"
              drv-payments card list --ledger ledger 7KQ4M2XG
              drv-payments card remove --ledger ledger 7KQ4M2XG C1
            """)

    /// Creates the command from its parsed arguments.
    ///
    /// - Parameter parsed: The sorted arguments.
    /// - Throws: ``UsageError``.
    init(parsing parsed: CommandLineArguments.ParsedOptions) throws(UsageError) {
        ledger = try LedgerLocation(parsing: parsed)
        let operands = parsed.operands
        guard operands.count >= 2 else { throw parsed.error("'card' takes an action and a BOOKING") }
        bookingId = try parsed.identifier(operands[1], for: "BOOKING")
        let storeOptions = ["card", "expiry", "card-type", "holder", "valid-from", "valid-until", "limit"]
        func noStoreOptions() throws(UsageError) {
            if let misplaced = storeOptions.first(where: { parsed.values[$0] != nil })
                ?? (parsed.flag("virtual") ? "virtual" : nil)
            {
                throw parsed.error("option '--\(misplaced)' belongs to 'card store'")
            }
        }
        switch operands[0] {
        case "store":
            guard operands.count == 2 else { throw parsed.error("'card store' takes one BOOKING") }
            guard parsed.values["card"] == "-" else {
                throw parsed.error(
                    "'card store' needs '--card -' and the number on standard input; a card number is not accepted "
                        + "on the command line")
            }
            guard let expiryText = parsed.values["expiry"], expiryText.utf8.count == 7,
                let expiry = XMLYearMonth(xmlLexicalForm: expiryText), expiry.timeZoneOffsetMinutes == nil
            else { throw parsed.error("'card store' needs '--expiry YYYY-MM', such as 2029-12") }
            var kind = StoredCard.Kind.guest
            if parsed.flag("virtual") {
                var limit: CurrencyAmount?
                if let amount = try parsed.amount("limit") {
                    limit = CurrencyAmount(amount: amount, currency: .eur)
                }
                kind = .virtual(
                    VirtualCardTerms(
                        validFrom: try parsed.date("valid-from"), validUntil: try parsed.date("valid-until"),
                        limit: limit))
            } else if let misplaced = ["valid-from", "valid-until", "limit"].first(where: { parsed.values[$0] != nil })
            {
                throw parsed.error("option '--\(misplaced)' belongs to a --virtual card")
            }
            action = .store(
                expiry: expiry, cardType: parsed.values["card-type"] ?? "VISA", holder: parsed.values["holder"],
                kind: kind)
        case "list":
            guard operands.count == 2 else { throw parsed.error("'card list' takes one BOOKING") }
            try noStoreOptions()
            action = .list(json: parsed.flag("json"))
        case "remove":
            guard operands.count == 3 else { throw parsed.error("'card remove' takes BOOKING and CARD") }
            try noStoreOptions()
            action = .remove(cardId: try parsed.identifier(operands[2], for: "CARD"))
        default:
            throw parsed.error("'card' takes an action: store, list or remove")
        }
    }

    /// Stores, lists or removes.
    ///
    /// - Parameter context: Output, standard input and today's date.
    /// - Returns: The exit status above.
    func run(in context: ToolContext) async -> ExitCode {
        do throws(LedgerCommandFailure) {
            let ledger = try self.ledger.open(
                action == .list(json: true) || action == .list(json: false) ? .readOnly : .mustExist, in: context)
            defer { ledger.close() }
            switch action {
            case .store(let expiry, let cardType, let holder, let kind):
                let number = try PayCommand.cardNumber(from: context)
                guard let booking = ledger.booking(bookingId) else {
                    throw .refused(ShowCommand.unknownBooking(bookingId))
                }
                var storedKind = kind
                if case .virtual(var terms) = kind, let limit = terms.limit {
                    terms.limit = CurrencyAmount(amount: limit.amount, currency: booking.currency)
                    storedKind = .virtual(terms)
                }
                let gateway = try self.ledger.simulatedGateway()
                do {
                    let card = try await ledger.storeCard(
                        CreditCard(cardType: cardType, cardNumber: number, expiryDate: expiry, holderName: holder),
                        for: bookingId, kind: storedKind, gateway: gateway)
                    context.output.write("card \(card.id) stored on booking \(bookingId): \(Self.describe(card))\n")
                } catch {
                    return error.report(to: context.output)
                }
            case .list(let json):
                guard let data = ledger.autopay(of: bookingId) else {
                    throw .refused(ShowCommand.unknownBooking(bookingId))
                }
                if json {
                    let cards: [JSONValue] = data.cards.map(Self.json)
                    context.output.write(
                        String(decoding: JSONValue.object(["cards": .array(cards)]).encoded(), as: UTF8.self))
                } else {
                    for card in data.cards { context.output.write("\(card.id): \(Self.describe(card))\n") }
                    if data.cards.isEmpty { context.output.write("booking \(bookingId) has no stored card\n") }
                }
            case .remove(let cardId):
                do {
                    try ledger.removeCard(cardId, of: bookingId)
                } catch {
                    throw .refused(error)
                }
                context.output.write("card \(cardId) removed from booking \(bookingId)\n")
            }
            return .success
        } catch {
            return error.report(to: context.output)
        }
    }

    /// `VISA 411111******1111, expires 2029-12, Max Mustermann` and the virtual card's terms.
    static func describe(_ card: StoredCard) -> String {
        var text = "\(card.cardType) \(card.maskedNumber), expires \(card.expiry.xmlLexicalForm)"
        if let holder = card.holder { text += ", \(holder)" }
        if case .virtual(let terms) = card.kind {
            text += ", virtual"
            if let from = terms.validFrom { text += " from \(from.xmlLexicalForm)" }
            if let until = terms.validUntil { text += " until \(until.xmlLexicalForm)" }
            if let limit = terms.limit { text += ", limit \(limit.formattedAmount) \(limit.currency.code)" }
        }
        return text
    }

    static func json(_ card: StoredCard) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(card.id.value), "cardType": .string(card.cardType),
            "maskedNumber": .string(card.maskedNumber), "expiry": .string(card.expiry.xmlLexicalForm),
            "holder": card.holder.map { .string($0) } ?? .null, "virtual": .bool(card.isVirtual),
        ]
        if case .virtual(let terms) = card.kind {
            object["validFrom"] = terms.validFrom.map { .string($0.xmlLexicalForm) } ?? .null
            object["validUntil"] = terms.validUntil.map { .string($0.xmlLexicalForm) } ?? .null
            object["limit"] = terms.limit.map { .string($0.formattedAmount) } ?? .null
        }
        return .object(object)
    }
}
