public import StringPayments
public import XMLCoding

/// A payment as the ledger keeps it: amounts, status, dates and the form-of-payment details
/// without secrets.
///
/// The ledger never stores a card number or a security code: a card payment keeps the card
/// type, the masked number, the BIN, the expiry month, the holder and the PCI token only. The
/// other forms of payment carry no secrets and are kept as sent.
public struct LedgerPayment: Hashable, Sendable {
    /// The payment's identity within its booking.
    public let identifier: Identifier
    /// The currency of ``amount`` and ``fee``: the booking currency.
    public let currency: CurrencyCode
    /// ``amount`` in the currency's minor units (cents).
    public let amountMinorUnits: Int64
    /// ``fee`` in the currency's minor units (cents).
    public let feeMinorUnits: Int64
    /// The day the payment was entered (agency collection) or received by the ledger.
    public internal(set) var entryDate: XMLDate? {
        get { entryDay.map { XMLDate(daysSinceEpoch: Int($0)) } }
        set { entryDay = newValue.map { Self.day($0) } }
    }
    /// The day the tour operator received the money.
    public internal(set) var settlementDate: XMLDate? {
        get { settlementDay.map { XMLDate(daysSinceEpoch: Int($0)) } }
        set { settlementDay = newValue.map { Self.day($0) } }
    }
    // Days since 1970-01-01: 4 bytes instead of an `XMLDate`'s 33, for a million payments.
    private(set) var entryDay: Int32?
    private(set) var settlementDay: Int32?
    /// The gateway's or the settlement's reference.
    public internal(set) var transactionReference: String? {
        get { processing.transactionReference }
        set { processing.transactionReference = newValue }
    }
    /// The authorisation code of a card payment.
    public internal(set) var authorizationCode: String? {
        get { processing.authorizationCode }
        set { processing.authorizationCode = newValue }
    }
    /// Why the payment failed, while it is `Failed`.
    public internal(set) var failureReason: String? {
        get { processing.failureReason }
        set { processing.failureReason = newValue }
    }
    /// What the card acquirer paid out for the payment, once a settlement report line matched it.
    public internal(set) var acquirerPayout: AcquirerPayout? {
        get { processing.payout }
        set { processing.payout = newValue }
    }
    // The processing details most payments lack, behind one optional reference.
    private var processing: ProcessingDetails
    let instrument: StoredInstrument
    // The one-byte fields last, so they pack together (stored properties are laid out in order).
    /// Who collects the payment: the agency, the tour operator or the service on site.
    public let collection: PaymentCollection
    /// The part of the price the payment covers.
    public let scope: PaymentScope
    /// How the payment is made; `nil` for a payment the agency collected under its agency
    /// agreement without naming a form of payment.
    public let formOfPayment: FormOfPayment?
    /// Where the payment stands.
    public internal(set) var status: PaymentStatus
    /// Whether the payment is in flight: entered `Open` and handed to the gateway or voucher
    /// validation, whose answer the ledger does not know yet. It counts against what the booking
    /// still owes; ``Ledger/reconcile(gateway:vouchers:)`` resolves it after a crash.
    public internal(set) var isInFlight: Bool
    /// How many times the payment was entered: 1, and one more each time a `Failed` payment is
    /// entered again. Part of the gateway's idempotency key (``attemptKey(bookingId:)``).
    public internal(set) var attempt: UInt32
    /// Whether the payment failed without being declined (voided, interrupted, not taken): the
    /// same payment sent again is then a new attempt rather than a repeat.
    public internal(set) var failedRetryably: Bool = false

