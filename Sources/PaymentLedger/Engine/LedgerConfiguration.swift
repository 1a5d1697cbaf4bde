public import Foundation
public import StringPayments
public import XMLCoding

/// How a ``Ledger`` schedules, prices and dates payments.
public struct LedgerConfiguration: Sendable {
    /// The payment terms every new or modified booking's schedule follows.
    public var paymentTerms: PaymentTermsPolicy
    /// The forms of payment a new booking offers when its request names none. Options with a
    /// `FixedFee` in another currency than the booking's are left out of that booking's offer.
    public var paymentOptions: [PaymentOption]
    /// The collection restriction of a new booking that names none. The default is `Mixed`.
    public var collection: PaymentCollection
    /// The share of the price a cancelled booking still costs, 0...100. The default is 0: a
    /// cancellation makes all paid money refundable, fees aside.
    public var cancellationChargePercentage: Decimal
    /// What day it is.
    public var clock: any LedgerClock
    /// A seed that makes generated booking references reproducible; `nil`, the default, draws
    /// them from the system's random number generator.
    public var bookingReferenceSeed: UInt64?
    /// Who changes are stamped with when the calling task binds no ``Ledger/actor``. The default
    /// is `system:ledger`.
    public var defaultActor: LedgerActor = .system("ledger")

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - paymentTerms: The payment terms. Default ``PaymentTermsPolicy/standard``.
    ///   - paymentOptions: The forms of payment on offer. Default ``standardPaymentOptions``.
    ///   - collection: The default collection restriction. Default `Mixed`.
    ///   - cancellationChargePercentage: The share of the price a cancellation costs. Default 0.
    ///   - clock: What day it is. Default the system clock.
    ///   - bookingReferenceSeed: A seed for reproducible booking references.
    public init(
        paymentTerms: PaymentTermsPolicy = .standard,
        paymentOptions: [PaymentOption] = LedgerConfiguration.standardPaymentOptions,
        collection: PaymentCollection = .mixed,
        cancellationChargePercentage: Decimal = 0,
        clock: any LedgerClock = SystemClock(),
        bookingReferenceSeed: UInt64? = nil
    ) {
        self.paymentTerms = paymentTerms
        self.paymentOptions = paymentOptions
        self.collection = collection
        self.cancellationChargePercentage = cancellationChargePercentage
        self.clock = clock
        self.bookingReferenceSeed = bookingReferenceSeed
    }

    /// Checks every value that has a range.
    ///
    /// - Throws: ``LedgerError`` with code `invalid-configuration`, naming the value.
    public func validate() throws(LedgerError) {
        guard cancellationChargePercentage >= 0, cancellationChargePercentage <= 100,
            !cancellationChargePercentage.isNaN
        else {
            throw LedgerError(
                code: .invalidConfiguration,
                message: "cancellationChargePercentage is \(cancellationChargePercentage); it must be 0...100")
        }
        for (index, option) in paymentOptions.enumerated() {
            if let fixed = option.fixedFee, fixed.amount < 0 || fixed.needsMoreFractionDigitsThanCurrencyAllows {
                throw LedgerError(
                    code: .invalidConfiguration,
                    message: "paymentOptions[\(index)].fixedFee is \(fixed); it must be a non-negative amount in "
                        + "the currency's minor units")
            }
            if let percent = option.percentFee, percent.value < 0 || percent.value > 100 {
                throw LedgerError(
                    code: .invalidConfiguration,
                    message: "paymentOptions[\(index)].percentFee is \(percent.value); it must be 0...100")
            }
        }
        do {
            try paymentTerms.validate()
        } catch {
            throw LedgerError(code: .invalidConfiguration, message: "paymentTerms: \(error.message)")
        }
    }

    /// The forms of payment offered by default: credit card (VISA, MasterCard, American Express;
    /// 1.5 % fee), direct debit, e-banking and e-wallet collected by the tour operator; invoice
    /// and voucher for any collection.
    public static let standardPaymentOptions: [PaymentOption] = [
        PaymentOption(
            collection: .tourOperator, formOfPayment: .creditCard, percentFee: Percentage(Decimal(string: "1.5") ?? 0),
            acceptedCardTypes: ["VISA", "MasterCard", "AmericanExpress"], description: "Credit card"),
        PaymentOption(collection: .tourOperator, formOfPayment: .directDebit, description: "SEPA direct debit"),
        PaymentOption(collection: .tourOperator, formOfPayment: .eBanking, description: "Online bank transfer"),
        PaymentOption(collection: .tourOperator, formOfPayment: .eWallet, description: "E-wallet"),
        PaymentOption(formOfPayment: .invoice, description: "Invoice"),
        PaymentOption(formOfPayment: .voucher, description: "Travel voucher"),
    ]
}

