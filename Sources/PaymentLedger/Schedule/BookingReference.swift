public import StringPayments

/// The customer-facing booking number the ledger generates when the caller gives none, such as
/// `7KQ4M2XG`.
///
/// A reference is eight characters: seven payload characters and one check character, all from
/// an alphabet of 29 characters that cannot be mistaken for each other when read aloud, typed or
/// handwritten: the digits `2`–`9` and the upper-case letters without `I`, `L`, `O`, `U` and `Z`
/// (`0`/`O`, `1`/`I`/`L`, `U`/`V` and `2`/`Z` look alike). Seven payload characters give
/// 29⁷ ≈ 17 billion references.
///
/// ## The check character
///
/// Each character stands for its position in ``alphabet`` (0–28). The check character is chosen
/// so that the weighted sum of all eight values, with weights 8, 7, …, 1 from the left, is a
/// multiple of 29. Because 29 is prime and the weights are distinct and between 1 and 28:
///
/// - every single-character substitution is caught: it changes the sum by `w · (a − b)`, and
///   neither factor is a multiple of 29;
/// - every transposition of two adjacent, different characters is caught: it changes the sum by
///   `(wᵢ − wᵢ₊₁) · (a − b)`, and `wᵢ − wᵢ₊₁ = 1`.
///
/// This holds for the check character itself too. Luhn mod N, by contrast, misses one pair of
/// adjacent transpositions.
///
/// ```swift
/// var random = SystemRandomNumberGenerator()
/// let reference = BookingReference.generate(using: &random)
/// BookingReference(reference.description.lowercased()) == reference   // true
/// BookingReference("7KQ4M2XA")                                       // nil: wrong check character
/// ```
public struct BookingReference: Hashable, Sendable, CustomStringConvertible {
    /// The characters a reference is written with, in the order that gives each its value.
    public static let alphabet = "23456789ABCDEFGHJKMNPQRSTVWXY"

    /// The number of payload characters, before the check character.
    public static let payloadLength = 7

    /// The number of characters of a reference, check character included.
    public static let length = payloadLength + 1

    /// The reference: eight characters of ``alphabet``, upper case.
    public let text: String

    /// Parses and validates a reference.
    ///
    /// Lower-case letters are accepted and normalised to upper case, so a reference read out
    /// over the phone and typed in lower case still matches. Nothing else is normalised: white
    /// space, separators and characters outside ``alphabet`` (such as `0`, `O`, `1`, `I`) are
    /// refused, because guessing what they meant could match another customer's booking.
    ///
    /// - Parameter text: The reference, such as `7KQ4M2XG`.
    /// - Returns: `nil` when the text is not eight characters of ``alphabet`` or the check
    ///   character does not match.
    public init?(_ text: String) {
        var values: [Int] = []
        values.reserveCapacity(Self.length)
        for byte in text.utf8 {
            guard values.count < Self.length, let value = Self.value(of: byte) else { return nil }
            values.append(value)
        }
        guard values.count == Self.length, Self.weightedSum(values) % Self.modulus == 0 else { return nil }
        self.init(values: values)
    }

    /// Generates a new random reference with its check character.
    ///
    /// Check the result against the references already in use and generate again on a clash:
    /// 17 billion references make collisions rare, not impossible.
    ///
    /// - Parameter generator: The source of randomness; a seeded generator gives a reproducible
    ///   sequence of references.
    /// - Returns: A valid reference.
    public static func generate(using generator: inout some RandomNumberGenerator) -> BookingReference {
        var values: [Int] = []
        values.reserveCapacity(length)
        for _ in 0..<payloadLength {
            values.append(Int(generator.next(upperBound: UInt64(modulus))))
        }
        values.append(checkValue(forPayload: values))
        return BookingReference(values: values)
    }

    /// The reference as a STRING `IdentifierType`, for the booking id of a message.
    public var identifier: Identifier {
        // Eight characters are always a valid identifier, so the non-failing initializer is exact.
        Identifier(stringLiteral: text)
    }

    /// The reference, such as `7KQ4M2XG`.
    public var description: String { text }

    // MARK: The check scheme

    /// The alphabet size, a prime; every sum is taken modulo it.
    static let modulus = 29

    /// The alphabet's ASCII bytes, indexed by value.
    static let alphabetBytes: [UInt8] = Array(alphabet.utf8)

    /// The value of each ASCII byte, upper and lower case, or -1 for a byte outside the alphabet.
    private static let valueByByte: [Int] = {
        var table = [Int](repeating: -1, count: 128)
        for (value, byte) in alphabetBytes.enumerated() {
            table[Int(byte)] = value
            if byte >= 0x41, byte <= 0x5A {
                table[Int(byte) + 0x20] = value
            }
        }
        return table
    }()

    /// The weight of the character at a position: 8 for the first, 1 for the check character.
    static func weight(at position: Int) -> Int {
        length - position
    }

    /// The value of a byte, or `nil` when it is not a character of the alphabet.
    static func value(of byte: UInt8) -> Int? {
        guard byte < 128 else { return nil }
        let value = valueByByte[Int(byte)]
        return value >= 0 ? value : nil
    }

    /// The weighted sum of values, modulo ``modulus``.
    static func weightedSum(_ values: [Int]) -> Int {
        var sum = 0
        for (position, value) in values.enumerated() {
            sum = (sum + weight(at: position) * value) % modulus
        }
        return sum
    }

    /// The check value that makes the weighted sum of payload and check a multiple of 29 (the
    /// check character's weight is 1).
    static func checkValue(forPayload payload: [Int]) -> Int {
        (modulus - weightedSum(payload)) % modulus
    }

    /// Whether eight bytes form a valid reference (as ``init(_:)`` would accept them), without
    /// creating a `String`: for scanning text for candidates.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == length else { return false }
        var sum = 0
        for position in 0..<length {
            guard let value = value(of: bytes[position]) else { return false }
            sum = (sum + weight(at: position) * value) % modulus
        }
        return sum == 0
    }

    /// Creates a reference from values already known to form a valid reference.
    private init(values: [Int]) {
        text = String(decoding: values.map { Self.alphabetBytes[$0] }, as: UTF8.self)
    }
}
