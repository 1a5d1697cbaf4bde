import XMLCoding

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

    /// Creates a routing header.
    ///
    /// - Parameters:
    ///   - operatorCode: The tour operator addressed.
    ///   - agencyInformation: The sending agency.
    public init(operatorCode: Identifier, agencyInformation: AgencyInformation? = nil) {
        self.operatorCode = operatorCode
        self.agencyInformation = agencyInformation
    }

    enum CodingKeys: String, XMLCodingKey {
        case operatorCode = "OperatorCode"
        case agencyInformation = "AgencyInformation"
    }
}
