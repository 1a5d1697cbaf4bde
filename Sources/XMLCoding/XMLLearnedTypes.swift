import Synchronization

/// What coders learned about types, kept for the whole process.
///
/// How a type is decoded or encoded (``XMLSimpleKind``, ``XMLValueType``) depends on the type
/// alone, and working it out takes the runtime's conformance lookups, several hundred
/// instructions a type. A service decodes and encodes the same few dozen types in every message,
/// so each coding call takes a snapshot when it starts (one lock), looks up there the types its
/// own ``XMLTypeCache`` has not seen yet, and publishes the types it had to work out when it ends
/// (one more lock, only while the process is still meeting new types).
final class XMLLearnedTypes<Value>: Sendable {
    /// The learned values: metatypes and plain enumerations, immutable once made.
    struct Facts: @unchecked Sendable {
        var byType: [ObjectIdentifier: Value] = [:]
    }

    private let facts = Mutex(Facts())

    /// What the process has learned so far.
    func snapshot() -> Facts {
        facts.withLock { $0 }
    }

    /// Adds what one coding call worked out.
    func learn(_ learned: Facts) {
        guard !learned.byType.isEmpty else { return }
        facts.withLock { $0.byType.merge(learned.byType) { old, _ in old } }
    }
}
