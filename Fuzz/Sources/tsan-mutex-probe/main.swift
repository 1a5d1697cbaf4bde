import Dispatch
import Synchronization

// The smallest correct use of `Mutex`: two threads increment a counter that only the lock
// touches. There is no data race (the final count is exact); a ThreadSanitizer report here is
// about the toolchain, not about the program. See Fuzz/README.md, "ThreadSanitizer and Mutex".
//
//   swift build --package-path Fuzz --scratch-path Fuzz/.build-tsan-probe --sanitize=thread \
//       --product tsan-mutex-probe && Fuzz/.build-tsan-probe/debug/tsan-mutex-probe

final class Counter: Sendable {
    private let value = Mutex(0)

    func increment() { value.withLock { $0 += 1 } }

    var current: Int { value.withLock { $0 } }
}

let counter = Counter()
let iterations = 100_000
let group = DispatchGroup()
for _ in 0..<2 {
    DispatchQueue.global().async(group: group) {
        for _ in 0..<iterations { counter.increment() }
    }
}
group.wait()
let expected = 2 * iterations
print("counter: \(counter.current) (expected \(expected))")
if counter.current != expected { fatalError("lost increments") }
