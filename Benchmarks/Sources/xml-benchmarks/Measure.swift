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

    /// One operation of an interleaved measurement.
    struct Job {
        var name: String
        /// Timed runs; a job with fewer iterations than others sits out the later rounds.
        var iterations: Int
        var body: () throws -> Void
    }

    /// Why a job stopped: the error its body threw and how long that run took.
    struct JobFailure: Error {
        var error: any Error
        var elapsed: Duration
    }

    /// Runs the jobs in rounds, one sample of each job per round (warm-up rounds first, untimed).
    ///
    /// Interleaving keeps the jobs' ratios meaningful on a shared machine: a burst of other load
    /// slows one sample of every job instead of every sample of one job. A job whose body throws
    /// is left out of later rounds.
    ///
    /// - Returns: For each job in order, its timing or its failure.
    static func interleaved(
        _ jobs: [Job], warmUps: Int, progress: (String) -> Void
    ) -> [Result<Timing, JobFailure>] {
        let clock = ContinuousClock()
        var samples = Array(repeating: [Duration](), count: jobs.count)
        var failures: [JobFailure?] = Array(repeating: nil, count: jobs.count)
        let rounds = warmUps + (jobs.map(\.iterations).max() ?? 0)
        for round in 0..<rounds {
            let isWarmUp = round < warmUps
            progress(
                isWarmUp
                    ? "warm-up round \(round + 1) of \(warmUps)" : "round \(round - warmUps + 1) of \(rounds - warmUps)"
            )
            for (index, job) in jobs.enumerated() where failures[index] == nil {
                guard isWarmUp || samples[index].count < job.iterations else { continue }
                let start = clock.now
                do {
                    try job.body()
                } catch {
                    failures[index] = JobFailure(error: error, elapsed: clock.now - start)
                    continue
                }
                if !isWarmUp { samples[index].append(clock.now - start) }
            }
        }
        return jobs.indices.map { index in
            if let failure = failures[index] { return .failure(failure) }
            return .success(Timing(samples: samples[index]))
        }
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
