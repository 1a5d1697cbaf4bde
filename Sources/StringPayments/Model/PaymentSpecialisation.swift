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

    /// The local names of the seven specialisations, in the order of the content model's table.
    static let knownTypeNames: [String] = [
        "InvoicePaymentType", "CreditCardPaymentType", "DirectDebitPaymentType", "EBankingPaymentType",
        "EWalletPaymentType", "InstallmentPaymentType", "VoucherPaymentType",
    ]

    /// The `xsi:type` written for this specialisation; `nil` for ``unspecified``.
    public var typeName: XMLQualifiedName? {
        switch self {
        case .unspecified: return nil
        case .invoice: return StringNamespace.name("InvoicePaymentType")
        case .creditCard: return StringNamespace.name("CreditCardPaymentType")
        case .directDebit: return StringNamespace.name("DirectDebitPaymentType")
        case .eBanking: return StringNamespace.name("EBankingPaymentType")
        case .eWallet: return StringNamespace.name("EWalletPaymentType")
        case .installment: return StringNamespace.name("InstallmentPaymentType")
        case .voucher: return StringNamespace.name("VoucherPaymentType")
        case .unknown(let type, _): return type
        }
    }

    /// The form of payment the specialisation stands for; `nil` for ``unspecified`` and
    /// ``unknown(type:extraElements:)``.
    public var formOfPayment: FormOfPayment? {
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
}
