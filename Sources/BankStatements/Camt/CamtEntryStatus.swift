import XMLCoding

/// `Sts`: a code as text (version 02, `EntryStatus2Code`) or a choice of `Cd` and `Prtry`
/// (version 08, `EntryStatus1Choice`).
struct CamtEntryStatus: Decodable, Sendable {
    var text: String?
    var code: String?
    var proprietary: String?

    enum CodingKeys: String, XMLCodingKey {
        case text
        case code = "Cd"
        case proprietary = "Prtry"

        var xmlNodeKind: XMLNodeKind { self == .text ? .text : .element }
    }

    /// The status, or `nil` when the element carries none.
    var status: EntryStatus? {
        if let code { return EntryStatus(code: code) }
        if let proprietary { return .other(proprietary) }
        let collapsed = text.map(XMLWhitespace.collapse) ?? ""
        return collapsed.isEmpty ? nil : EntryStatus(code: collapsed)
    }
}
