public import XMLCoding

/// Where an enveloped request goes and who sends it (schema `RoutingHeaderType`, in
/// `StringRequest`).
///
/// Children in schema order: `OperatorCode` (IdentifierType: the tour operator addressed),
/// `AgencyInformation`?.
public struct RoutingHeader: Codable, Hashable, Sendable {
    /// `OperatorCode`: the tour operator the request is for.
    public var operatorCode: Identifier
    /// `AgencyInformation`: the sending agency.
    public var agencyInformation: AgencyInformation?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates a routing header.
    ///
    /// - Parameters:
    ///   - operatorCode: The tour operator addressed.
    ///   - agencyInformation: The sending agency.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        operatorCode: Identifier,
        agencyInformation: AgencyInformation? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.operatorCode = operatorCode
        self.agencyInformation = agencyInformation
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case operatorCode = "OperatorCode"
        case agencyInformation = "AgencyInformation"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
