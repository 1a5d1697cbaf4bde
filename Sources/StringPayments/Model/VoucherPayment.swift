import XMLCoding

/// The extra children of a voucher payment (schema `VoucherPaymentType`, an extension of
/// `PaymentType` with `FormOfPayment` `Voucher`).
///
/// Children in schema order, after the base children of ``Payment``: `VoucherCode`,
/// `VoucherIssuer`?.
public struct VoucherPayment: Codable, Hashable, Sendable {
    /// `VoucherCode`: the voucher's code.
    public var voucherCode: String
    /// `VoucherIssuer`: who issued the voucher.
    public var voucherIssuer: String?

    /// Creates the voucher payment's extra children.
    ///
    /// - Parameters:
    ///   - voucherCode: The voucher's code.
    ///   - voucherIssuer: Who issued the voucher.
    public init(voucherCode: String, voucherIssuer: String? = nil) {
        self.voucherCode = voucherCode
        self.voucherIssuer = voucherIssuer
    }

    enum CodingKeys: String, XMLCodingKey {
        case voucherCode = "VoucherCode"
        case voucherIssuer = "VoucherIssuer"
    }
}
