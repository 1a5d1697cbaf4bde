/// Where the server's Swift concurrency jobs run: on NIO's event loops, or on the default pool.
///
/// With the event loops running the jobs, a request is read, answered and written on one thread:
/// no hop to the default pool and back for each request. That is safe only when no job blocks a
/// thread on an event loop's future, which the PostgreSQL journal does (its synchronous calls wait
/// for the database's answer), so the server keeps the default pool with the PostgreSQL store.
/// The file journal's waits are on its own writer thread, never on a loop's future.
public enum TaskExecution {
    /// The environment variable that turns the event loops off as executors (`0`) for the file
    /// journal too.
    public static let environmentKey = "DRV_SERVER_EVENT_LOOP_TASKS"

    /// Whether the process may let NIO's event loops run Swift concurrency's jobs: only `serve`
    /// (the default subcommand) with the file journal, and not turned off in the environment.
    ///
    /// - Parameters:
    ///   - arguments: The command line without the program's name.
    ///   - environment: The process environment.
    /// - Returns: `true` when the server will use the file journal and nothing forbids it.
    public static func eventLoopsRunTasks(arguments: [String], environment: [String: String]) -> Bool {
        if environment[environmentKey] == "0" { return false }
        if let first = arguments.first, !first.hasPrefix("-"), first != "serve" { return false }
        if arguments.contains(where: { $0 == "--database" || $0.hasPrefix("--database=") }) { return false }
        // The same reading of the environment the server makes; settings it cannot read mean
        // PostgreSQL was asked for (the server then stops on them).
        do {
            return try PostgresSettings.fromEnvironment(environment) == nil
        } catch {
            return false
        }
    }
}
