/// Finds what may identify a booking in free remittance text: valid ISO 11649 references and
/// candidate tokens.
///
/// Payers write references anywhere in the text, in any case, sometimes in the printed form with
/// spaces (`RF18 5390 0754 7034`), often next to other words (`Buchung 4711-2026 Meyer`). The
/// finder does not know the ledger's bookings: it returns what could be a reference, and the ledger
/// looks each candidate up.
///
/// ```swift
/// let found = RemittanceReferenceFinder().find(in: "Reise Meyer RF18 5390 0754 7034, Buchung SRT-4711")
/// found.rfReferences   // ["RF18539007547034"]
/// found.tokens         // ["SRT-4711"]
/// ```
public struct RemittanceReferenceFinder: Sendable, Hashable {
    /// What the finder found in one text.
    public struct Candidates: Sendable, Hashable {
        /// Valid ISO 11649 references in their electronic form (`RF18539007547034`), in order of
        /// appearance, without repetitions.
        public var rfReferences: [String]
        /// Other tokens that could be references: runs of letters, digits, `-`, `_` and `/` with at
        /// least one digit and at least ``RemittanceReferenceFinder/minimumTokenLength`` characters,
        /// in order of appearance, without repetitions, as written. The characters of an RF
        /// reference found above are not repeated here.
        public var tokens: [String]
    }

    /// The fewest characters a token needs to be a candidate. The default is 4, which keeps out
    /// day and month numbers but not four-digit years; the ledger's lookup settles those.
    public var minimumTokenLength: Int

    /// Creates a finder.
    ///
    /// - Parameter minimumTokenLength: The fewest characters of a candidate token. The default is 4.
    public init(minimumTokenLength: Int = 4) {
        self.minimumTokenLength = max(1, minimumTokenLength)
    }

    /// Finds the RF references and candidate tokens of a text.
    ///
    /// - Parameter text: Remittance text, such as ``BankStatementEntry/remittanceText``.
    /// - Returns: The candidates.
    public func find(in text: String) -> Candidates {
        var text = text
        return text.withUTF8 { find(inBytes: $0) }
    }

    private func find(inBytes bytes: UnsafeBufferPointer<UInt8>) -> Candidates {
        var references: [String] = []
        // The byte ranges of the RF references found, in order; usually none.
        var covered: [Range<Int>] = []
        var index = 0
        while index + 4 < bytes.count {
            if bytes[index] | 0x20 == 0x72, let (reference, end) = Self.rfReference(in: bytes, at: index) {
                if !references.contains(reference) { references.append(reference) }
                covered.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        var tokens: [String] = []
        var start = -1
        var nextCovered = 0
        for position in 0...bytes.count {
            while nextCovered < covered.count, covered[nextCovered].upperBound <= position { nextCovered += 1 }
            let isCovered = nextCovered < covered.count && covered[nextCovered].contains(position)
            if position < bytes.count, !isCovered, Self.isTokenByte(bytes[position]) {
                if start < 0 { start = position }
                continue
            }
            guard start >= 0 else { continue }
            var slice = bytes[start..<position]
            start = -1
            while let last = slice.last, !Self.isAlphanumeric(last) { slice = slice.dropLast() }
            while let first = slice.first, !Self.isAlphanumeric(first) { slice = slice.dropFirst() }
            guard slice.count >= minimumTokenLength, slice.contains(where: ISO11649.isDigit) else { continue }
            let token = String(decoding: UnsafeBufferPointer(rebasing: slice), as: UTF8.self)
            if !tokens.contains(token) { tokens.append(token) }
        }
        return Candidates(rfReferences: references, tokens: tokens)
    }

    /// The longest valid RF reference starting at `start` (not inside a word), with single spaces
    /// allowed between characters, and the index after it.
    private static func rfReference(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        guard bytes[start] | 0x20 == 0x72, bytes[start + 1] | 0x20 == 0x66,
            start == 0 || !isAlphanumeric(bytes[start - 1])
        else { return nil }
        var characters: [UInt8] = [0x52, 0x46]
        var best: (String, Int)?
        var position = start + 2
        while position < bytes.count, characters.count < 4 + ISO11649.maximumReferenceLength {
            var byte = bytes[position]
            if byte == 0x20, characters.count >= 4, position + 1 < bytes.count, isAlphanumeric(bytes[position + 1]) {
                position += 1
                byte = bytes[position]
            }
            guard isAlphanumeric(byte) else { break }
            characters.append(byte >= 0x61 ? byte - 0x20 : byte)
            position += 1
            let atWordEnd = position == bytes.count || !isAlphanumeric(bytes[position])
            if atWordEnd, characters.count >= 5 {
                let candidate = String(decoding: characters, as: UTF8.self)
                if ISO11649.validate(candidate) { best = (candidate, position) }
            }
        }
        return best
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == 0x2D || byte == 0x5F || byte == 0x2F
    }
}
