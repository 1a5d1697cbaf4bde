import HTTPTypes
import Hummingbird

/// `GET /static/site.css`: the pages' style sheet with the branding's colours, made once.
struct StaticRoutes {
    let branding: Branding

    func add(to router: Router<ServerRequestContext>) {
        let css = StyleSheet.css(branding: branding)
        router.get("/static/site.css") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=3600"
            if let name = HTTPField.Name("X-Content-Type-Options") { headers[name] = "nosniff" }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: css)))
        }
    }
}
