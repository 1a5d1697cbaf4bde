import Foundation
import Synchronization

/// Encoder states kept between encodings, so that what an encoding builds per key type — the
/// keyed containers with their standard-library boxes, the key tables, the type caches, the frame
/// stack — is built once per process rather than once per document.
///
/// Making a keyed container for a key type costs about 2,000 instructions (the runtime's generic
/// metadata for `KeyedEncodingContainer<Key>`, its box and the encoder's own generic types, and
/// three allocations), freeing it about 1,000 more; a 4.7 KB `PaymentResponse` has 17 of them,
/// and encoding it cost about 480,000 instructions in all. A service encodes the same few message
/// types over and over, so each encoding borrows a state that earlier encodings filled.
///
/// A state is used by one encoding at a time: ``checkOut()`` hands it over under the lock, and it
/// records the thread using it (an encoding is synchronous, so every legitimate use comes from
/// that thread); ``checkIn(_:)`` clears the owner before the state becomes available again.
/// A container kept past its encoding (which the encoder's contract forbids) therefore cannot
/// touch a state another thread is using: every operation of the state first checks that the
/// calling thread owns it, and refuses otherwise (see ``XMLEncoderImplementation``).
enum XMLEncoderPool {
    /// The idle states, most recently used last.
    private static let idle = Mutex<[XMLEncoderImplementation]>([])
    /// How many idle states are kept: one per thread encoding at once is enough; more would only
    /// hold memory. A state checked in when the pool is full is dropped.
    static let capacity = 8

    /// An idle state for the calling thread (a new one when none is idle), owned by it until
    /// ``checkIn(_:)``.
    static func checkOut() -> XMLEncoderImplementation {
        let reused = idle.withLock { $0.popLast() }
        let implementation = reused ?? XMLEncoderImplementation()
        implementation.takeOwnership()
        return implementation
    }

    /// Gives a state back after its encoding (finished or failed).
    static func checkIn(_ implementation: XMLEncoderImplementation) {
        implementation.finish()
        let kept = idle.withLock { idle in
            guard idle.count < capacity else { return false }
            idle.append(implementation)
            return true
        }
        if !kept {
            implementation.discard()
        }
    }
}
