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

/// One coding call's view of what the process has learned about types: the snapshot taken when
/// the call started, and what the call had to work out itself, to publish when it ends.
struct XMLLearnedLookup<Value> {
    private let learned: [ObjectIdentifier: Value]
    private var new = XMLLearnedTypes<Value>.Facts()

    init(_ store: XMLLearnedTypes<Value>) {
        learned = store.snapshot().byType
    }

    /// The learned value for `id`, or the one `make` works out (remembered for ``publish(to:)``).
    @inline(__always)
    mutating func value(for id: ObjectIdentifier, otherwise make: () -> Value) -> Value {
        if let value = learned[id] { return value }
        let value = make()
        new.byType[id] = value
        return value
    }

    /// Adds what this call worked out to `store`, once.
    mutating func publish(to store: XMLLearnedTypes<Value>) {
        store.learn(new)
        new = XMLLearnedTypes<Value>.Facts()
    }
}
