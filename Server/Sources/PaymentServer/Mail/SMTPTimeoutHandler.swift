import NIOCore

/// Turns the read timeout of the `IdleStateHandler` before it into a ``MailError`` with code
/// `timeout` and closes the connection, so that a relay that stops answering ends the session
/// instead of holding it.
final class SMTPTimeoutHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let seconds: Int64

    init(seconds: Int64) { self.seconds = seconds }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            context.fireErrorCaught(
                MailError(code: .timeout, message: "the relay did not answer within \(seconds) seconds"))
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
