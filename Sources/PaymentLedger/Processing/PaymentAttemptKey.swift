public import StringPayments

/// The identity of one attempt to collect a payment: booking, payment identifier and attempt
/// number. It is the idempotency key the ``PaymentGateway`` sees.
///
/// A payment's first entry is attempt 1; each time a `Failed` payment is entered again its
/// attempt number grows by one, so a retry is a new charge at the gateway while a repeat of the
/// same attempt (after a crash, or a request sent twice) is recognised as the same one.
///
/// The text form, ``rawValue``, is `BOOKING/PAYMENT/ATTEMPT` with `%`, `/` and every character
/// outside printable ASCII percent-encoded in the two identifiers, so two different attempts
/// never share a key.
public struct PaymentAttemptKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The booking.
    public let bookingId: Identifier
    /// The payment within the booking.
    public let paymentId: Identifier
    /// The attempt, 1 for the payment's first entry.
    public let attempt: UInt32

    /// Creates a key.
    ///
    /// - Parameters:
    ///   - bookingId: The booking.
    ///   - paymentId: The payment.
    ///   - attempt: The attempt number, 1 or more.
    public init(bookingId: Identifier, paymentId: Identifier, attempt: UInt32) {
        self.bookingId = bookingId
        self.paymentId = paymentId
        self.attempt = attempt
    }

    /// Reads a key from its text form.
    ///
    /// - Parameter rawValue: `BOOKING/PAYMENT/ATTEMPT`, as ``rawValue`` writes it.
    /// - Returns: `nil` when the text is not a key.
    public init?(rawValue: String) {
        let parts = rawValue.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, let attempt = UInt32(parts[2]), attempt > 0,
            let booking = Self.decode(parts[0]).flatMap({ Identifier($0) }),
            let payment = Self.decode(parts[1]).flatMap({ Identifier($0) })
        else { return nil }
        self.init(bookingId: booking, paymentId: payment, attempt: attempt)
    }

    /// `BOOKING/PAYMENT/ATTEMPT`, identifiers percent-encoded.
    public var rawValue: String {
        Self.encode(bookingId.value) + "/" + Self.encode(paymentId.value) + "/" + String(attempt)
    }

    /// The key's text form.
    public var description: String { rawValue }

    /// Orders by booking, payment, then attempt.
    public static func < (lhs: PaymentAttemptKey, rhs: PaymentAttemptKey) -> Bool {
        (lhs.bookingId, lhs.paymentId, lhs.attempt) < (rhs.bookingId, rhs.paymentId, rhs.attempt)
    }

    static func encode(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "%"), byte != UInt8(ascii: "/") {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result +=
                    "%" + String(byte >> 4, radix: 16, uppercase: true)
                    + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return result
    }

    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue)
            else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
