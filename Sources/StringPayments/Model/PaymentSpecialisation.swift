public import XMLCoding

/// Which `PaymentType` a ``Payment`` is, by its `xsi:type`, with the specialisation's extra
/// children.
///
/// STRING expresses the form of payment as an `xs:extension` of `PaymentType` named by `xsi:type`
/// on the `Payment` element (`<Payment xsi:type="CreditCardPaymentType">`). Each extension
/// appends its children after the base children. When `xsi:type` names a specialisation,
/// `FormOfPayment` must be absent or equal to ``formOfPayment`` (checked by the library's
/// validation, with `StringPaymentsError.Code.formOfPaymentMismatch`).
public enum PaymentSpecialisation: Hashable, Sendable {
    /// A plain `PaymentType` without `xsi:type`: the form of payment is not chosen yet, as in the
    /// deposit and balance a tour operator announces.
    case unspecified
    /// `InvoicePaymentType`: no extra children; the invoice goes to the booking's invoice address,
    /// else to the booking owner.
    case invoice
    /// `CreditCardPaymentType`: card or PCI token.
    case creditCard(CreditCardPayment)
    /// `DirectDebitPaymentType`: SEPA direct debit.
    case directDebit(DirectDebitPayment)
    /// `EBankingPaymentType`: online banking transfer.
    case eBanking(EBankingPayment)
    /// `EWalletPaymentType`: e-wallet such as PayPal.
    case eWallet(EWalletPayment)
    /// `InstallmentPaymentType`: payment in instalments.
    case installment(InstallmentPayment)
    /// `VoucherPaymentType`: travel voucher.
    case voucher(VoucherPayment)
    /// An `xsi:type` this library does not know, kept with the children that follow the base
    /// children, in document order.
    ///
    /// Only decoded when ``StringDecodingOptions/lenientPaymentTypes`` is on; encoding writes the
    /// type and the elements back as they were.
    case unknown(type: XMLQualifiedName, extraElements: [XMLAnyElement])

    /// The `xsi:type` local names of `PaymentType` and its seven extensions, declared once.
    enum TypeName: String, CaseIterable {
        /// The base type; as `xsi:type` it means the same as no `xsi:type`.
        case base = "PaymentType"
        case invoice = "InvoicePaymentType"
        case creditCard = "CreditCardPaymentType"
        case directDebit = "DirectDebitPaymentType"
        case eBanking = "EBankingPaymentType"
        case eWallet = "EWalletPaymentType"
        case installment = "InstallmentPaymentType"
        case voucher = "VoucherPaymentType"

        /// The type named by a resolved `xsi:type`, or `nil` when it is not in the STRING namespace
        /// or names no payment type.
        init?(_ name: XMLQualifiedName) {
            guard name.namespace == StringNamespace.uri else { return nil }
            self.init(rawValue: name.localName)
        }

        /// The form of payment the extension stands for; `nil` for the base type.
        var formOfPayment: FormOfPayment? {
            switch self {
            case .base: return nil
            case .invoice: return .invoice
            case .creditCard: return .creditCard
            case .directDebit: return .directDebit
            case .eBanking: return .eBanking
            case .eWallet: return .eWallet
            case .installment: return .installment
            case .voucher: return .voucher
            }
        }
    }

    /// The known type this case stands for; `nil` for ``unspecified`` and
    /// ``unknown(type:extraElements:)``.
    var knownTypeName: TypeName? {
        switch self {
        case .unspecified, .unknown: return nil
        case .invoice: return .invoice
        case .creditCard: return .creditCard
        case .directDebit: return .directDebit
        case .eBanking: return .eBanking
        case .eWallet: return .eWallet
        case .installment: return .installment
        case .voucher: return .voucher
        }
    }

    /// The `xsi:type` written for this specialisation, in the STRING namespace for the seven known
    /// ones; `nil` for ``unspecified``.
    public var typeName: XMLQualifiedName? {
        if case .unknown(let type, _) = self { return type }
        return knownTypeName.map { StringNamespace.name($0.rawValue) }
    }

    /// The form of payment the specialisation stands for; `nil` for ``unspecified`` and
    /// ``unknown(type:extraElements:)``.
    public var formOfPayment: FormOfPayment? {
        knownTypeName?.formOfPayment
    }
}
