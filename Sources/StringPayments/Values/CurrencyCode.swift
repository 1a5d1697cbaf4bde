public import XMLCoding

/// An ISO 4217 alphabetic currency code, of STRING's `CurrencyCodeType` (pattern `[A-Z]{3}`).
///
/// Any three upper-case ASCII letters decode, so schema-valid input always decodes;
/// ``isISO4217`` tells whether the code is an active ISO 4217 code (the semantic checks report
/// an unknown one as ``StringPaymentsError/Code/unknownCurrency``). ``minorUnits`` is the
/// currency's exponent from the ISO 4217 table: the number of fraction digits every amount in the
/// currency is written with.
///
/// ```swift
/// CurrencyCode.eur.minorUnits        // 2
/// CurrencyCode("KWD")?.minorUnits    // 3
/// CurrencyCode("eur")                // nil: upper case only
/// ```
public struct CurrencyCode: XMLLexicalValue, Hashable, Comparable, CustomStringConvertible {
    /// The three upper-case letters, such as `EUR`.
    public let code: String

    /// Creates a currency code from three upper-case ASCII letters.
    ///
    /// - Parameter code: The code, such as `EUR`.
    /// - Returns: `nil` when the text is not three letters `A`–`Z`. A well-formed code that is
    ///   not in ISO 4217 is accepted; check ``isISO4217``.
    public init?(_ code: String) {
        let bytes = code.utf8
        guard bytes.count == 3, bytes.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else { return nil }
        self.code = code
    }

    /// Parses the lexical form; see ``init(_:)``.
    ///
    /// - Parameter text: The white-space collapsed text.
    public init?(xmlLexicalForm text: String) {
        self.init(text)
    }

    private init(known code: String) {
        self.code = code
    }

    /// The number of fraction digits amounts in this currency are written with: the ISO 4217
    /// exponent (EUR 2, JPY 0, KWD 3, CLF 4).
    ///
    /// Codes whose ISO 4217 minor unit is "N.A." (precious metals such as `XAU`, funds and
    /// units of account such as `XDR`, the testing code `XTS` and `XXX`) have 0: they have no
    /// minor unit. A code that is not in ISO 4217 has 2, the most common exponent.
    public var minorUnits: Int {
        // The euro first, compared as a small string without hashing: the ledger asks for it on
        // every amount it converts, and a table lookup costs more than the conversion.
        if code == "EUR" { return 2 }
        return Self.minorUnitsByCode[code] ?? 2
    }

    /// Whether the code is an active ISO 4217 code (one of ``allISO4217``).
    public var isISO4217: Bool { Self.minorUnitsByCode[code] != nil }

    /// The code.
    public var xmlLexicalForm: String { code }

    /// `CurrencyCodeType`.
    public static var xmlTypeName: String { "CurrencyCodeType" }
    /// Derived from `xs:string` by a pattern: white space is part of the value, and refused.
    public static var xmlWhiteSpace: XMLWhiteSpaceFacet { .preserve }

    /// The code, such as `EUR`.
    public var description: String { code }

    /// Orders codes alphabetically.
    public static func < (lhs: CurrencyCode, rhs: CurrencyCode) -> Bool {
        lhs.code < rhs.code
    }

    // MARK: Common currencies

    /// Euro, 2 minor units.
    public static let eur = CurrencyCode(known: "EUR")
    /// US dollar, 2 minor units.
    public static let usd = CurrencyCode(known: "USD")
    /// Swiss franc, 2 minor units.
    public static let chf = CurrencyCode(known: "CHF")
    /// Pound sterling, 2 minor units.
    public static let gbp = CurrencyCode(known: "GBP")
    /// Japanese yen, no minor unit.
    public static let jpy = CurrencyCode(known: "JPY")
    /// Kuwaiti dinar, 3 minor units.
    public static let kwd = CurrencyCode(known: "KWD")
    /// Danish krone, 2 minor units.
    public static let dkk = CurrencyCode(known: "DKK")
    /// Swedish krona, 2 minor units.
    public static let sek = CurrencyCode(known: "SEK")
    /// Norwegian krone, 2 minor units.
    public static let nok = CurrencyCode(known: "NOK")
    /// Polish złoty, 2 minor units.
    public static let pln = CurrencyCode(known: "PLN")
    /// Czech koruna, 2 minor units.
    public static let czk = CurrencyCode(known: "CZK")
    /// Hungarian forint, 2 minor units.
    public static let huf = CurrencyCode(known: "HUF")
    /// Australian dollar, 2 minor units.
    public static let aud = CurrencyCode(known: "AUD")
    /// Canadian dollar, 2 minor units.
    public static let cad = CurrencyCode(known: "CAD")

    // MARK: The ISO 4217 table

