/// A small, fast generator with a fixed seed (SplitMix64), so every run and every machine generates
/// the same documents. Never use it for anything secret.
struct SeededRandomNumberGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A number in `0..<upperBound`.
    ///
    /// Written out rather than `Int.random(in:using:)`, whose algorithm the standard library may
    /// change between releases: the documents must stay byte-identical across toolchains. The
    /// slight modulo bias does not matter for test data.
    mutating func next(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "upper bound must be positive")
        return Int(next() % UInt64(upperBound))
    }

    /// One element of a non-empty array.
    mutating func pick<Element>(_ choices: [Element]) -> Element {
        choices[next(below: choices.count)]
    }
}
