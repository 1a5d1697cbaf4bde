/// How the scanner reads one code unit: a byte, a UTF-16 unit or a UCS-4 unit in either byte order.
protocol XMLScannedCodeUnits {
    /// Bytes per code unit.
    static var width: Int { get }
    /// The code unit at `index` (in units) from `base`.
    static func load(_ base: UnsafePointer<UInt8>, _ index: Int) -> UInt32
}

enum XMLScannedBytes: XMLScannedCodeUnits {
    static var width: Int { 1 }
    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, _ index: Int) -> UInt32 { UInt32(base[index]) }
}

enum XMLScannedUTF16LE: XMLScannedCodeUnits {
    static var width: Int { 2 }
    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, _ index: Int) -> UInt32 {
        UInt32(base[index * 2]) | UInt32(base[index * 2 + 1]) << 8
    }
}

enum XMLScannedUTF16BE: XMLScannedCodeUnits {
    static var width: Int { 2 }
    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, _ index: Int) -> UInt32 {
        UInt32(base[index * 2]) << 8 | UInt32(base[index * 2 + 1])
    }
}

enum XMLScannedUCS4LE: XMLScannedCodeUnits {
    static var width: Int { 4 }
    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, _ index: Int) -> UInt32 {
        let offset = index * 4
        return UInt32(base[offset]) | UInt32(base[offset + 1]) << 8 | UInt32(base[offset + 2]) << 16
            | UInt32(base[offset + 3]) << 24
    }
}

enum XMLScannedUCS4BE: XMLScannedCodeUnits {
    static var width: Int { 4 }
    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, _ index: Int) -> UInt32 {
        let offset = index * 4
        return UInt32(base[offset]) << 24 | UInt32(base[offset + 1]) << 16 | UInt32(base[offset + 2]) << 8
            | UInt32(base[offset + 3])
    }
}
