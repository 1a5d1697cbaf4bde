import XMLCoding

/// The extra children of an instalment payment (schema `InstallmentPaymentType`, an extension of
/// `PaymentType` with `FormOfPayment` `Installment`).
///
/// Children, after the base children of ``Payment``: `Installment`+ (InstallmentType), numbered
/// 1…n in order, in the payment's currency and adding up to `PaymentAmount`.
public struct InstallmentPayment: Codable, Hashable, Sendable {
    /// `Installment`: the instalments, one or more, in order.
    public var installments: [Installment]

    /// Creates the instalment payment's extra children.
    ///
    /// - Parameter installments: The instalments, one or more, in order.
    public init(installments: [Installment]) {
        self.installments = installments
    }

    /// Decodes the instalments.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` when there is no `Installment`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        installments = try container.decodeOneOrMore(Installment.self, forKey: .installments)
    }

    enum CodingKeys: String, XMLCodingKey {
        case installments = "Installment"
    }
}
