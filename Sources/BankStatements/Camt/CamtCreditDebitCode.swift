import XMLCoding

/// `CreditDebitCode`: `CRDT` or `DBIT`.
enum CamtCreditDebitCode: String, XMLEnumeration {
    case credit = "CRDT"
    case debit = "DBIT"

    var indicator: CreditDebitIndicator { self == .credit ? .credit : .debit }
}
