public import XMLCoding

/// The agency that sends a request (schema `AgencyInformationType`).
///
/// Children in schema order: `Agency` (xs:string, the agency number), `AgentId`? (xs:int).
public struct AgencyInformation: Codable, Hashable, Sendable {
    /// `Agency`: the agency's number at the tour operator.
    public var agency: String
    /// `AgentId`: the agent within the agency.
    public var agentId: Int32?
    /// Child elements the model does not declare (from a newer schema version), kept in document
    /// order and written back after the declared children.
    public var unknownElements: [XMLAnyElement]

    /// Creates agency information.
    ///
    /// - Parameters:
    ///   - agency: The agency's number.
    ///   - agentId: The agent within the agency.
    ///   - unknownElements: Undeclared child elements to write back. Default none.
    public init(
        agency: String,
        agentId: Int32? = nil,
        unknownElements: [XMLAnyElement] = []
    ) {
        self.agency = agency
        self.agentId = agentId
        self.unknownElements = unknownElements
    }

    enum CodingKeys: String, XMLCodingKey {
        case agency = "Agency"
        case agentId = "AgentId"
        case unknownElements = "UnknownElements"

        var xmlNodeKind: XMLNodeKind { self == .unknownElements ? .otherElements : .element }
    }
}