/// What a new booking is made of: the data of a `BookingRequest` with trigger `Book` or `Quote`.
public struct BookingDraft: Sendable, Hashable {
    /// The booking's identifier; `nil` lets the ledger generate a ``BookingReference``.
    public var id: Identifier?
    /// The agency making the booking.
    public var agency: AgencyInformation?
    /// The seller at the agency.
    public var seller: String?
    /// The agency's branch.
    public var branch: String?
    /// The lead traveller, a `Traveller/@Identifier` of ``travellers``.
    public var leadTraveller: Identifier?
    /// The travellers.
    public var travellers: [Traveller]
    /// The customer's email; `nil` takes the lead traveller's.
    public var customerEmail: String?
    /// The departure date.
    public var departureDate: XMLDate
    /// The return date.
    public var returnDate: XMLDate?
    /// The total price; its currency becomes the booking currency.
    public var totalPrice: CurrencyAmount
    /// The collection restriction; `nil` takes the configuration's.
    public var collection: PaymentCollection?
    /// The forms of payment on offer; `nil` takes the configuration's.
    public var paymentOptions: [PaymentOption]?
    /// The customer's name; `nil` shows the lead traveller's. Back-office data: STRING has no
    /// field for it.
    public var customerName: String?
    /// The customer's phone number.
    public var customerPhone: String?
    /// The finance ledger account the booking's balance belongs to.
    public var account: String?
    /// Whether the booking is financed.
    public var financed = false
    /// The booked services, as the handler reads them from the request's `Services`
    /// (``BookedService/services(of:)``); journaled with the booking as
    /// ``LedgerEvent/servicesRecorded(_:)``.
    public var services: [BookedService] = []
    /// The request's `Services` as sent, kept verbatim with ``services``
    /// (``LedgerBooking/servicesContent``); `nil` for none.
    public var servicesContent: Services?

    /// Creates a draft.
    ///
    /// - Parameters:
    ///   - id: The booking's identifier, or `nil` to generate one.
    ///   - agency: The agency.
    ///   - seller: The seller.
    ///   - branch: The branch.
    ///   - leadTraveller: The lead traveller.
    ///   - travellers: The travellers.
    ///   - customerEmail: The customer's email.
    ///   - departureDate: The departure date.
    ///   - returnDate: The return date.
    ///   - totalPrice: The total price.
    ///   - collection: The collection restriction.
    ///   - paymentOptions: The forms of payment on offer.
    ///   - customerName: The customer's name; `nil` shows the lead traveller's.
    ///   - customerPhone: The customer's phone number.
    ///   - account: The finance ledger account.
    ///   - financed: Whether the booking is financed. Default `false`.
    ///   - services: The booked services. Default none.
    ///   - servicesContent: The request's `Services` as sent. Default `nil`.
    public init(
        id: Identifier? = nil,
        agency: AgencyInformation? = nil,
        seller: String? = nil,
        branch: String? = nil,
        leadTraveller: Identifier? = nil,
        travellers: [Traveller] = [],
        customerEmail: String? = nil,
        departureDate: XMLDate,
        returnDate: XMLDate? = nil,
        totalPrice: CurrencyAmount,
        collection: PaymentCollection? = nil,
        paymentOptions: [PaymentOption]? = nil,
        customerName: String? = nil,
        customerPhone: String? = nil,
        account: String? = nil,
        financed: Bool = false,
        services: [BookedService] = [],
        servicesContent: Services? = nil
    ) {
        self.id = id
        self.agency = agency
        self.seller = seller
        self.branch = branch
        self.leadTraveller = leadTraveller
        self.travellers = travellers
        self.customerEmail = customerEmail
        self.departureDate = departureDate
        self.returnDate = returnDate
        self.totalPrice = totalPrice
        self.collection = collection
        self.paymentOptions = paymentOptions
        self.customerName = customerName
        self.customerPhone = customerPhone
        self.account = account
        self.financed = financed
        self.services = services
        self.servicesContent = servicesContent
    }
}

/// What the tour operator's side did with a payment that needed processing: the answer of the
/// ``PaymentGateway`` or of the ``VoucherValidator``.
public enum PaymentOutcome: Hashable, Sendable {
    /// The money is received: the payment becomes `Settled`.
    case settled(transactionReference: String?, authorizationCode: String?)
    /// The payment was declined: it becomes `Failed` with the reason.
    case failed(reason: String, transactionReference: String?)
    /// The outcome is not known yet: the payment stays `Open`.
    case pending(transactionReference: String?)
    /// The payment is refused before it is entered (a voucher that is not valid): the whole
    /// request is rejected and the ledger stays unchanged.
    case rejected(reason: String)
}
