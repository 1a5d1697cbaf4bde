/// An `xs:pattern` of the subset the shipped schemas (ISO 20022 camt, STRING) use: character classes of ASCII
/// ranges (`[A-Z0-9]`, `[\+]`), literal characters, groups, and the quantifiers `{n}`, `{n,m}`,
/// `?`, `*` and `+`. Matches the whole value, as XSD patterns do.
///
/// A pattern outside the subset (alternation, negated classes, `\d`, …) fails to compile, and the
/// schema with it: the shipped schemas are checked by the test suite.
struct XMLSchemaPattern: Sendable, Hashable {
    /// One atom with its repetition.
    struct Item: Sendable, Hashable {
        enum Atom: Sendable, Hashable {
            /// A set of ASCII bytes, as a 128-bit mask.
            case set(low: UInt64, high: UInt64)
            case group([Item])
        }

        var atom: Atom
        var minimum: Int
        var maximum: Int
    }

    let items: [Item]
    let source: String
    /// A pattern without groups (most of them) as parallel arrays of sets and bounds, matched
    /// without closures; empty when the pattern has groups.
    private let flatLow: [UInt64]
    private let flatHigh: [UInt64]
    private let flatBounds: [(minimum: Int, maximum: Int)]

    /// Compiles a pattern; `nil` when it is outside the subset.
    init?(_ source: String) {
        let bytes = Array(source.utf8)
        var position = 0
        guard let items = Self.parseSequence(bytes, &position), position == bytes.count else { return nil }
        self.items = items
        self.source = source
        var low: [UInt64] = []
        var high: [UInt64] = []
        var bounds: [(minimum: Int, maximum: Int)] = []
        for item in items {
            guard case .set(let itemLow, let itemHigh) = item.atom else {
                low = []
                bounds = []
                high = []
                break
            }
            low.append(itemLow)
            high.append(itemHigh)
            bounds.append((item.minimum, item.maximum))
        }
        flatLow = low
        flatHigh = high
        flatBounds = bounds
    }

    static func == (lhs: XMLSchemaPattern, rhs: XMLSchemaPattern) -> Bool { lhs.source == rhs.source }
    func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// Whether the whole value matches.
    func matches(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        if !flatBounds.isEmpty || items.isEmpty { return matchFlat(0, value, 0) }
        return Self.match(items[...], value, 0) { $0 == value.count }
    }

    private func matchFlat(_ item: Int, _ value: UnsafeBufferPointer<UInt8>, _ position: Int) -> Bool {
        guard item < flatBounds.count else { return position == value.count }
        let low = flatLow[item]
        let high = flatHigh[item]
        let (minimum, maximum) = flatBounds[item]
        var count = 0
        while count < maximum, position + count < value.count {
            let byte = value[position + count]
            let isMember =
                byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 ? high & (1 << UInt64(byte - 64)) != 0 : false
            guard isMember else { break }
            count += 1
        }
        while count >= minimum {
            if matchFlat(item + 1, value, position + count) { return true }
            count -= 1
        }
        return false
    }

    // MARK: - Matching

    private static func match(
        _ items: ArraySlice<Item>, _ value: UnsafeBufferPointer<UInt8>, _ position: Int, _ then: (Int) -> Bool
    ) -> Bool {
        guard let item = items.first else { return then(position) }
        let rest = items.dropFirst()
        func repeated(_ count: Int, _ position: Int) -> Bool {
            if count < item.maximum,
                matchOnce(item.atom, value, position, { next in next != position && repeated(count + 1, next) })
            {
                return true
            }
            return count >= item.minimum && match(rest, value, position, then)
        }
        return repeated(0, position)
    }

    private static func matchOnce(
        _ atom: Item.Atom, _ value: UnsafeBufferPointer<UInt8>, _ position: Int, _ then: (Int) -> Bool
    ) -> Bool {
        switch atom {
        case .set(let low, let high):
            guard position < value.count else { return false }
            let byte = value[position]
            let isMember =
                byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 ? high & (1 << UInt64(byte - 64)) != 0 : false
            return isMember && then(position + 1)
        case .group(let items):
            return match(items[...], value, position, then)
        }
    }

