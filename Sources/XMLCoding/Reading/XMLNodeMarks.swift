/// One byte per node of the arena: the node's line, delta-coded against the node before it, and
/// whether it carries attributes.
///
/// A line is rarely far from the previous node's, so storing it in full in every node (4 bytes, a
/// tenth of a large document's arena) wastes memory that is read only to report errors. The
/// line of every 32nd node is kept in full; any other node keeps the difference to the node
/// before it in 7 bits, and one whose difference does not fit (a jump of 127 lines or more, or
/// backwards) keeps its line in full in a side table. Looking a line up adds at most 31
/// differences.
struct XMLNodeMarks {
    /// The mark's bit saying that the node has attributes.
    private static let attributesBit: UInt8 = 0x80
    /// The mark's bits holding the line difference.
    private static let lineBits: UInt8 = 0x7F
    /// A line difference that did not fit: the line is in ``exactLines``.
    private static let escape: UInt8 = 0x7F
    /// Nodes between lines kept in full, as a shift (32).
    private static let checkpointShift = 5

    private var marks: [UInt8] = []
    /// The line of nodes 0, 32, 64, …
    private var checkpoints: [Int32] = []
    /// Lines whose difference to the node before did not fit in 7 bits.
    private var exactLines: [Int32: Int32] = [:]
    private var previousLine: Int32 = 0

    /// The number of nodes marked.
    var count: Int { marks.count }

    mutating func reserveCapacity(_ nodes: Int) {
        marks.reserveCapacity(nodes)
        checkpoints.reserveCapacity(nodes >> Self.checkpointShift + 1)
    }

    /// Marks the next node, whose start tag is on `line`.
    @inline(__always)
    mutating func append(line: Int32, hasAttributes: Bool) {
        let index = marks.count
        let flag = hasAttributes ? Self.attributesBit : 0
        if index & (1 << Self.checkpointShift - 1) == 0 {
            checkpoints.append(line)
            marks.append(flag)
        } else {
            let difference = Int64(line) - Int64(previousLine)
            if difference >= 0 && difference < Int64(Self.escape) {
                marks.append(flag | UInt8(difference))
            } else {
                marks.append(flag | Self.escape)
                exactLines[Int32(index)] = line
            }
        }
        previousLine = line
    }

    /// Whether the node carries attributes (namespace declarations are not attributes).
    @inline(__always)
    func hasAttributes(_ node: Int32) -> Bool {
        marks[Int(node)] & Self.attributesBit != 0
    }

    /// The 1-based line of the node's start tag.
    func line(of node: Int32) -> Int32 {
        var index = Int(node)
        var sum: Int32 = 0
        while index >= 0 {
            if index & (1 << Self.checkpointShift - 1) == 0 {
                return checkpoints[index >> Self.checkpointShift] &+ sum
            }
            let difference = marks[index] & Self.lineBits
            if difference == Self.escape {
                return (exactLines[Int32(index)] ?? 0) &+ sum
            }
            sum &+= Int32(difference)
            index -= 1
        }
        return sum
    }
}