    /// Creates a payment record. Secrets in `specialisation` are removed.
    ///
    /// - Parameters:
    ///   - identifier: The payment's identity within its booking.
    ///   - collection: Who collects it.
    ///   - scope: The part of the price it covers.
    ///   - formOfPayment: How it is made.
    ///   - amount: The amount towards the price; rounded to the currency's minor units.
    ///   - fee: The fee on top of the amount, in the same currency; rounded to its minor units.
    ///   - status: Where it stands.
    ///   - entryDate: When it was entered.
    ///   - settlementDate: When the tour operator received the money.
    ///   - transactionReference: The gateway's or settlement's reference.
    ///   - authorizationCode: The card authorisation code.
    ///   - failureReason: Why it failed.
    ///   - serviceProvider: The payment service provider.
    ///   - cashHolder: Who answers for the form of payment.
    ///   - specialisation: The form-of-payment details; card numbers and security codes are dropped.
    public init(
        identifier: Identifier,
        collection: PaymentCollection,
        scope: PaymentScope,
        formOfPayment: FormOfPayment?,
        amount: CurrencyAmount,
        fee: CurrencyAmount,
        status: PaymentStatus,
        entryDate: XMLDate? = nil,
        settlementDate: XMLDate? = nil,
        transactionReference: String? = nil,
        authorizationCode: String? = nil,
        failureReason: String? = nil,
        serviceProvider: PaymentServiceProvider? = nil,
        cashHolder: CashHolder? = nil,
        specialisation: PaymentSpecialisation = .unspecified
    ) {
        self.init(
            identifier: identifier, collection: collection, scope: scope, formOfPayment: formOfPayment,
            currency: amount.currency, amountMinorUnits: Self.minorUnits(of: amount),
            feeMinorUnits: Self.minorUnits(of: fee), status: status, entryDate: entryDate,
            settlementDate: settlementDate, transactionReference: transactionReference,
            authorizationCode: authorizationCode, failureReason: failureReason, serviceProvider: serviceProvider,
            cashHolder: cashHolder, specialisation: specialisation)
    }

    init(
        identifier: Identifier, collection: PaymentCollection, scope: PaymentScope, formOfPayment: FormOfPayment?,
        currency: CurrencyCode, amountMinorUnits: Int64, feeMinorUnits: Int64, status: PaymentStatus,
        entryDate: XMLDate?, settlementDate: XMLDate? = nil, transactionReference: String? = nil,
        authorizationCode: String? = nil, failureReason: String? = nil, serviceProvider: PaymentServiceProvider?,
        cashHolder: CashHolder?, specialisation: PaymentSpecialisation, isInFlight: Bool = false, attempt: UInt32 = 1
    ) {
        self.init(
            identifier: identifier, collection: collection, scope: scope, formOfPayment: formOfPayment,
            currency: currency, amountMinorUnits: amountMinorUnits, feeMinorUnits: feeMinorUnits, status: status,
            entryDate: entryDate,
            instrument: StoredInstrument(
                serviceProvider: serviceProvider, cashHolder: cashHolder, specialisation: specialisation))
        self.isInFlight = isInFlight
        self.attempt = attempt
        self.settlementDay = settlementDate.map { Self.day($0) }
        self.processing = ProcessingDetails(
            transactionReference: transactionReference, authorizationCode: authorizationCode,
            failureReason: failureReason)
    }

    /// A new payment of a request, `Open` or as `status` says, with its instrument stored already
    /// (``StoredInstrument/of(_:)``).
    init(
        identifier: Identifier, collection: PaymentCollection, scope: PaymentScope, formOfPayment: FormOfPayment?,
        currency: CurrencyCode, amountMinorUnits: Int64, feeMinorUnits: Int64, status: PaymentStatus,
        entryDate: XMLDate?, instrument: StoredInstrument
    ) {
        self.identifier = identifier
        self.isInFlight = false
        self.attempt = 1
        self.collection = collection
        self.scope = scope
        self.formOfPayment = formOfPayment
        self.currency = currency
        self.amountMinorUnits = amountMinorUnits
        self.feeMinorUnits = feeMinorUnits
        self.status = status
        self.entryDay = entryDate.map { Self.day($0) }
        self.settlementDay = nil
        self.processing = ProcessingDetails()
        self.instrument = instrument
    }

    /// Sets the gateway's or settlement's reference, the authorisation code and the failure
    /// reason at once (one box, where setting them one by one makes one each); the payout is kept.
    mutating func setProcessing(
        transactionReference: String?, authorizationCode: String? = nil, failureReason: String? = nil
    ) {
        processing = ProcessingDetails(
            transactionReference: transactionReference, authorizationCode: authorizationCode,
            failureReason: failureReason, payout: processing.payout)
    }

