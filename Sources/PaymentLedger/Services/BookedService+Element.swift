public import StringPayments
public import XMLCoding

extension BookedService {
    /// The service as a STRING `Service` element, in the conventions ``init(element:)`` reads:
    /// `Type`, `Code`, `StartDate`, `EndDate` and `Travellers` (identifiers separated by spaces)
    /// as attributes, the description as the text; attributes the service lacks are left out.
    ///
    /// Reading the element back gives the same service. The element is the ledger's account of
    /// what was booked, not the request's XML: answers carry the request's own content
    /// (``LedgerBooking/servicesContent``) and use this form only for services recorded without
    /// a request.
    public var element: XMLAnyElement {
        func attribute(_ name: String, _ value: String?) -> XMLAnyElement.Attribute? {
            value.map { XMLAnyElement.Attribute(name: XMLQualifiedName(name), value: $0) }
        }
        let attributes = [
            attribute("Type", kind), attribute("Code", code), attribute("StartDate", startDate?.xmlLexicalForm),
            attribute("EndDate", endDate?.xmlLexicalForm),
            attribute("Travellers", travellers.isEmpty ? nil : travellers.map(\.value).joined(separator: " ")),
        ]
        return XMLAnyElement(
            name: XMLQualifiedName(namespace: StringNamespace.uri, localName: "Service"),
            attributes: attributes.compactMap { $0 }, children: description.isEmpty ? [] : [.text(description)])
    }

    /// A booking's services as a STRING `Services`, one ``element`` each; `nil` for none.
    ///
    /// - Parameter services: The services, in booking order.
    /// - Returns: The `Services` for a response.
    public static func services(_ services: [BookedService]) -> Services? {
        services.isEmpty ? nil : Services(content: services.map(\.element))
    }
}
