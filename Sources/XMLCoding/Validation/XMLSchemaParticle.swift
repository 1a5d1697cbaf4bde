/// A particle of a content model as ``XMLSchemaCompiler`` reads it from the XSD, before it is
/// flattened into ``XMLSchemaModel/particles``.
indirect enum XMLSchemaParticle: Sendable {
    /// An element declaration: its index in ``XMLSchemaModel/elements``.
    case element(Int, minimum: Int, maximum: Int)
    case sequence([XMLSchemaParticle], minimum: Int, maximum: Int)
    case choice([XMLSchemaParticle], minimum: Int, maximum: Int)
    /// `xs:any namespace="##any"`: any one element, validated as its mode says.
    case any(XMLSchemaModel.WildcardMode, minimum: Int, maximum: Int)

    var minimum: Int {
        switch self {
        case .element(_, let minimum, _), .sequence(_, let minimum, _), .choice(_, let minimum, _),
            .any(_, let minimum, _):
            return minimum
        }
    }

    var maximum: Int {
        switch self {
        case .element(_, _, let maximum), .sequence(_, _, let maximum), .choice(_, _, let maximum),
            .any(_, _, let maximum):
            return maximum
        }
    }

    /// Whether the particle may match no element at all.
    var isEmptiable: Bool {
        if minimum == 0 { return true }
        switch self {
        case .element, .any: return false
        case .sequence(let particles, _, _): return particles.allSatisfy(\.isEmptiable)
        case .choice(let particles, _, _): return particles.contains(where: \.isEmptiable)
        }
    }
}