    /// The idempotency key of the payment's current attempt.
    ///
    /// - Parameter bookingId: The payment's booking.
    /// - Returns: Booking, payment identifier and ``attempt``.
    public func attemptKey(bookingId: Identifier) -> PaymentAttemptKey {
        PaymentAttemptKey(bookingId: bookingId, paymentId: identifier, attempt: attempt)
    }

    /// The amount that goes towards the price, in the booking currency.
    public var amount: CurrencyAmount { CurrencyAmount(minorUnitCount: amountMinorUnits, currency: currency) }
    /// The fee for the form of payment, on top of ``amount``; zero when the option has none.
    public var fee: CurrencyAmount { CurrencyAmount(minorUnitCount: feeMinorUnits, currency: currency) }

    static func day(_ date: XMLDate) -> Int32 {
        Int32(clamping: date.daysSinceEpoch)
    }

    /// The amount in minor units, rounded half away from zero; amounts beyond `Int64` (far beyond
    /// the schema's 18 digits) are clamped.
    static func minorUnits(of amount: CurrencyAmount) -> Int64 {
        if let count = amount.minorUnitCount { return count }
        return amount.rounded().minorUnitCount ?? (amount.amount < 0 ? Int64.min : Int64.max)
    }

    /// The payment service provider.
    public var serviceProvider: PaymentServiceProvider? { instrument.value.serviceProvider }
    /// Who answers for the form of payment.
    public var cashHolder: CashHolder? { instrument.value.cashHolder }
    /// The form-of-payment details, without secrets.
    public var specialisation: PaymentSpecialisation { instrument.value.specialisation }

    /// The payment as a STRING response payment: status, dates and `PaymentDetails` filled in.
    public var stringPayment: Payment {
        let dates = PaymentDates(entryDate: entryDate, settlementDate: settlementDate)
        let details = PaymentDetails(
            fee: feeMinorUnits == 0 ? nil : fee, transactionReference: transactionReference,
            authorizationCode: authorizationCode, failureReason: failureReason)
        let hasDetails =
            details.fee != nil || transactionReference != nil || authorizationCode != nil || failureReason != nil
        // The instrument is unpacked once, not once for each of its three parts.
        let instrument = instrument.value
        return Payment(
            identifier: identifier, collection: collection, paymentScope: scope, formOfPayment: formOfPayment,
            paymentAmount: amount, paymentServiceProvider: instrument.serviceProvider,
            cashHolder: instrument.cashHolder, status: status,
            dates: entryDate == nil && settlementDate == nil ? nil : dates,
            paymentDetails: hasDetails ? details : nil, specialisation: instrument.specialisation)
    }

    /// Whether `other` describes the same payment instruction: same collection, scope, form of
    /// payment, amount and details (status, dates and processing details aside).
    func hasSameInstruction(as other: LedgerPayment) -> Bool {
        identifier == other.identifier && collection == other.collection && scope == other.scope
            && formOfPayment == other.formOfPayment && currency == other.currency
            && amountMinorUnits == other.amountMinorUnits && instrument == other.instrument
    }

    /// What the payment adds to its booking's running totals.
    var contribution: BookingTotals {
        var totals = BookingTotals()
        if status != .failed {
            totals.fees = feeMinorUnits
            totals.covered = amountMinorUnits
        }
        if status.countsAsPaid {
            totals.paid = amountMinorUnits &+ feeMinorUnits
            totals.paidTowardsPrice = amountMinorUnits
        }
        if status.countsAsSettled {
            totals.settled = amountMinorUnits &+ feeMinorUnits
        }
        return totals
    }
}

/// A payment's gateway reference, authorisation code and failure reason, kept out of line.
final class ProcessingDetailsBox: Sendable {
    let transactionReference: String?
    let authorizationCode: String?
    let failureReason: String?
    let payout: AcquirerPayout?

    init(transactionReference: String?, authorizationCode: String?, failureReason: String?, payout: AcquirerPayout?) {
        self.transactionReference = transactionReference
        self.authorizationCode = authorizationCode
        self.failureReason = failureReason
        self.payout = payout
    }
}

