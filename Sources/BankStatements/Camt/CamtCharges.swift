import XMLCoding

/// `Chrgs`, in both shapes: version 02 repeats `Chrgs` with `Amt` and `Tp` directly inside;
/// version 08 has one `Chrgs` holding `Rcrd` elements, each with `Amt`, `ChrgInclInd` and `Tp`.
struct CamtCharges: Decodable, Sendable {
    /// `Amt` (version 02).
    var amount: CamtAmount?
    /// `Tp` (version 02).
    var type: ChargeType?
    /// `Rcrd` (version 08).
    var records: [Record]

    enum CodingKeys: String, XMLCodingKey {
        case amount = "Amt"
        case type = "Tp"
        case records = "Rcrd"
    }

    struct Record: Decodable, Sendable {
        var amount: CamtAmount
        var isIncluded: Bool?
        var type: ChargeType?

        enum CodingKeys: String, XMLCodingKey {
            case amount = "Amt"
            case isIncluded = "ChrgInclInd"
            case type = "Tp"
        }
    }

    /// `Tp`: `Cd`, or `Prtry/Id`.
    struct ChargeType: Decodable, Sendable {
        var code: String?
        var proprietary: Proprietary?

        enum CodingKeys: String, XMLCodingKey {
            case code = "Cd"
            case proprietary = "Prtry"
        }

        struct Proprietary: Decodable, Sendable {
            var identification: String

            enum CodingKeys: String, XMLCodingKey {
                case identification = "Id"
            }
        }

        var name: String? { code ?? proprietary?.identification }
    }

    /// Appends every charge, in document order, whichever shape carried it.
    func appendCharges(to result: inout [BankCharge]) {
        if let amount {
            result.append(BankCharge(amount: amount.value, type: type?.name))
        }
        for record in records {
            result.append(
                BankCharge(
                    amount: record.amount.value, type: record.type?.name, isIncludedInEntryAmount: record.isIncluded))
        }
    }
}
