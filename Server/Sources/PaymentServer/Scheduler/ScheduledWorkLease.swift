/// Permission to run a scheduled job, so that of several server processes over one ledger
/// (the PostgreSQL store) only one runs each job at a time.
///
/// The scheduler acquires the lease of a job before running it, renews it between the steps of
/// a long job (each upload attempt), and releases it afterwards. A job whose lease is not
/// granted is not run this time; the next tick tries again. The embedded file journal admits one
/// process anyway, so its default, ``InProcessWorkLease``, always grants; a database store
/// implements the protocol with an advisory lock.
public protocol ScheduledWorkLease: Sendable {
    /// Tries to take the lease of a job.
    ///
    /// - Parameter job: The job's name, such as `instalment-autopay`.
    /// - Returns: Whether this process holds the lease now.
    func acquire(job: String) async -> Bool
    /// Confirms that this process still holds the lease of a job.
    ///
    /// - Parameter job: The job's name.
    /// - Returns: Whether the lease is still held; `false` stops the job at its next step.
    func renew(job: String) async -> Bool
    /// Gives the lease of a job up.
    ///
    /// - Parameter job: The job's name.
    func release(job: String) async
}

/// The lease of a single process: always granted.
public struct InProcessWorkLease: ScheduledWorkLease {
    /// Creates the lease.
    public init() {}

    /// Always `true`.
    public func acquire(job: String) async -> Bool { true }

    /// Always `true`.
    public func renew(job: String) async -> Bool { true }

    /// Does nothing.
    public func release(job: String) async {}
}
