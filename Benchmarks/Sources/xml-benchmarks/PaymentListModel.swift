import Foundation
import XMLCoding

// The benchmark document modelled for the library's XMLCoding module, as users are meant to write
// it: each type declares its XML shape once in its `CodingKeys` (attributes, the `xsi:type`
// namespace), with exact value types: `Decimal` for `xs:decimal`, `XMLDate` for `xs:date`,
// `XMLYearMonth` for `xs:gYearMonth`, `XMLQualifiedName` for `xsi:type`, enumerations for tokens.

/// The root element: `PaymentList` with one or more `Payment` children.
struct PaymentList: Codable, Equatable, Sendable, XMLRootElement {
    static let xmlRootElementName = XMLQualifiedName(
        namespace: PaymentListGenerator.namespace, localName: "PaymentList")

    var payments: [Payment]

    enum CodingKeys: String, XMLCodingKey {
        case payments = "Payment"
    }
}

/// One payment: `PaymentType`'s children, then those of the extension its `xsi:type` names.
struct Payment: Codable, Equatable, Sendable {
    var identifier: String
    var collection: PaymentCollection?
    /// The `xsi:type`, such as `{http://string.drv.de/xmlschema/string}DirectDebitPaymentType`.
    var type: XMLQualifiedName
    var paymentScope: PaymentScope
    var formOfPayment: FormOfPayment?
    var paymentAmount: CurrencyAmount
    var cashHolder: CashHolder?
    var status: PaymentStatus?
    var dates: PaymentDates?
    // Children of the xs:extension types, after the base type's children.
    var creditCard: CreditCard?
    var iban: String?
    var accountHolder: String?
    var provider: String?

    enum CodingKeys: String, XMLCodingKey {
        case identifier = "Identifier"
        case collection = "Collection"
        case type
        case paymentScope = "PaymentScope"
        case formOfPayment = "FormOfPayment"
        case paymentAmount = "PaymentAmount"
        case cashHolder = "CashHolder"
        case status = "Status"
        case dates = "Dates"
        case creditCard = "CreditCard"
        case iban = "IBAN"
        case accountHolder = "AccountHolder"
        case provider = "Provider"

        var xmlNodeKind: XMLNodeKind {
            switch self {
            case .identifier, .collection, .type: .attribute
            default: .element
            }
        }

        var xmlNamespace: XMLKeyNamespace {
            self == .type ? .uri(XMLNamespace.schemaInstance) : .inherited
        }
    }
}

enum PaymentCollection: String, XMLEnumeration {
    case agency = "Agency"
    case tourOperator = "TourOperator"
    case onSite = "OnSite"
    case mixed = "Mixed"
}

enum PaymentScope: String, XMLEnumeration {
    case deposit = "Deposit"
    case interim = "Interim"
    case balance = "Balance"
}

enum FormOfPayment: String, XMLEnumeration {
    case creditCard = "CreditCard"
    case directDebit = "DirectDebit"
    case invoice = "Invoice"
    case eWallet = "EWallet"
}

enum PaymentStatus: String, XMLEnumeration {
    case open = "Open"
    case recorded = "Recorded"
    case settled = "Settled"
    case failed = "Failed"
    case confirmed = "Confirmed"
}

struct CurrencyAmount: Codable, Equatable, Sendable {
    var amount: Decimal
    var currency: String

    enum CodingKeys: String, XMLCodingKey {
        case amount = "Amount"
        case currency = "Currency"
    }
}

/// `CashHolderType` is a choice; the benchmark document always uses `OwnerDetails`.
struct CashHolder: Codable, Equatable, Sendable {
    var ownerDetails: PersonDetails?

    enum CodingKeys: String, XMLCodingKey {
        case ownerDetails = "OwnerDetails"
    }
}

struct PersonDetails: Codable, Equatable, Sendable {
    var prename: String?
    var surname: String
    var postalCode: String?
    var city: String?

    enum CodingKeys: String, XMLCodingKey {
        case prename = "Prename"
        case surname = "Surname"
        case postalCode = "PostalCode"
        case city = "City"
    }
}

struct PaymentDates: Codable, Equatable, Sendable {
    var dueDate: XMLDate?
    var entryDate: XMLDate?

    enum CodingKeys: String, XMLCodingKey {
        case dueDate = "DueDate"
        case entryDate = "EntryDate"
    }
}

struct CreditCard: Codable, Equatable, Sendable {
    var cardType: String
    var maskedCardNumber: String?
    var expiryDate: XMLYearMonth

    enum CodingKeys: String, XMLCodingKey {
        case cardType = "CardType"
        case maskedCardNumber = "MaskedCardNumber"
        case expiryDate = "ExpiryDate"
    }
}

// MARK: - From generated records

extension PaymentList {
    /// The list the generator's records describe: what decoding the generated document must give.
    init(records: [PaymentRecord]) throws(RecordConversionError) {
        var payments: [Payment] = []
        payments.reserveCapacity(records.count)
        for record in records {
            payments.append(try Payment(record: record))
        }
        self.payments = payments
    }
}

extension Payment {
    /// The payment a generated record describes.
    ///
    /// - Throws: ``RecordConversionError`` if the record holds a value the model cannot represent (a generator
    ///   bug).
    init(record: PaymentRecord) throws(RecordConversionError) {
        identifier = record.identifier
        collection = try Self.parse(record.collection, PaymentCollection.init(rawValue:))
        type = XMLQualifiedName(namespace: PaymentListGenerator.namespace, localName: record.kind.typeName)
        paymentScope = try Self.parse(record.paymentScope, PaymentScope.init(rawValue:))
        formOfPayment = try Self.parse(record.kind.formOfPayment, FormOfPayment.init(rawValue:))
        paymentAmount = CurrencyAmount(
            amount: try Self.parse(record.amount, XMLDecimal.parse), currency: record.currency)
        cashHolder = CashHolder(
            ownerDetails: PersonDetails(
                prename: record.prename, surname: record.surname, postalCode: record.postalCode, city: record.city))
        status = try Self.parse(record.status, PaymentStatus.init(rawValue:))
        dates = PaymentDates(
            dueDate: try Self.parse(record.dueDate, XMLDate.init(xmlLexicalForm:)),
            entryDate: try Self.parse(record.entryDate, XMLDate.init(xmlLexicalForm:)))
        if let cardType = record.cardType, let expiryDate = record.expiryDate {
            creditCard = CreditCard(
                cardType: cardType, maskedCardNumber: record.maskedCardNumber,
                expiryDate: try Self.parse(expiryDate, XMLYearMonth.init(xmlLexicalForm:)))
        }
        iban = record.iban
        accountHolder = record.accountHolder
        provider = record.provider
    }

    private static func parse<Value>(_ text: String, _ parse: (String) -> Value?) throws(RecordConversionError) -> Value
    {
        guard let value = parse(text) else { throw RecordConversionError(value: text) }
        return value
    }
}
