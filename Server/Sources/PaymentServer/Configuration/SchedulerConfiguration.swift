/// The scheduler's keys: the `scheduler` object of the configuration file.
///
/// The autopay windows, retries and the production flag are the library's autopay settings
/// (`autopay.json` in the data directory, as the `drv-payments autopay` tool writes them); these
/// keys say whether and how often the server looks, and where the balances export goes.
///
/// ```json
/// "scheduler": {"balancesExportHourUTC": 5, "balancesUploadURL": "https://pay.example/balances",
///               "balancesUploadMethod": "PUT", "balancesUploadAttempts": 4}
/// ```
public struct SchedulerConfiguration: Codable, Hashable, Sendable {
    /// Whether the scheduler runs at all. Default `true`; autopay still runs only on a ledger
    /// whose autopay settings say production.
    public var enabled: Bool
    /// How often the scheduler looks for due jobs, in seconds. Default 60.
    public var tickSeconds: Double
    /// How many run reports are kept. Default 500 (over a year of daily runs of every job).
    public var reportRetention: Int
    /// The UTC hour from which the daily balances export runs, or `nil` for never. Default 5.
    public var balancesExportHourUTC: Int?
    /// Where the export is uploaded (`http` or `https`), or `nil` to write the file only.
    public var balancesUploadURL: String?
    /// `PUT` or `POST`. Default `PUT`.
    public var balancesUploadMethod: String
    /// Attempts in all before the upload gives up. Default 4.
    public var balancesUploadAttempts: Int
    /// The wait before the second attempt, in seconds; doubled before each further one. Default 2.
    public var balancesUploadBackoffSeconds: Double
    /// How long one attempt may take, in seconds. Default 60.
    public var balancesUploadTimeoutSeconds: Double
    /// An `Authorization` header value for the receiver, or `nil`. A secret: keep it in the
    /// environment (`DRV_SERVER_BALANCES_UPLOAD_AUTH`) rather than the file.
    public var balancesUploadAuthorization: String?
    /// The payment link of each departure in the export (`{reference}` replaced), or `nil`.
    public var paymentLinkTemplate: String?
    /// The UTC hour from which the daily balance reminders go out, or `nil` (the default) for
    /// never. Reminders need a mail path (`mail.smtpHost` or `mail.sendmailPath`).
    public var remindersHourUTC: Int?
    /// Which bookings are reminded: those whose next unpaid scheduled payment is due within this
    /// many days, or overdue. Default 14.
    public var remindersDueWithinDays: Int
    /// The fewest days between two reminders of one booking, counted from the last reminder
    /// recorded on the booking (by the schedule, the back office or the `remind` command), so
    /// that it holds across restarts and instances. Default 7.
    public var remindersIntervalDays: Int

    /// Creates a configuration; every parameter has the documented default.
    public init(
        enabled: Bool = true, tickSeconds: Double = 60, reportRetention: Int = 500, balancesExportHourUTC: Int? = 5,
        balancesUploadURL: String? = nil, balancesUploadMethod: String = "PUT", balancesUploadAttempts: Int = 4,
        balancesUploadBackoffSeconds: Double = 2, balancesUploadTimeoutSeconds: Double = 60,
        balancesUploadAuthorization: String? = nil, paymentLinkTemplate: String? = nil,
        remindersHourUTC: Int? = nil, remindersDueWithinDays: Int = 14, remindersIntervalDays: Int = 7
    ) {
        self.enabled = enabled
        self.tickSeconds = tickSeconds
        self.reportRetention = reportRetention
        self.balancesExportHourUTC = balancesExportHourUTC
        self.balancesUploadURL = balancesUploadURL
        self.balancesUploadMethod = balancesUploadMethod
        self.balancesUploadAttempts = balancesUploadAttempts
        self.balancesUploadBackoffSeconds = balancesUploadBackoffSeconds
        self.balancesUploadTimeoutSeconds = balancesUploadTimeoutSeconds
        self.balancesUploadAuthorization = balancesUploadAuthorization
        self.paymentLinkTemplate = paymentLinkTemplate
        self.remindersHourUTC = remindersHourUTC
        self.remindersDueWithinDays = remindersDueWithinDays
        self.remindersIntervalDays = remindersIntervalDays
    }

