/// With the PostgreSQL store, the scheduler runs each job under an advisory lock, so that exactly
/// one instance runs it at a time and another takes it over when that instance dies.
extension PostgresWorkLease: ScheduledWorkLease {}
