import XMLCoding

/// A model type that keeps the child elements it does not declare in `unknownElements`, and can
/// refuse them (and those of its descendants) for `UnknownElementPolicy.reject`.
///
/// The decoder never counts elements claimed by an `otherElements` key as unknown, so strict
/// decoding walks the decoded message instead. The element names of the path come from the
/// `CodingKeys`, the one place the model declares them.
protocol RejectingUnknownElements {
    /// Throws `unknown-element` for the first undeclared element kept by this value or below it.
    ///
    /// - Parameter path: The element path of this value, such as `/PaymentRequest/Payments`.
    /// - Throws: `XMLCodingError` with code `unknown-element`.
    func rejectUnknownElements(at path: String) throws(XMLCodingError)
}

extension [XMLAnyElement] {
    /// Throws for the first element, named under `path`: `element-out-of-order` when one of `keys`
    /// declares an element of its name (a second occurrence of a single element, as the decoder
    /// reports it), `unknown-element` otherwise.
    func rejectAsUnknown(under path: String, declaredBy keys: [any XMLCodingKey.Type]) throws(XMLCodingError) {
        guard let element = first else { return }
        let declared =
            element.name.namespace == StringNamespace.uri
            && keys.contains { keyType in keyType.init(stringValue: element.name.localName)?.xmlNodeKind == .element }
        throw XMLCodingError(
            code: declared ? .elementOutOfOrder : .unknownElement,
            message: declared
                ? "element \(element.name) occurs more often than the type declares"
                : "element \(element.name) is not declared by the type",
            elementPath: path + "/" + element.name.localName)
    }
}

extension CodingKey {
    /// The element path of the child this key names, below `path`.
    func path(under path: String) -> String { path + "/" + stringValue }
}

// MARK: - Message roots and envelope

extension PaymentRequest: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try agencyInformation?.rejectUnknownElements(at: CodingKeys.agencyInformation.path(under: path))
        try payments.rejectUnknownElements(at: CodingKeys.payments.path(under: path))
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension PaymentResponse: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try payments.rejectUnknownElements(at: CodingKeys.payments.path(under: path))
        try paymentOptions?.rejectUnknownElements(at: CodingKeys.paymentOptions.path(under: path))
        try paymentOverview?.rejectUnknownElements(at: CodingKeys.paymentOverview.path(under: path))
        try informations?.rejectUnknownElements(at: CodingKeys.informations.path(under: path))
        try warnings?.rejectUnknownElements(at: CodingKeys.warnings.path(under: path))
        try errors?.rejectUnknownElements(at: CodingKeys.errors.path(under: path))
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension BookingRequest: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try agencyInformation?.rejectUnknownElements(at: CodingKeys.agencyInformation.path(under: path))
        try travellers?.rejectUnknownElements(at: CodingKeys.travellers.path(under: path))
        try bookingDetails?.rejectUnknownElements(at: CodingKeys.bookingDetails.path(under: path))
        try prices?.rejectUnknownElements(at: CodingKeys.prices.path(under: path))
        try payments?.rejectUnknownElements(at: CodingKeys.payments.path(under: path))
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension BookingResponse: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try travellers?.rejectUnknownElements(at: CodingKeys.travellers.path(under: path))
        try bookingDetails?.rejectUnknownElements(at: CodingKeys.bookingDetails.path(under: path))
        try prices?.rejectUnknownElements(at: CodingKeys.prices.path(under: path))
        try payments?.rejectUnknownElements(at: CodingKeys.payments.path(under: path))
        try paymentOptions?.rejectUnknownElements(at: CodingKeys.paymentOptions.path(under: path))
        try paymentOverview?.rejectUnknownElements(at: CodingKeys.paymentOverview.path(under: path))
        try informations?.rejectUnknownElements(at: CodingKeys.informations.path(under: path))
        try warnings?.rejectUnknownElements(at: CodingKeys.warnings.path(under: path))
        try errors?.rejectUnknownElements(at: CodingKeys.errors.path(under: path))
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension ErrorResponse: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try errors.rejectUnknownElements(at: CodingKeys.errors.path(under: path))
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

/// The payload of `Content` is checked by `StringMessage`, as a message of its own.
extension StringMessageRequest: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try stringRequest.rejectUnknownElements(at: CodingKeys.stringRequest.path(under: path))
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

