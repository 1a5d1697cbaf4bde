import Foundation
import XMLCoder

/// The benchmark document modelled for XMLCoder 0.18.2, the baseline, as its users write it:
/// attributes declared with `DynamicNodeDecoding`/`DynamicNodeEncoding`, `xsi:type` as the raw
/// key `"xsi:type"` (XMLCoder matches prefixed names, not namespaces), dates as `String` because
/// XMLCoder has no `xs:date`, amounts as `Decimal`.
///
/// This file and `XMLCoderBaseline.swift` are the only ones that import XMLCoder: its
/// `XMLDecoder`/`XMLEncoder` share their names with the library's.
enum XMLCoderModel {
    struct PaymentList: Codable, Equatable {
        var payments: [Payment]

        enum CodingKeys: String, CodingKey {
            case payments = "Payment"
        }
    }

    struct Payment: Codable, Equatable, DynamicNodeDecoding, DynamicNodeEncoding {
        var identifier: String
        var collection: Collection?
        var type: String
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

        enum CodingKeys: String, CodingKey {
            case identifier = "Identifier"
            case collection = "Collection"
            case type = "xsi:type"
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
        }

        static func isAttribute(_ key: any CodingKey) -> Bool {
            guard let key = key as? CodingKeys else { return false }
            return key == .identifier || key == .collection || key == .type
        }

        static func nodeDecoding(for key: any CodingKey) -> XMLDecoder.NodeDecoding {
            isAttribute(key) ? .attribute : .element
        }

        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            isAttribute(key) ? .attribute : .element
        }
    }

    enum Collection: String, Codable, Equatable {
        case agency = "Agency"
        case tourOperator = "TourOperator"
        case onSite = "OnSite"
        case mixed = "Mixed"
    }

    enum PaymentScope: String, Codable, Equatable {
        case deposit = "Deposit"
        case interim = "Interim"
        case balance = "Balance"
    }

    enum FormOfPayment: String, Codable, Equatable {
        case creditCard = "CreditCard"
        case directDebit = "DirectDebit"
        case invoice = "Invoice"
        case eWallet = "EWallet"
    }

    enum PaymentStatus: String, Codable, Equatable {
        case open = "Open"
        case recorded = "Recorded"
        case settled = "Settled"
        case failed = "Failed"
        case confirmed = "Confirmed"
    }

    struct CurrencyAmount: Codable, Equatable {
        var amount: Decimal
        var currency: String

        enum CodingKeys: String, CodingKey {
            case amount = "Amount"
            case currency = "Currency"
        }
    }

    struct CashHolder: Codable, Equatable {
        var ownerDetails: PersonDetails?

        enum CodingKeys: String, CodingKey {
            case ownerDetails = "OwnerDetails"
        }
    }

    struct PersonDetails: Codable, Equatable {
        var prename: String?
        var surname: String
        var postalCode: String?
        var city: String?

        enum CodingKeys: String, CodingKey {
            case prename = "Prename"
            case surname = "Surname"
            case postalCode = "PostalCode"
            case city = "City"
        }
    }

    struct PaymentDates: Codable, Equatable {
        var dueDate: String?
        var entryDate: String?

        enum CodingKeys: String, CodingKey {
            case dueDate = "DueDate"
            case entryDate = "EntryDate"
        }
    }

    struct CreditCard: Codable, Equatable {
        var cardType: String
        var maskedCardNumber: String?
        var expiryDate: String

        enum CodingKeys: String, CodingKey {
            case cardType = "CardType"
            case maskedCardNumber = "MaskedCardNumber"
            case expiryDate = "ExpiryDate"
        }
    }
}

extension XMLCoderModel.PaymentList {
    /// The list the generator's records describe, for encoding documents XMLCoder cannot decode.
    init(records: [PaymentRecord]) throws {
        payments = try records.map(XMLCoderModel.Payment.init(record:))
    }
}

extension XMLCoderModel.Payment {
    /// The payment a generated record describes.
    ///
    /// - Throws: ``RecordConversionError`` if the record holds a value the model has no case
    ///   for (a generator bug).
    init(record: PaymentRecord) throws {
        func value<T: RawRepresentable>(_ raw: String, as type: T.Type) throws -> T where T.RawValue == String {
            guard let value = T(rawValue: raw) else { throw RecordConversionError(value: raw) }
            return value
        }
        guard let amount = Decimal(string: record.amount, locale: Locale(identifier: "en_US_POSIX")) else {
            throw RecordConversionError(value: record.amount)
        }
        identifier = record.identifier
        collection = try value(record.collection, as: XMLCoderModel.Collection.self)
        type = record.kind.typeName
        paymentScope = try value(record.paymentScope, as: XMLCoderModel.PaymentScope.self)
        formOfPayment = try value(record.kind.formOfPayment, as: XMLCoderModel.FormOfPayment.self)
        paymentAmount = XMLCoderModel.CurrencyAmount(amount: amount, currency: record.currency)
        cashHolder = XMLCoderModel.CashHolder(
            ownerDetails: XMLCoderModel.PersonDetails(
                prename: record.prename, surname: record.surname, postalCode: record.postalCode, city: record.city))
        status = try value(record.status, as: XMLCoderModel.PaymentStatus.self)
        dates = XMLCoderModel.PaymentDates(dueDate: record.dueDate, entryDate: record.entryDate)
        if let cardType = record.cardType, let expiryDate = record.expiryDate {
            creditCard = XMLCoderModel.CreditCard(
                cardType: cardType, maskedCardNumber: record.maskedCardNumber, expiryDate: expiryDate)
        }
        iban = record.iban
        accountHolder = record.accountHolder
        provider = record.provider
    }
}