    /// Every active ISO 4217 code (List One: currencies and funds), in alphabetical order.
    public static let allISO4217: [CurrencyCode] = minorUnitsByCode.keys.sorted().map {
        CurrencyCode(known: $0)
    }

    /// The active ISO 4217 codes (List One, including funds, precious metals and testing codes)
    /// with their minor units; "N.A." entries have 0.
    ///
    /// Withdrawn codes are not listed: ANG (replaced by XCG), BGN and HRK (replaced by EUR), CUC, SLL
    /// (replaced by SLE) and ZWL (replaced by ZWG), among older ones. They still decode, with
    /// 2 minor units, but are not ``isISO4217``.
    static let minorUnitsByCode: [String: Int] = [
        "AED": 2, "AFN": 2, "ALL": 2, "AMD": 2, "AOA": 2, "ARS": 2, "AUD": 2, "AWG": 2,
        "AZN": 2, "BAM": 2, "BBD": 2, "BDT": 2, "BHD": 3, "BIF": 0, "BMD": 2, "BND": 2,
        "BOB": 2, "BOV": 2, "BRL": 2, "BSD": 2, "BTN": 2, "BWP": 2, "BYN": 2, "BZD": 2,
        "CAD": 2, "CDF": 2, "CHE": 2, "CHF": 2, "CHW": 2, "CLF": 4, "CLP": 0, "CNY": 2,
        "COP": 2, "COU": 2, "CRC": 2, "CUP": 2, "CVE": 2, "CZK": 2, "DJF": 0, "DKK": 2,
        "DOP": 2, "DZD": 2, "EGP": 2, "ERN": 2, "ETB": 2, "EUR": 2, "FJD": 2, "FKP": 2,
        "GBP": 2, "GEL": 2, "GHS": 2, "GIP": 2, "GMD": 2, "GNF": 0, "GTQ": 2, "GYD": 2,
        "HKD": 2, "HNL": 2, "HTG": 2, "HUF": 2, "IDR": 2, "ILS": 2, "INR": 2, "IQD": 3,
        "IRR": 2, "ISK": 0, "JMD": 2, "JOD": 3, "JPY": 0, "KES": 2, "KGS": 2, "KHR": 2,
        "KMF": 0, "KPW": 2, "KRW": 0, "KWD": 3, "KYD": 2, "KZT": 2, "LAK": 2, "LBP": 2,
        "LKR": 2, "LRD": 2, "LSL": 2, "LYD": 3, "MAD": 2, "MDL": 2, "MGA": 2, "MKD": 2,
        "MMK": 2, "MNT": 2, "MOP": 2, "MRU": 2, "MUR": 2, "MVR": 2, "MWK": 2, "MXN": 2,
        "MXV": 2, "MYR": 2, "MZN": 2, "NAD": 2, "NGN": 2, "NIO": 2, "NOK": 2, "NPR": 2,
        "NZD": 2, "OMR": 3, "PAB": 2, "PEN": 2, "PGK": 2, "PHP": 2, "PKR": 2, "PLN": 2,
        "PYG": 0, "QAR": 2, "RON": 2, "RSD": 2, "RUB": 2, "RWF": 0, "SAR": 2, "SBD": 2,
        "SCR": 2, "SDG": 2, "SEK": 2, "SGD": 2, "SHP": 2, "SLE": 2, "SOS": 2, "SRD": 2,
        "SSP": 2, "STN": 2, "SVC": 2, "SYP": 2, "SZL": 2, "THB": 2, "TJS": 2, "TMT": 2,
        "TND": 3, "TOP": 2, "TRY": 2, "TTD": 2, "TWD": 2, "TZS": 2, "UAH": 2, "UGX": 0,
        "USD": 2, "USN": 2, "UYI": 0, "UYU": 2, "UYW": 4, "UZS": 2, "VED": 2, "VES": 2,
        "VND": 0, "VUV": 0, "WST": 2,
        "XAD": 0,  // N.A.
        "XAF": 0,
        "XAG": 0,  // N.A.
        "XAU": 0,  // N.A.
        "XBA": 0,  // N.A.
        "XBB": 0,  // N.A.
        "XBC": 0,  // N.A.
        "XBD": 0,  // N.A.
        "XCD": 2, "XCG": 2,
        "XDR": 0,  // N.A.
        "XOF": 0,
        "XPD": 0,  // N.A.
        "XPF": 0,
        "XPT": 0,  // N.A.
        "XSU": 0,  // N.A.
        "XTS": 0,  // N.A.
        "XUA": 0,  // N.A.
        "XXX": 0,  // N.A.
        "YER": 2, "ZAR": 2, "ZMW": 2, "ZWG": 2,
    ]
}
