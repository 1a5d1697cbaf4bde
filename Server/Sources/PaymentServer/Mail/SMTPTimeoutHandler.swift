import NIOCore
import Synchronization

/// Turns the read timeout of the `IdleStateHandler` before it into a ``MailError`` with code
/// `timeout` and closes the connection, so that a relay that stops answering ends the session
/// instead of holding it.
final class SMTPTimeoutHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let seconds: Int64
    /// Set when the timeout fired, so that the session reports a timeout however the closed
    /// channel shows up on its side (the error, or the end of the replies).
    let fired: SMTPTimeoutFlag

    init(seconds: Int64, fired: SMTPTimeoutFlag) {
        self.seconds = seconds
        self.fired = fired
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            fired.set()
            context.fireErrorCaught(
                MailError(code: .timeout, message: "the relay did not answer within \(seconds) seconds"))
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}

/// Whether a session's reply timeout fired.
final class SMTPTimeoutFlag: Sendable {
    private let state = Mutex(false)

    func set() { state.withLock { $0 = true } }

    var isSet: Bool { state.withLock { $0 } }
}
