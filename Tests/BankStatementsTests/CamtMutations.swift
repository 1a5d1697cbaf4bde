import TestSupport

/// Random, reproducible damage to a camt document (``XMLMutations`` with camt's wrong values:
/// empty, negative, too many fraction digits, not a date, too long, not a code, child elements
/// where text belongs; camt element names; wrong `Ccy` attributes).
enum CamtMutations {
    static let mutator = XMLMutations(
        badValues: [
            "", "X", "-5.00", "12.345", "1.123456", "2026-13-45", "2026-11-23T25:00:00", "true", "2", "CRDT",
            "DBIT", " BOOK ", "PDNG", "<Cd>BOOK</Cd>", "RF18539007547034", String(repeating: "A", count: 141),
            "DE00 1234", "100000000000000000000", "0", "00.10",
        ],
        names: [
            "Amt", "Ccy", "CdtDbtInd", "Sts", "Cd", "NtryRef", "AcctSvcrRef", "BookgDt", "ValDt", "Dt", "RvslInd",
            "Ustrd", "Nm", "IBAN", "Id", "MsgId", "TxDtls", "NtryDtls", "Ntry", "Chrgs", "Rcrd", "Tp", "Prtry",
        ],
        attributes: ["", " Ccy=\"eur\"", " Ccy=\"XXXX\"", " Ccy=\"USD\"", " Ccy=\"JPY\""])

    /// The document with `count` random mutations.
    static func mutate(_ xml: String, count: Int, using generator: inout SeededGenerator) -> String {
        mutator.mutate(xml, count: count, using: &generator)
    }
}
