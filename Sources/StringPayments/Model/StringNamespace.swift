public import XMLCoding

/// The XML namespace of DRV STRING.
///
/// Every STRING element is qualified with this namespace (`elementFormDefault="qualified"`);
/// attributes are unqualified. Instances usually declare it as the default namespace, but any
/// prefix works: names are compared by namespace URI, never by prefix.
public enum StringNamespace {
    /// `http://string.drv.de/xmlschema/string`, the target namespace of the STRING schemas.
    public static let uri = "http://string.drv.de/xmlschema/string"

    /// The qualified name of a STRING element or type with the given local name.
    ///
    /// - Parameter localName: The local part, such as `PaymentRequest` or `CreditCardPaymentType`.
    /// - Returns: The name in the STRING namespace.
    public static func name(_ localName: String) -> XMLQualifiedName {
        XMLQualifiedName(namespace: uri, localName: localName)
    }
}