/// A value view of ``ProcessingDetailsBox``: one reference in the payment, values to callers.
struct ProcessingDetails: Hashable, Sendable {
    private var box: ProcessingDetailsBox?

    init(
        transactionReference: String? = nil, authorizationCode: String? = nil, failureReason: String? = nil,
        payout: AcquirerPayout? = nil
    ) {
        if transactionReference != nil || authorizationCode != nil || failureReason != nil || payout != nil {
            box = ProcessingDetailsBox(
                transactionReference: transactionReference, authorizationCode: authorizationCode,
                failureReason: failureReason, payout: payout)
        }
    }

    var transactionReference: String? {
        get { box?.transactionReference }
        set {
            self = Self(
                transactionReference: newValue, authorizationCode: authorizationCode, failureReason: failureReason,
                payout: payout)
        }
    }

    var authorizationCode: String? {
        get { box?.authorizationCode }
        set {
            self = Self(
                transactionReference: transactionReference, authorizationCode: newValue, failureReason: failureReason,
                payout: payout)
        }
    }

    var failureReason: String? {
        get { box?.failureReason }
        set {
            self = Self(
                transactionReference: transactionReference, authorizationCode: authorizationCode,
                failureReason: newValue, payout: payout)
        }
    }

    var payout: AcquirerPayout? {
        get { box?.payout }
        set {
            self = Self(
                transactionReference: transactionReference, authorizationCode: authorizationCode,
                failureReason: failureReason, payout: newValue)
        }
    }

    static func == (lhs: ProcessingDetails, rhs: ProcessingDetails) -> Bool {
        lhs.transactionReference == rhs.transactionReference && lhs.authorizationCode == rhs.authorizationCode
            && lhs.failureReason == rhs.failureReason && lhs.payout == rhs.payout
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(transactionReference)
        hasher.combine(authorizationCode)
        hasher.combine(failureReason)
        hasher.combine(payout)
    }
}

/// The form-of-payment details of a payment, kept out of line: most payments of a booking
/// share none, and the ledger keeps a million of them.
struct PaymentInstrument: Hashable, Sendable {
    var serviceProvider: PaymentServiceProvider? = nil
    var cashHolder: CashHolder? = nil
    var specialisation: PaymentSpecialisation

}

/// A payment's instrument in as little memory as the common cases allow: nothing, or just "the
/// booking owner answers for it", take no allocation; a specialisation alone takes a box of its
/// size; only a payment with a service provider or other cash holder boxes the whole instrument.
enum StoredInstrument: Hashable, Sendable {
    case none
    case bookingOwner
    case specialisation(SpecialisationBox, bookingOwner: Bool)
    case full(InstrumentBox)

    /// Stores the instrument; card numbers, security codes and unknown elements are dropped (the
    /// journal does not persist unknown elements, so a replayed ledger equals the live one).
    init(serviceProvider: PaymentServiceProvider?, cashHolder: CashHolder?, specialisation: PaymentSpecialisation) {
        let ownerOnly: Bool?
        switch cashHolder {
        case nil: ownerOnly = false
        case .assignedToBookingOwner(true): ownerOnly = true
        default: ownerOnly = nil
        }
        // The common cases first, without copying the provider or cash holder to strip them.
        if serviceProvider == nil, let ownerOnly {
            if case .unspecified = specialisation {
                self = ownerOnly ? .bookingOwner : .none
            } else {
                self = .specialisation(SpecialisationBox(specialisation.withoutSecrets), bookingOwner: ownerOnly)
            }
            return
        }
        var serviceProvider = serviceProvider
        serviceProvider?.unknownElements = []
        var cashHolder = cashHolder
        if case .ownerDetails(var details) = cashHolder {
            details.unknownElements = []
            cashHolder = .ownerDetails(details)
        }
        self = .full(
            InstrumentBox(
                PaymentInstrument(
                    serviceProvider: serviceProvider, cashHolder: cashHolder,
                    specialisation: specialisation.withoutSecrets)))
    }