/// The payload of `Content` is checked by `StringMessage`, as a message of its own.
extension StringMessageResponse: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try stringResponse.rejectUnknownElements(at: CodingKeys.stringResponse.path(under: path))
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension StringRequest: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try routingHeader.rejectUnknownElements(at: CodingKeys.routingHeader.path(under: path))
        try authHeader?.rejectUnknownElements(at: CodingKeys.authHeader.path(under: path))
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension StringResponse: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension RoutingHeader: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try agencyInformation?.rejectUnknownElements(at: CodingKeys.agencyInformation.path(under: path))
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension AuthHeader: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

// MARK: - Payments

extension PaymentsRequest: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        for payment in payments {
            try payment.rejectUnknownElements(at: CodingKeys.payments.path(under: path))
        }
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension PaymentsResponse: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        for payment in payments {
            try payment.rejectUnknownElements(at: CodingKeys.payments.path(under: path))
        }
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

/// The extra children of an unknown `xsi:type` are open content and stay exempt.
extension Payment: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try paymentServiceProvider?.rejectUnknownElements(at: CodingKeys.paymentServiceProvider.path(under: path))
        if case .ownerDetails(let details) = cashHolder {
            try details.rejectUnknownElements(
                at: CashHolder.CodingKeys.ownerDetails.path(under: CodingKeys.cashHolder.path(under: path)))
        }
        try dates?.rejectUnknownElements(at: CodingKeys.dates.path(under: path))
        try paymentDetails?.rejectUnknownElements(at: CodingKeys.paymentDetails.path(under: path))
        switch specialisation {
        case .creditCard(let extra):
            try extra.creditCard?.rejectUnknownElements(at: CreditCardPayment.CodingKeys.creditCard.path(under: path))
        case .installment(let extra):
            for installment in extra.installments {
                try installment.rejectUnknownElements(
                    at: InstallmentPayment.CodingKeys.installments.path(under: path))
            }
        case .unspecified, .invoice, .directDebit, .eBanking, .eWallet, .voucher, .unknown: break
        }
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self, specialisationKeys])
    }
}

extension Payment {
    /// The keys of the specialisation's children, which follow the base children in `Payment`.
    private var specialisationKeys: any XMLCodingKey.Type {
        switch specialisation {
        case .creditCard: CreditCardPayment.CodingKeys.self
        case .directDebit: DirectDebitPayment.CodingKeys.self
        case .eBanking: EBankingPayment.CodingKeys.self
        case .eWallet: EWalletPayment.CodingKeys.self
        case .installment: InstallmentPayment.CodingKeys.self
        case .voucher: VoucherPayment.CodingKeys.self
        case .unspecified, .invoice, .unknown: CodingKeys.self
        }
    }
}

extension PaymentServiceProvider: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension PersonDetails: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension PaymentDates: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension PaymentDetails: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension CreditCard: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension Installment: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

// MARK: - Booking

extension AgencyInformation: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension Travellers: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        for traveller in travellers {
            try traveller.rejectUnknownElements(at: CodingKeys.travellers.path(under: path))
        }
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension Traveller: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension BookingDetails: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension Prices: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

// MARK: - Response details

extension PaymentOptions: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        for option in paymentOptions {
            try option.rejectUnknownElements(at: CodingKeys.paymentOptions.path(under: path))
        }
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension PaymentOption: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try paymentServiceProvider?.rejectUnknownElements(at: CodingKeys.paymentServiceProvider.path(under: path))
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension PaymentOverview: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try nextDue?.rejectUnknownElements(at: CodingKeys.nextDue.path(under: path))
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension NextDue: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension Informations: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        for detail in informationDetails {
            try detail.rejectUnknownElements(at: CodingKeys.informationDetails.path(under: path))
        }
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension Warnings: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        for detail in warningDetails {
            try detail.rejectUnknownElements(at: CodingKeys.warningDetails.path(under: path))
        }
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension Errors: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        for detail in errorDetails {
            try detail.rejectUnknownElements(at: CodingKeys.errorDetails.path(under: path))
        }
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}

extension MessageDetail: RejectingUnknownElements {
    func rejectUnknownElements(at path: String) throws(XMLCodingError) {
        try unknownElements.rejectAsUnknown(under: path, declaredBy: [CodingKeys.self])
    }
}
