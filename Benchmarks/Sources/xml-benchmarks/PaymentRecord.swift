/// One generated payment as plain text values, independent of either XML library.
///
/// The document is rendered from these records, and the XMLCoder model can be built from them
/// directly, so every measurement works on the same data.
struct PaymentRecord: Sendable, Equatable {
    /// The four specialisations of `PaymentType` in the document, each with its `xsi:type`.
    enum Kind: Int, CaseIterable, Sendable {
        case creditCard, directDebit, invoice, eWallet

        /// The local name of the schema type, the value of `xsi:type`.
        var typeName: String {
            switch self {
            case .creditCard: "CreditCardPaymentType"
            case .directDebit: "DirectDebitPaymentType"
            case .invoice: "InvoicePaymentType"
            case .eWallet: "EWalletPaymentType"
            }
        }

        /// The matching `FormOfPayment` value.
        var formOfPayment: String {
            switch self {
            case .creditCard: "CreditCard"
            case .directDebit: "DirectDebit"
            case .invoice: "Invoice"
            case .eWallet: "EWallet"
            }
        }
    }

    var identifier: String
    var collection: String
    var kind: Kind
    var paymentScope: String
    /// An `xs:decimal` with two fraction digits, such as `1234.50`.
    var amount: String
    var currency: String
    var prename: String
    var surname: String
    var postalCode: String
    var city: String
    var status: String
    /// `xs:date`, such as `2025-03-14`.
    var dueDate: String
    var entryDate: String

    // Credit card only.
    var cardType: String?
    var maskedCardNumber: String?
    /// `xs:gYearMonth`, such as `2027-08`.
    var expiryDate: String?

    // Direct debit only.
    var iban: String?
    var accountHolder: String?

    // E-wallet only.
    var provider: String?
}