    // MARK: - Parsing

    private static func parseSequence(_ bytes: [UInt8], _ position: inout Int) -> [Item]? {
        var items: [Item] = []
        while position < bytes.count, bytes[position] != UInt8(ascii: ")") {
            let atom: Item.Atom
            switch bytes[position] {
            case UInt8(ascii: "["):
                position += 1
                guard let set = parseClass(bytes, &position) else { return nil }
                atom = set
            case UInt8(ascii: "("):
                position += 1
                guard let group = parseSequence(bytes, &position), position < bytes.count else { return nil }
                position += 1
                atom = .group(group)
            case UInt8(ascii: "\\"):
                guard position + 1 < bytes.count, let byte = escaped(bytes[position + 1]) else { return nil }
                position += 2
                atom = set(of: byte...byte)
            case UInt8(ascii: "|"), UInt8(ascii: "."), UInt8(ascii: "{"), UInt8(ascii: "?"), UInt8(ascii: "*"),
                UInt8(ascii: "+"), UInt8(ascii: "]"):
                return nil
            default:
                guard bytes[position] < 128 else { return nil }
                atom = set(of: bytes[position]...bytes[position])
                position += 1
            }
            guard let (minimum, maximum) = parseQuantifier(bytes, &position) else { return nil }
            items.append(Item(atom: atom, minimum: minimum, maximum: maximum))
        }
        return items
    }

    private static func parseClass(_ bytes: [UInt8], _ position: inout Int) -> Item.Atom? {
        var low: UInt64 = 0
        var high: UInt64 = 0
        guard position < bytes.count, bytes[position] != UInt8(ascii: "^") else { return nil }
        while position < bytes.count, bytes[position] != UInt8(ascii: "]") {
            var first = bytes[position]
            position += 1
            if first == UInt8(ascii: "\\") {
                guard position < bytes.count, let byte = escaped(bytes[position]) else { return nil }
                first = byte
                position += 1
            }
            var last = first
            if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "-"),
                bytes[position + 1] != UInt8(ascii: "]")
            {
                last = bytes[position + 1]
                position += 2
            }
            guard first <= last, last < 128 else { return nil }
            for byte in first...last {
                if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
            }
        }
        guard position < bytes.count else { return nil }
        position += 1
        return .set(low: low, high: high)
    }

    private static func parseQuantifier(_ bytes: [UInt8], _ position: inout Int) -> (Int, Int)? {
        guard position < bytes.count else { return (1, 1) }
        switch bytes[position] {
        case UInt8(ascii: "?"):
            position += 1
            return (0, 1)
        case UInt8(ascii: "*"):
            position += 1
            return (0, Int.max)
        case UInt8(ascii: "+"):
            position += 1
            return (1, Int.max)
        case UInt8(ascii: "{"):
            position += 1
            guard let minimum = number(bytes, &position), position < bytes.count else { return nil }
            var maximum = minimum
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                guard let bound = number(bytes, &position) else { return nil }
                maximum = bound
            }
            guard position < bytes.count, bytes[position] == UInt8(ascii: "}"), minimum <= maximum else { return nil }
            position += 1
            return (minimum, maximum)
        default:
            return (1, 1)
        }
    }

    private static func number(_ bytes: [UInt8], _ position: inout Int) -> Int? {
        var value = 0
        let start = position
        while position < bytes.count, (0x30...0x39).contains(bytes[position]), position - start < 6 {
            value = value * 10 + Int(bytes[position] - 0x30)
            position += 1
        }
        return position > start ? value : nil
    }

    /// The byte a single-character escape stands for; `nil` for class escapes such as `\d`.
    private static func escaped(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        case UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "^"),
            UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"):
            return byte
        default: return nil
        }
    }

    private static func set(of range: ClosedRange<UInt8>) -> Item.Atom {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for byte in range {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        return .set(low: low, high: high)
    }
}
