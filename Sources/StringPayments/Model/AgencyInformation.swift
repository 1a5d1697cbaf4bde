import XMLCoding

/// The agency that sends a request (schema `AgencyInformationType`).
///
/// Children in schema order: `Agency` (xs:string, the agency number), `AgentId`? (xs:int).
public struct AgencyInformation: Codable, Hashable, Sendable {
    /// `Agency`: the agency's number at the tour operator.
    public var agency: String
    /// `AgentId`: the agent within the agency.
    public var agentId: Int32?

    /// Creates agency information.
    ///
    /// - Parameters:
    ///   - agency: The agency's number.
    ///   - agentId: The agent within the agency.
    public init(agency: String, agentId: Int32? = nil) {
        self.agency = agency
        self.agentId = agentId
    }

    enum CodingKeys: String, XMLCodingKey {
        case agency = "Agency"
        case agentId = "AgentId"
    }
}
