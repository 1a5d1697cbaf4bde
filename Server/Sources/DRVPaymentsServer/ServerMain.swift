import Foundation
import NIOCore
import NIOPosix
import PaymentServer

/// The entry point. Before any task runs, it lets NIO's event loops run Swift concurrency's jobs
/// when ``TaskExecution`` allows it, so a request's tasks run on the loop that reads and writes its
/// connection instead of hopping to the default thread pool and back; then it runs the command.
@main
enum ServerMain {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if TaskExecution.eventLoopsRunTasks(arguments: arguments, environment: ProcessInfo.processInfo.environment) {
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        await ServerCommand.main()
    }
}
