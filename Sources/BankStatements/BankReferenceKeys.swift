/// Makes bank references unique within one report, deterministically: the first occurrence keeps
/// its reference, later ones get `~2`, `~3`, … in document order.
struct BankReferenceKeys {
    private var seen: [String: Int] = [:]

    mutating func unique(_ reference: String) -> String {
        guard let count = seen[reference] else {
            seen[reference] = 1
            return reference
        }
        var next = count + 1
        var candidate = "\(reference)~\(next)"
        while seen[candidate] != nil {
            next += 1
            candidate = "\(reference)~\(next)"
        }
        seen[reference] = next
        seen[candidate] = 1
        return candidate
    }
}
