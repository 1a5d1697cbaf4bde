import Hummingbird
import Logging
import PaymentLedger

/// Before each request, folds the changes other instances committed (one indexed query when
/// there are none), so that a request sees every change committed anywhere before it arrived:
/// an agency that books on one instance and pays on another finds its booking. Only installed
/// when the ledger is shared (PostgreSQL store).
struct FollowOtherInstancesMiddleware<Context: RequestContext>: RouterMiddleware {
    let ledger: Ledger
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            try ledger.followOtherWriters()
        } catch {
            // The request still runs: its changes are checked against the database's versions.
            logger.error("cannot follow the other instances' changes: \(error)")
        }
        return try await next(request, context)
    }
}
