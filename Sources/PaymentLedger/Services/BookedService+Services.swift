public import StringPayments
public import XMLCoding

extension BookedService {
    /// Reads one service from a child element of a STRING `Services`.
    ///
    /// `Services` is free content, so the reading follows the common conventions and never
    /// fails: the kind is the `Type` attribute or child, else the element's local name; the
    /// code is `Code`; the description is a `Description` or `Name` child, else the element's own
    /// text; the dates are `StartDate` and `EndDate` (attributes or children, `xs:date`; other
    /// text is ignored); the travellers are a `Travellers` attribute of identifiers separated by
    /// spaces, or `TravellerRef` children (their text or `Identifier` attribute). Texts are
    /// collapsed to single spaces and cut to the limits (``maximumCodeLength``,
    /// ``maximumDescriptionLength``, ``maximumTravellers``).
    ///
    /// - Parameter element: A child element of `Services`.
    public init(element: XMLAnyElement) {
        let kind = Self.clip(Self.value(of: "Type", in: element) ?? element.name.localName, Self.maximumCodeLength)
        let code = Self.value(of: "Code", in: element).map { Self.clip($0, Self.maximumCodeLength) }
        let ownText = Self.collapsed(element.text)
        let description =
            Self.value(of: "Description", in: element) ?? Self.value(of: "Name", in: element) ?? ownText
        var travellers: [Identifier] = []
        if let list = element.attribute(XMLQualifiedName("Travellers")) {
            travellers = list.split(whereSeparator: \.isWhitespace).compactMap {
                Identifier(xmlLexicalForm: String($0))
            }
        }
        for child in element.childElements where child.name.localName == "TravellerRef" {
            let text = child.attribute(XMLQualifiedName("Identifier")) ?? Self.collapsed(child.text)
            if let identifier = Identifier(xmlLexicalForm: text) { travellers.append(identifier) }
        }
        var start = Self.value(of: "StartDate", in: element).flatMap { XMLDate(xmlLexicalForm: $0)?.withoutTimeZone }
        var end = Self.value(of: "EndDate", in: element).flatMap { XMLDate(xmlLexicalForm: $0)?.withoutTimeZone }
        if let first = start, let last = end, last < first { (start, end) = (nil, nil) }
        self.init(
            kind: kind.isEmpty ? "Service" : kind, code: code?.isEmpty == true ? nil : code,
            description: Self.clip(description, Self.maximumDescriptionLength), startDate: start, endDate: end,
            travellers: Array(travellers.prefix(Self.maximumTravellers)))
    }

    /// The services of a STRING `Services`, one per child element, at most ``maximumCount``.
    ///
    /// - Parameter services: The request's services; `nil` gives none.
    /// - Returns: The services in document order.
    public static func services(of services: Services?) -> [BookedService] {
        (services?.content ?? []).prefix(maximumCount).map(BookedService.init(element:))
    }

    /// The attribute (without namespace), else the text of the first child with the local name.
    private static func value(of name: String, in element: XMLAnyElement) -> String? {
        let text =
            element.attribute(XMLQualifiedName(name))
            ?? element.childElements.first(where: { $0.name.localName == name })?.text
        guard let text else { return nil }
        let value = collapsed(text)
        return value.isEmpty ? nil : value
    }

    /// The text with every run of white space or control characters one space, trimmed.
    private static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: {
            $0.isWhitespace || $0.unicodeScalars.contains(where: BookingDetailsChange.isControl)
        })
        .joined(separator: " ")
    }

    private static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit))
    }
}