    /// Reads the keys present; missing ones keep their defaults.
    public init(from decoder: any Decoder) throws {
        let base = SchedulerConfiguration()
        let values = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try values.decodeIfPresent(Bool.self, forKey: .enabled) ?? base.enabled
        tickSeconds = try values.decodeIfPresent(Double.self, forKey: .tickSeconds) ?? base.tickSeconds
        reportRetention = try values.decodeIfPresent(Int.self, forKey: .reportRetention) ?? base.reportRetention
        balancesExportHourUTC =
            values.contains(.balancesExportHourUTC)
            ? try values.decodeIfPresent(Int.self, forKey: .balancesExportHourUTC) : base.balancesExportHourUTC
        balancesUploadURL = try values.decodeIfPresent(String.self, forKey: .balancesUploadURL)
        balancesUploadMethod =
            try values.decodeIfPresent(String.self, forKey: .balancesUploadMethod) ?? base.balancesUploadMethod
        balancesUploadAttempts =
            try values.decodeIfPresent(Int.self, forKey: .balancesUploadAttempts) ?? base.balancesUploadAttempts
        balancesUploadBackoffSeconds =
            try values.decodeIfPresent(Double.self, forKey: .balancesUploadBackoffSeconds)
            ?? base.balancesUploadBackoffSeconds
        balancesUploadTimeoutSeconds =
            try values.decodeIfPresent(Double.self, forKey: .balancesUploadTimeoutSeconds)
            ?? base.balancesUploadTimeoutSeconds
        balancesUploadAuthorization = try values.decodeIfPresent(String.self, forKey: .balancesUploadAuthorization)
        paymentLinkTemplate = try values.decodeIfPresent(String.self, forKey: .paymentLinkTemplate)
        remindersHourUTC = try values.decodeIfPresent(Int.self, forKey: .remindersHourUTC)
        remindersDueWithinDays =
            try values.decodeIfPresent(Int.self, forKey: .remindersDueWithinDays) ?? base.remindersDueWithinDays
        remindersIntervalDays =
            try values.decodeIfPresent(Int.self, forKey: .remindersIntervalDays) ?? base.remindersIntervalDays
    }

    /// Checks the ranges.
    ///
    /// - Throws: ``ServerError`` with code `invalid-configuration` naming the first bad value.
    public func validate() throws(ServerError) {
        func bad(_ text: String) -> ServerError {
            ServerError(code: .invalidConfiguration, message: "scheduler.\(text)")
        }
        for (name, value) in [
            ("tickSeconds", tickSeconds), ("balancesUploadBackoffSeconds", balancesUploadBackoffSeconds),
            ("balancesUploadTimeoutSeconds", balancesUploadTimeoutSeconds),
        ] where !(value > 0 && value <= 86_400) {
            throw bad("\(name) \(value) is not a positive number of seconds up to a day")
        }
        guard (1...100_000).contains(reportRetention) else {
            throw bad("reportRetention \(reportRetention) is not between 1 and 100000")
        }
        if let hour = balancesExportHourUTC, !(0...23).contains(hour) {
            throw bad("balancesExportHourUTC \(hour) is not an hour 0…23")
        }
        if let hour = remindersHourUTC, !(0...23).contains(hour) {
            throw bad("remindersHourUTC \(hour) is not an hour 0…23")
        }
        guard (0...365).contains(remindersDueWithinDays) else {
            throw bad("remindersDueWithinDays \(remindersDueWithinDays) is not between 0 and 365")
        }
        guard (1...365).contains(remindersIntervalDays) else {
            throw bad("remindersIntervalDays \(remindersIntervalDays) is not between 1 and 365")
        }
        guard ["PUT", "POST"].contains(balancesUploadMethod) else {
            throw bad("balancesUploadMethod \(balancesUploadMethod) is neither PUT nor POST")
        }
        guard (1...20).contains(balancesUploadAttempts) else {
            throw bad("balancesUploadAttempts \(balancesUploadAttempts) is not between 1 and 20")
        }
        if let url = balancesUploadURL {
            let lowered = url.lowercased()
            guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
                throw bad("balancesUploadURL is not an http or https URL")
            }
        }
    }
}
