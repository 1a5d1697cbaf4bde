/// How the input's characters are laid out, as libxml2 detects it from the first four bytes.
enum XMLInputLayout: Equatable {
    /// One byte per ASCII character: UTF-8, ASCII, ISO-8859-x, Windows-125x, Shift_JIS, EUC, GBK, Big5.
    case bytes
    case utf16(bigEndian: Bool)
    case ucs4(bigEndian: Bool)

    var width: Int {
        switch self {
        case .bytes: return 1
        case .utf16: return 2
        case .ucs4: return 4
        }
    }
}
