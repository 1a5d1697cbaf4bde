public import XMLCoding

/// Options for ``StringMessage/decode(from:options:)-(ContiguousBytes,_)``. The defaults are strict where strictness
/// protects, and tolerant where the STRING versioning rule asks for tolerance.
public struct StringDecodingOptions: Sendable, Hashable {
    /// What to do with an element the model does not declare. The default is
    /// `XMLDecodingOptions.UnknownElementPolicy.ignore`.
    ///
    /// Within a major STRING version new elements are only ever added, as optional ones, so an
    /// older reader must keep working with newer messages: ignoring is the default. Unknown
    /// children are kept in the `unknownElements` of the model type they occur in (a message root
    /// or any type below it) either way, so a round trip loses nothing. With `.reject`, any unknown
    /// element (those kept in `unknownElements` included) and any element out of schema order is
    /// an error (`unknown-element`, `element-out-of-order`);
    /// the content of `Services` and the extra children of a payment kept with
    /// ``lenientPaymentTypes`` stay exempt, since they are declared as open content.
    public var unknownElements: XMLDecodingOptions.UnknownElementPolicy

    /// Whether a `Payment` with an `xsi:type` the library does not know is kept as
    /// ``PaymentSpecialisation/unknown(type:extraElements:)``. The default is `false`.
    ///
    /// By default such a payment is refused with `unknown-type`: its meaning (who pays, how) is
    /// unknown, so processing it would be guesswork. Turn it on for tools that only inspect or
    /// forward messages.
    public var lenientPaymentTypes: Bool

    /// Limits for reading untrusted input. The default is `XMLReadingOptions.default`
    /// (64 MiB, depth 256; DTDs, external entities and network access are always refused).
    public var reading: XMLReadingOptions

    /// Creates decoding options.
    ///
    /// - Parameters:
    ///   - unknownElements: What to do with undeclared elements. Default `.ignore`.
    ///   - lenientPaymentTypes: Whether to keep payments of unknown `xsi:type`. Default `false`.
    ///   - reading: Limits for reading the input. Default `XMLReadingOptions.default`.
    public init(
        unknownElements: XMLDecodingOptions.UnknownElementPolicy = .ignore,
        lenientPaymentTypes: Bool = false,
        reading: XMLReadingOptions = .default
    ) {
        self.unknownElements = unknownElements
        self.lenientPaymentTypes = lenientPaymentTypes
        self.reading = reading
    }

    /// The XML decoder these options configure.
    var decoder: XMLDecoder {
        XMLDecoder(
            // DateType and the card's ExpiryDate are patterns without a time zone (Schemas/README.md).
            options: XMLDecodingOptions(
                reading: reading, unknownElements: unknownElements, allowsTimeZonesInDates: false),
            userInfo: [
                StringCodingOptions.lenientPaymentTypesKey: lenientPaymentTypes,
                StringCodingOptions.keepsUnknownAmountChildrenKey: unknownElements != .reject,
            ])
    }
}
