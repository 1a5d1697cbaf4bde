public import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tiny HTTP/1.1 receiver on 127.0.0.1 for upload tests: it accepts one request per
/// connection, reads its body (`Content-Length` or chunked), records it and answers with the
/// next status of a script (the last one repeats). No dependency beyond the C library.
public final class LocalHTTPReceiver: Sendable {
    /// One received request.
    public struct Request: Sendable {
        /// `PUT`, `POST`, ….
        public var method: String
        /// The request target, such as `/balances.xml`.
        public var path: String
        /// The headers, names in lower case.
        public var headers: [String: String]
        /// The body.
        public var body: Data
    }

    private struct State {
        var requests: [Request] = []
        var statuses: [Int]
    }

    private let state: Mutex<State>
    private let listener: Int32
    /// The port the receiver listens on.
    public let port: UInt16

    /// Starts a receiver.
    ///
    /// - Parameter statuses: The statuses to answer, in order; the last repeats. Default `[200]`.
    public init(statuses: [Int] = [200]) throws {
        state = Mutex(State(statuses: statuses.isEmpty ? [200] : statuses))
        #if canImport(Glibc)
            let socketType = Int32(SOCK_STREAM.rawValue)
        #else
            let socketType = SOCK_STREAM
        #endif
        let descriptor = socket(AF_INET, socketType, 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// `http://127.0.0.1:PORT/` plus the path.
    public func url(_ path: String = "/balances.xml") -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)") ?? URL(fileURLWithPath: "/")
    }

    /// Every request received so far.
    public var requests: [Request] { state.withLock { $0.requests } }

    /// Stops listening.
    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            handle(connection)
            close(connection)
        }
    }

    private func handle(_ connection: Int32) {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        func readMore() -> Bool {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return false }
            received.append(contentsOf: chunk[0..<count])
            return true
        }
        func send(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        while headerEnd == nil {
            if let range = find(separator, in: received) { headerEnd = range } else if !readMore() { return }
        }
        guard let headerEnd else { return }
        let head = String(decoding: received[0..<headerEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head.first?.split(separator: " ") ?? []
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        received.removeFirst(headerEnd + 4)
        if headers["expect"]?.lowercased() == "100-continue" { send("HTTP/1.1 100 Continue\r\n\r\n") }
        var body: [UInt8] = []
        if let length = headers["content-length"].flatMap({ Int($0) }) {
            while received.count < length { if !readMore() { break } }
            body = Array(received.prefix(length))
        } else if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            while true {
                var lineEnd = find(Array("\r\n".utf8), in: received)
                while lineEnd == nil { if !readMore() { return }; lineEnd = find(Array("\r\n".utf8), in: received) }
                guard let lineEnd else { return }
                let sizeText = String(decoding: received[0..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return }
                received.removeFirst(lineEnd + 2)
                while received.count < size + 2 { if !readMore() { return } }
                if size == 0 { break }
                body += received[0..<size]
                received.removeFirst(size + 2)
            }
        }
        let status = state.withLock { state -> Int in
            state.requests.append(
                Request(
                    method: requestLine.first.map(String.init) ?? "",
                    path: requestLine.dropFirst().first.map(String.init) ?? "",
                    headers: headers, body: Data(body)))
            return state.statuses.count > 1 ? state.statuses.removeFirst() : state.statuses[0]
        }
        send("HTTP/1.1 \(status) Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
