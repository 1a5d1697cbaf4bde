import XMLCoding

extension CashHolder: Codable {
    enum CodingKeys: String, XMLCodingKey, CaseIterable {
        case assignedToBookingOwner = "AssignedToBookingOwner"
        case assignedToTraveller = "AssignedToTraveller"
        case ownerDetails = "OwnerDetails"
    }

    /// The children that are none of the three.
    enum OtherKey: String, XMLCodingKey {
        case others = "Others"

        var xmlNodeKind: XMLNodeKind { .otherElements }
    }

    /// Decodes the choice from whichever of its three child elements is present.
    ///
    /// A choice has exactly one child, in this schema version and in any later one (a newer
    /// version can add an alternative, never a sibling), so an undeclared element beside the
    /// chosen one is refused rather than dropped: a round trip would lose it, and there is no
    /// place to keep it in a choice.
    ///
    /// - Throws: `XMLCodingError` with code `missing-element` when none of the three is present,
    ///   `type-mismatch` when more than one is or an undeclared element is beside it, or the error
    ///   of decoding the present one.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let present = CodingKeys.allCases.filter { container.contains($0) }
        guard let key = present.first else {
            throw XMLCodingError(
                code: .missingElement,
                message:
                    "CashHolder needs one of AssignedToBookingOwner, AssignedToTraveller or OwnerDetails",
                codingPath: decoder.codingPath)
        }
        guard present.count == 1 else {
            throw XMLCodingError(
                code: .typeMismatch,
                message: "CashHolder is a choice of exactly one child, but has "
                    + present.map(\.rawValue).joined(separator: " and "),
                codingPath: decoder.codingPath)
        }
        switch key {
        case .assignedToBookingOwner:
            self = .assignedToBookingOwner(try container.decode(Bool.self, forKey: key))
        case .assignedToTraveller:
            self = .assignedToTraveller(try container.decode(Identifier.self, forKey: key))
        case .ownerDetails:
            self = .ownerDetails(try container.decode(PersonDetails.self, forKey: key))
        }
        let others = try decoder.container(keyedBy: OtherKey.self).decodeIfPresent(
            [XMLAnyElement].self, forKey: .others)
        if let other = others?.first {
            throw XMLCodingError(
                code: .typeMismatch,
                message: "CashHolder is a choice of exactly one child, but has \(other.name) beside \(key.rawValue)",
                codingPath: decoder.codingPath)
        }
    }

    /// Encodes the one child element of the chosen case.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .assignedToBookingOwner(let flag):
            try container.encode(flag, forKey: .assignedToBookingOwner)
        case .assignedToTraveller(let traveller):
            try container.encode(traveller, forKey: .assignedToTraveller)
        case .ownerDetails(let details):
            try container.encode(details, forKey: .ownerDetails)
        }
    }
}
