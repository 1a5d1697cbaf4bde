public import Hummingbird
public import NIOCore

/// The request context of the server's routes: Hummingbird's core storage, the client's
/// address, which the portal's rate limit keys on, and the channel's event loop.
public struct ServerRequestContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The peer's address, when the channel has one.
    public let remoteAddress: SocketAddress?
    /// The event loop of the request's channel, which keeps the request's timers.
    public let eventLoop: any EventLoop

    /// Creates the context for a request on a channel.
    ///
    /// - Parameter source: The channel and logger.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.eventLoop = source.channel.eventLoop
    }

    /// The client's address as text, `unknown` when there is none (tests).
    public var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
