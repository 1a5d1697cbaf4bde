import XMLCoding

/// The root `Document` of camt.053 and camt.054, in any version: the message element it holds.
///
/// The keys inherit the root's namespace, so one model reads every version; the decoder is told the
/// exact root name (`{urn:iso:std:iso:20022:tech:xsd:camt.053.001.08}Document`) per document.
struct CamtDocument: Decodable, Sendable {
    /// `BkToCstmrStmt` (camt.053).
    var statementMessage: CamtMessage?
    /// `BkToCstmrDbtCdtNtfctn` (camt.054).
    var notificationMessage: CamtMessage?

    enum CodingKeys: String, XMLCodingKey {
        case statementMessage = "BkToCstmrStmt"
        case notificationMessage = "BkToCstmrDbtCdtNtfctn"
    }
}

/// `BkToCstmrStmt` or `BkToCstmrDbtCdtNtfctn`: the group header and the reports.
struct CamtMessage: Decodable, Sendable {
    var groupHeader: CamtGroupHeader
    /// `Stmt` (camt.053).
    var statements: [CamtReport]
    /// `Ntfctn` (camt.054).
    var notifications: [CamtReport]

    enum CodingKeys: String, XMLCodingKey {
        case groupHeader = "GrpHdr"
        case statements = "Stmt"
        case notifications = "Ntfctn"
    }
}

/// `GrpHdr`: `MsgId` and `CreDtTm`.
struct CamtGroupHeader: Decodable, Sendable {
    var messageIdentification: String
    var creationDateTime: XMLDateTime?

    enum CodingKeys: String, XMLCodingKey {
        case messageIdentification = "MsgId"
        case creationDateTime = "CreDtTm"
    }
}
