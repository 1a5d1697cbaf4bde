public import StringPayments

/// A payment the tour operator collects electronically, as the ``PaymentGateway`` sees it.
///
/// The request carries the card number and security code when the agency sent them, because the
/// gateway needs them; its `description` masks them, and the ledger never stores them.
public struct GatewayRequest: Sendable, CustomStringConvertible {
    /// The booking the payment belongs to.
    public let bookingId: Identifier
    /// The payment as the agency sent it, secrets included.
    public let payment: Payment
    /// What to charge: the payment amount plus the fee of the form of payment.
    public let chargeAmount: CurrencyAmount

    /// Creates a gateway request.
    ///
    /// - Parameters:
    ///   - bookingId: The booking.
    ///   - payment: The payment, secrets included.
    ///   - chargeAmount: Amount plus fee.
    public init(bookingId: Identifier, payment: Payment, chargeAmount: CurrencyAmount) {
        self.bookingId = bookingId
        self.payment = payment
        self.chargeAmount = chargeAmount
    }

    /// Booking, payment identifier, form of payment and amount; never a card number.
    public var description: String {
        let form = payment.formOfPayment ?? payment.specialisation.formOfPayment
        return "GatewayRequest(\(bookingId)/\(payment.identifier), \(form?.rawValue ?? "?"), \(chargeAmount))"
    }
}

/// Collects a payment for the tour operator: card, direct debit, e-banking or e-wallet.
///
/// The message handler calls ``process(_:)`` for every new payment the tour operator collects
/// electronically, outside the ledger's lock, and enters the outcome:
/// ``PaymentOutcome/settled(transactionReference:authorizationCode:)`` → `Settled`,
/// ``PaymentOutcome/failed(reason:transactionReference:)`` → `Failed` with the reason,
/// ``PaymentOutcome/pending(transactionReference:)`` → left `Open` (settle it later with
/// ``Ledger/settlePayment(_:of:transactionReference:)``). A gateway must not throw: a technical
/// failure is a `pending` outcome (the money may have moved) or a `failed` one (it has not).
///
/// ``SimulatedPaymentGateway`` ships for demos and tests.
public protocol PaymentGateway: Sendable {
    /// Collects one payment.
    ///
    /// - Parameter request: The payment, with what to charge.
    /// - Returns: What happened.
    func process(_ request: GatewayRequest) async -> PaymentOutcome
}

/// Checks and redeems a voucher the customer pays with.
///
/// Return ``PaymentOutcome/settled(transactionReference:authorizationCode:)`` when the voucher
/// covers the amount (the payment becomes `Settled`) or ``PaymentOutcome/rejected(reason:)``
/// when it does not (the request is rejected with `voucher-rejected` and the ledger is unchanged).
public protocol VoucherValidator: Sendable {
    /// Checks one voucher payment.
    ///
    /// - Parameters:
    ///   - voucher: The voucher code and issuer.
    ///   - amount: The amount the voucher is to cover.
    ///   - bookingId: The booking.
    /// - Returns: What happened.
    func redeem(_ voucher: VoucherPayment, amount: CurrencyAmount, bookingId: Identifier) async -> PaymentOutcome
}

/// A deterministic payment gateway for demos and tests: the same payment always gets the same
/// outcome, and nothing leaves the process.
///
/// | Payment | Outcome |
/// |---|---|
/// | card `4000000000000002` | `Failed`, "card declined" |
/// | card `4000000000009995` | `Failed`, "insufficient funds" |
/// | card `4000000000000259` | `Open` (pending: awaiting 3-D Secure) |
/// | card with PCI token `tok_declined` | `Failed`, "card declined" |
/// | any other card (e.g. `4111111111111111`, `5555555555554444`, `378282246310005`) or token | `Settled` with an authorisation code |
/// | direct debit | `Open` (pending: SEPA collection runs later) |
/// | e-banking, e-wallet | `Settled` |
///
/// Transaction references are `SIM-` followed by the booking and payment identifiers;
/// authorisation codes are six digits derived from them.
public struct SimulatedPaymentGateway: PaymentGateway {
    /// Card numbers the simulated gateway declines, with the reason.
    public static let decliningCards: [String: String] = [
        "4000000000000002": "card declined",
        "4000000000009995": "insufficient funds",
    ]
    /// The card number the simulated gateway leaves pending.
    public static let pendingCard = "4000000000000259"
    /// The PCI token the simulated gateway declines.
    public static let decliningToken = "tok_declined"

    /// Creates the simulated gateway.
    public init() {}

    /// The outcome for the payment, by the table above.
    public func process(_ request: GatewayRequest) async -> PaymentOutcome {
        outcome(for: request)
    }

    /// The outcome for the payment, synchronously.
    ///
    /// - Parameter request: The payment.
    /// - Returns: The outcome by the table above.
    public func outcome(for request: GatewayRequest) -> PaymentOutcome {
        let reference = "SIM-\(request.bookingId)-\(request.payment.identifier)"
        switch request.payment.specialisation {
        case .creditCard(let card):
            if let number = card.creditCard?.cardNumber?.xmlLexicalForm {
                if let reason = Self.decliningCards[number] {
                    return .failed(reason: reason, transactionReference: reference)
                }
                if number == Self.pendingCard { return .pending(transactionReference: reference) }
            }
            if card.pciToken == Self.decliningToken {
                return .failed(reason: "card declined", transactionReference: reference)
            }
            return .settled(transactionReference: reference, authorizationCode: Self.authorizationCode(for: reference))
        case .directDebit:
            return .pending(transactionReference: reference)
        default:
            return .settled(transactionReference: reference, authorizationCode: nil)
        }
    }

    /// Six digits from an FNV-1a hash of the reference: stable across runs and platforms.
    static func authorizationCode(for reference: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in reference.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let digits = String(hash % 1_000_000)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }
}

/// A deterministic voucher validator for demos and tests: it knows a fixed set of vouchers and
/// their values.
///
/// A voucher whose code it knows, in the payment's currency and worth at least the amount, is
/// redeemed (`Settled`, reference `VOUCHER-` and the code); any other is rejected. It does not
/// remember redemptions.
public struct SimulatedVoucherValidator: VoucherValidator {
    /// The vouchers it knows: code → value.
    public let vouchers: [String: CurrencyAmount]

    /// The vouchers of the demo: `TRAVEL-100` (100 EUR) and `TRAVEL-500` (500 EUR).
    public static let demoVouchers: [String: CurrencyAmount] = [
        "TRAVEL-100": CurrencyAmount(amount: 100, currency: .eur),
        "TRAVEL-500": CurrencyAmount(amount: 500, currency: .eur),
    ]

    /// Creates a validator that knows the vouchers.
    ///
    /// - Parameter vouchers: Code → value. Default ``demoVouchers``.
    public init(vouchers: [String: CurrencyAmount] = SimulatedVoucherValidator.demoVouchers) {
        self.vouchers = vouchers
    }

    /// Redeems a known voucher that covers the amount; rejects any other.
    public func redeem(
        _ voucher: VoucherPayment, amount: CurrencyAmount, bookingId: Identifier
    ) async
        -> PaymentOutcome
    {
        guard let value = vouchers[voucher.voucherCode] else {
            return .rejected(reason: "voucher \(voucher.voucherCode) is not known")
        }
        guard value.currency == amount.currency, value.amount >= amount.amount else {
            return .rejected(reason: "voucher \(voucher.voucherCode) is worth \(value), less than \(amount)")
        }
        return .settled(transactionReference: "VOUCHER-\(voucher.voucherCode)", authorizationCode: nil)
    }
}
