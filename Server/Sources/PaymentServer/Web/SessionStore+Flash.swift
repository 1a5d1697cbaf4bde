/// A message left in a session for the next page it shows (after a redirect): a notice or an error.
extension SessionStore {
    /// Leaves a message for the next page of the session.
    ///
    /// - Parameters:
    ///   - id: The session.
    ///   - notice: What went well.
    ///   - error: What went wrong.
    func flash(_ id: String, notice: String? = nil, error: String? = nil) {
        update(id) { attributes in
            attributes["notice"] = notice
            attributes["error"] = error
        }
    }

    /// Takes the session's message, so that it shows once.
    ///
    /// - Parameter id: The session.
    /// - Returns: The notice and the error left, if any.
    func takeFlash(_ id: String) -> (notice: String?, error: String?) {
        var flash: (String?, String?) = (nil, nil)
        update(id) { attributes in
            flash = (attributes.removeValue(forKey: "notice"), attributes.removeValue(forKey: "error"))
        }
        return flash
    }
}
