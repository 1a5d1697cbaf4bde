import XMLCoding

extension Payment: Codable {
    enum CodingKeys: String, XMLCodingKey {
        case identifier = "Identifier"
        case collection = "Collection"
        case schemaType = "type"
        case paymentScope = "PaymentScope"
        case formOfPayment = "FormOfPayment"
        case paymentAmount = "PaymentAmount"
        case paymentServiceProvider = "PaymentServiceProvider"
        case cashHolder = "CashHolder"
        case status = "Status"
        case dates = "Dates"
        case paymentDetails = "PaymentDetails"
        /// The children of an unknown specialisation; declared last so it claims only what the
        /// base children left.
        case extraElements = "ExtraElements"
        /// The children neither the base type nor a known specialisation declares; decoded after
        /// the specialisation, so it claims only what both left.
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind {
            switch self {
            case .identifier, .collection, .schemaType: return .attribute
            case .extraElements, .unknownElements: return .otherElements
            default: return .element
            }
        }

        var xmlNamespace: XMLKeyNamespace {
            self == .schemaType ? .uri(XMLNamespace.schemaInstance) : .inherited
        }
    }

    /// Decodes the attributes and base children, then the children of the specialisation named by
    /// `xsi:type`, which follow the base children in the same element, and last keeps the children
    /// neither declares in ``unknownElements``.
    ///
    /// An `xsi:type` naming `PaymentType` itself is the same as no `xsi:type`.
    ///
    /// - Throws: `XMLCodingError` with code `unknown-type` for an `xsi:type` outside the STRING
    ///   namespace or naming no payment type, unless
    ///   ``StringCodingOptions/lenientPaymentTypesKey`` is `true` in the decoder's `userInfo`;
    ///   `unresolved-prefix` for a prefix without declaration; or the error of a child.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        identifier = try container.decode(Identifier.self, forKey: .identifier)
        collection = try container.decodeIfPresent(PaymentCollection.self, forKey: .collection)
        let type = try container.decodeIfPresent(XMLQualifiedName.self, forKey: .schemaType)
        paymentScope = try container.decode(PaymentScope.self, forKey: .paymentScope)
        formOfPayment = try container.decodeIfPresent(FormOfPayment.self, forKey: .formOfPayment)
        paymentAmount = try container.decode(CurrencyAmount.self, forKey: .paymentAmount)
        paymentServiceProvider = try container.decodeIfPresent(
            PaymentServiceProvider.self, forKey: .paymentServiceProvider)
        cashHolder = try container.decodeIfPresent(CashHolder.self, forKey: .cashHolder)
        status = try container.decodeIfPresent(PaymentStatus.self, forKey: .status)
        dates = try container.decodeIfPresent(PaymentDates.self, forKey: .dates)
        paymentDetails = try container.decodeIfPresent(PaymentDetails.self, forKey: .paymentDetails)

        specialisation = try Self.decodeSpecialisation(type, from: decoder, container: container)
        unknownElements = try container.decode([XMLAnyElement].self, forKey: .unknownElements)
    }

    /// Decodes the children of the specialisation named by `type` (`nil`: no `xsi:type`).
    private static func decodeSpecialisation(
        _ type: XMLQualifiedName?, from decoder: any Decoder, container: KeyedDecodingContainer<CodingKeys>
    ) throws -> PaymentSpecialisation {
        guard let type else { return .unspecified }
        let specialisation: PaymentSpecialisation
        switch PaymentSpecialisation.TypeName(type) {
        case .base: specialisation = .unspecified
        case .invoice: specialisation = .invoice
        case .creditCard: specialisation = .creditCard(try CreditCardPayment(from: decoder))
        case .directDebit: specialisation = .directDebit(try DirectDebitPayment(from: decoder))
        case .eBanking: specialisation = .eBanking(try EBankingPayment(from: decoder))
        case .eWallet: specialisation = .eWallet(try EWalletPayment(from: decoder))
        case .installment: specialisation = .installment(try InstallmentPayment(from: decoder))
        case .voucher: specialisation = .voucher(try VoucherPayment(from: decoder))
        case nil:
            guard StringCodingOptions.lenientPaymentTypes(decoder.userInfo) else {
                throw XMLCodingError(
                    code: .unknownType,
                    message: "xsi:type \(type) is not a payment type; expected one of "
                        + PaymentSpecialisation.TypeName.allCases.map(\.rawValue).joined(separator: ", ")
                        + " in the namespace \(StringNamespace.uri)",
                    codingPath: container.codingPath + [CodingKeys.schemaType])
            }
            specialisation = .unknown(
                type: type, extraElements: try container.decode([XMLAnyElement].self, forKey: .extraElements))
        }
        return specialisation
    }

    /// Encodes the attributes (`Identifier`, `Collection`, `xsi:type`), the base children and then
    /// the specialisation's children, all in schema order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(identifier, forKey: .identifier)
        try container.encodeIfPresent(collection, forKey: .collection)
        try container.encodeIfPresent(specialisation.typeName, forKey: .schemaType)
        try container.encode(paymentScope, forKey: .paymentScope)
        try container.encodeIfPresent(formOfPayment, forKey: .formOfPayment)
        try container.encode(paymentAmount, forKey: .paymentAmount)
        try container.encodeIfPresent(paymentServiceProvider, forKey: .paymentServiceProvider)
        try container.encodeIfPresent(cashHolder, forKey: .cashHolder)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(dates, forKey: .dates)
        try container.encodeIfPresent(paymentDetails, forKey: .paymentDetails)
        switch specialisation {
        case .unspecified, .invoice: break
        case .creditCard(let extra): try extra.encode(to: encoder)
        case .directDebit(let extra): try extra.encode(to: encoder)
        case .eBanking(let extra): try extra.encode(to: encoder)
        case .eWallet(let extra): try extra.encode(to: encoder)
        case .installment(let extra): try extra.encode(to: encoder)
        case .voucher(let extra): try extra.encode(to: encoder)
        case .unknown(_, let extraElements): try container.encode(extraElements, forKey: .extraElements)
        }
        try container.encode(unknownElements, forKey: .unknownElements)
    }
}
