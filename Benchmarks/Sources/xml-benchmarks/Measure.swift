/// Repeated timing with `ContinuousClock`: warm-up runs first, then the median of the samples.
enum Measure {
    /// The samples of one measurement.
    struct Timing: Sendable {
        var samples: [Duration]

        /// The median sample (the mean of the two middle samples for an even count).
        var median: Duration {
            let sorted = samples.sorted()
            guard !sorted.isEmpty else { return .zero }
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }

        var fastest: Duration { samples.min() ?? .zero }
        var slowest: Duration { samples.max() ?? .zero }
    }

    /// Runs `body` `warmUps` times untimed, then `iterations` times timed.
    ///
    /// Each result is handed to ``consume(_:)`` so the optimiser cannot drop the work.
    static func time<Result>(
        iterations: Int, warmUps: Int = 1, _ body: () throws -> Result
    ) rethrows -> Timing {
        let clock = ContinuousClock()
        for _ in 0..<warmUps {
            consume(try body())
        }
        var samples: [Duration] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let start = clock.now
            let result = try body()
            let elapsed = clock.now - start
            consume(result)
            samples.append(elapsed)
        }
        return Timing(samples: samples)
    }

    /// Keeps a value observable, so the work that produced it is not optimised away.
    @inline(never)
    static func consume<Value>(_ value: Value) {
        withExtendedLifetime(value) {}
    }
}

extension Duration {
    /// The duration in seconds, as a `Double` (for reporting only).
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