    /// The instrument of a request's payment, as ``init(serviceProvider:cashHolder:specialisation:)``
    /// stores it; the common cases (no provider, no cash holder or the booking owner) read the
    /// payment in place, through a pointer (a payment passed as a value is copied whole first),
    /// instead of copying its parts.
    static func of(_ payment: UnsafePointer<Payment>) -> StoredInstrument {
        if case .none = payment.pointee.paymentServiceProvider {
            var ownerOnly: Bool?
            if case .none = payment.pointee.cashHolder {
                ownerOnly = false
            } else if case .assignedToBookingOwner(true)? = payment.pointee.cashHolder {
                ownerOnly = true
            }
            if let ownerOnly {
                if case .unspecified = payment.pointee.specialisation { return ownerOnly ? .bookingOwner : .none }
                // A tokenised card, the common case, has no secret: its details are copied once,
                // into the box, where stripping them would copy them three times.
                let stored =
                    payment.pointee.specialisation.hasSecrets
                    ? payment.pointee.specialisation.withoutSecrets : payment.pointee.specialisation
                return .specialisation(SpecialisationBox(stored), bookingOwner: ownerOnly)
            }
        }
        return StoredInstrument(
            serviceProvider: payment.pointee.paymentServiceProvider, cashHolder: payment.pointee.cashHolder,
            specialisation: payment.pointee.specialisation)
    }

    var value: PaymentInstrument {
        switch self {
        case .none:
            return PaymentInstrument(specialisation: .unspecified)
        case .bookingOwner:
            return PaymentInstrument(cashHolder: .assignedToBookingOwner(true), specialisation: .unspecified)
        case .specialisation(let box, let bookingOwner):
            return PaymentInstrument(
                cashHolder: bookingOwner ? .assignedToBookingOwner(true) : nil, specialisation: box.value)
        case .full(let box):
            return box.value
        }
    }

    static func == (lhs: StoredInstrument, rhs: StoredInstrument) -> Bool { lhs.value == rhs.value }

    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

final class SpecialisationBox: Sendable {
    let value: PaymentSpecialisation

    init(_ value: PaymentSpecialisation) { self.value = value }
}

final class InstrumentBox: Hashable, Sendable {
    let value: PaymentInstrument

    init(_ value: PaymentInstrument) { self.value = value }

    static func == (lhs: InstrumentBox, rhs: InstrumentBox) -> Bool { lhs === rhs || lhs.value == rhs.value }

    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension PaymentSpecialisation {
    /// Whether ``withoutSecrets`` removes anything: a card's number, security code or unknown
    /// elements, or an instalment's unknown elements. Inlined, so that the details are read in
    /// place rather than copied to be asked.
    @inline(__always)
    var hasSecrets: Bool {
        switch self {
        case .creditCard(let payment):
            guard case .some(let card) = payment.creditCard else { return false }
            return card.cardNumber != nil || card.securityCode != nil || !card.unknownElements.isEmpty
        case .installment(let payment):
            return payment.installments.contains { !$0.unknownElements.isEmpty }
        default:
            return false
        }
    }

    /// The details without card number and security code; the mask and BIN stand in for the
    /// number.
    ///
    /// The card's unknown child elements go too: the ledger does not persist unknown elements,
    /// and one a newer schema version added to a card may well be a secret.
    var withoutSecrets: PaymentSpecialisation {
        switch self {
        case .creditCard(var payment):
            guard var card = payment.creditCard else { return self }
            // A tokenised card, the common case, has nothing to remove.
            if card.cardNumber == nil, card.securityCode == nil, card.unknownElements.isEmpty { return self }
            if let number = card.cardNumber {
                card.maskedCardNumber = card.maskedCardNumber ?? number.masked
                payment.pciBin = payment.pciBin ?? number.bin
            }
            card.cardNumber = nil
            card.securityCode = nil
            card.unknownElements = []
            payment.creditCard = card
            return .creditCard(payment)
        case .installment(var payment):
            payment.installments = payment.installments.map { installment in
                var stored = installment
                stored.unknownElements = []
                return stored
            }
            return .installment(payment)
        default:
            return self
        }
    }
}
