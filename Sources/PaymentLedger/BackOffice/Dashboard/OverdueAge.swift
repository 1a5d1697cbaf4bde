/// How long a scheduled payment has been overdue, in the finance dashboard's buckets.
public enum OverdueAge: String, Hashable, Sendable, CaseIterable {
    /// 0 to 30 days past the due date (a payment due yesterday is 1 day overdue; one due today
    /// is not overdue).
    case upTo30 = "0–30"
    /// 31 to 60 days.
    case upTo60 = "31–60"
    /// 61 to 90 days.
    case upTo90 = "61–90"
    /// More than 90 days.
    case over90 = "90+"

    /// The bucket of a number of days overdue (1 or more).
    ///
    /// - Parameter days: Days since the due date.
    public init(days: Int) {
        switch days {
        case ...30: self = .upTo30
        case 31...60: self = .upTo60
        case 61...90: self = .upTo90
        default: self = .over90
        }
    }
}
