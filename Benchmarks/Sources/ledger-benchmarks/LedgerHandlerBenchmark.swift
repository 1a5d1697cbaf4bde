import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// The handler end to end: request bytes in, response bytes out, with XSD validation, semantic
/// rules, the simulated gateway, the ledger change and the encoded response, on 1 and 2 tasks.
///
/// Every request is a `PaymentRequest` entering one new payment (`R01`) into a booking that holds
/// 5 payments, and every request goes to a booking no other request touched, so none is an
/// idempotent no-op and each sees the same booking size. Each measurement takes a fresh block of
/// bookings, populated (untimed) right before; its request bytes are generated untimed too.
struct LedgerHandlerBenchmark {
    struct Settings: Sendable {
        var requestsPerRun: Int
        var rounds: Int
        var warmUpRounds: Int
    }

    struct Result: Sendable {
        var requestsPerRun: Int
        var rounds: Int
        var oneTask: [Duration]
        var twoTasks: [Duration]
        /// Process CPU time over wall-clock time of each sample: how many cores the run kept busy.
        var oneTaskCores: [Double]
        var twoTaskCores: [Double]
        var requestBytes: Int
        var responseBytes: Int

        var oneTaskRate: Double { Double(requestsPerRun) / Stopwatch.median(oneTask).seconds }
        var twoTaskRate: Double { Double(requestsPerRun) / Stopwatch.median(twoTasks).seconds }
        var speedUp: Double { twoTaskRate / oneTaskRate }
    }

    let settings: Settings
    let ledger: Ledger
    let handler: StringMessageHandler
    private var nextBooking = 1

    init(settings: Settings) {
        self.settings = settings
        do {
            ledger = try Ledger(configuration: LedgerWorkload.configuration())
        } catch {
            fail("cannot make the ledger: \(error)")
        }
        handler = StringMessageHandler(ledger: ledger)
    }

    /// A fresh block of bookings with 5 payments each, and one request per booking.
    mutating func prepareRequests(_ count: Int) -> [Data] {
        let range = nextBooking..<(nextBooking + count)
        nextBooking += count
        do {
            try LedgerWorkload.populate(ledger, bookings: range, paymentsPerBooking: 5)
        } catch {
            fail("cannot populate bookings: \(error)")
        }
        return range.map { LedgerWorkload.paymentRequest(bookingNumber: $0) }
    }

    /// Handles the requests on `tasks` child tasks, request i on task i % tasks; returns how many
    /// changed the ledger.
    static func handleAll(_ requests: [Data], handler: StringMessageHandler, tasks: Int) async -> Int {
        await withTaskGroup(of: Int.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var applied = 0
                    for index in stride(from: task, to: requests.count, by: tasks) {
                        let handled = await handler.handle(requests[index])
                        if handled.outcome == .applied { applied += 1 }
                    }
                    return applied
                }
            }
            return await group.reduce(0, +)
        }
    }

    /// Checks a card request and an agency request end to end before anything is timed.
    mutating func check() async -> (requestBytes: Int, responseBytes: Int) {
        let requests = prepareRequests(2)
        var responseBytes = 0
        for request in requests {
            let report = (try? StringMessageValidator(today: LedgerWorkload.today))?.validate(request)
            guard report?.isValid == true else { fail("a generated request is not valid: \(report?.issues ?? [])") }
            let handled = await handler.handle(request)
            guard handled.outcome == .applied, case .paymentResponse(let response) = handled.response,
                response.errors == nil, response.payments.payments.count >= 6,
                let entered = response.payments.payments.first(where: { $0.identifier == "R01" }),
                entered.status == .settled || entered.status == .recorded
            else { fail("unexpected answer: \(handled.outcome) \(String(decoding: handled.responseData, as: UTF8.self))") }
            let again = await handler.handle(request)
            guard again.outcome == .unchanged, again.responseData == handled.responseData else {
                fail("sending a request again changed something: \(again.outcome)")
            }
            responseBytes = max(responseBytes, handled.responseData.count)
        }
        return (requests.map(\.count).max() ?? 0, responseBytes)
    }

    mutating func run() async -> Result {
        let sizes = await check()
        var oneTask: [Duration] = []
        var twoTasks: [Duration] = []
        var oneTaskCores: [Double] = []
        var twoTaskCores: [Double] = []
        let totalRounds = settings.warmUpRounds + settings.rounds
        for round in 0..<totalRounds {
            let isWarmUp = round < settings.warmUpRounds
            progress("handler: \(isWarmUp ? "warm-up round" : "round") \(round + 1) of \(totalRounds)")
            // Interleaved: a burst of other load slows one sample of each, not every sample of one.
            for tasks in [1, 2] {
                let requests = prepareRequests(settings.requestsPerRun)
                let cpuBefore = ProcessCPUTime.now
                let (elapsed, applied) = await Stopwatch.time {
                    await Self.handleAll(requests, handler: handler, tasks: tasks)
                }
                let cores = (ProcessCPUTime.now - cpuBefore).seconds / elapsed.seconds
                guard applied == requests.count else { fail("only \(applied) of \(requests.count) requests applied") }
                if !isWarmUp {
                    if tasks == 1 {
                        oneTask.append(elapsed)
                        oneTaskCores.append(cores)
                    } else {
                        twoTasks.append(elapsed)
                        twoTaskCores.append(cores)
                    }
                }
            }
        }
        return Result(
            requestsPerRun: settings.requestsPerRun, rounds: settings.rounds, oneTask: oneTask, twoTasks: twoTasks,
            oneTaskCores: oneTaskCores, twoTaskCores: twoTaskCores,
            requestBytes: sizes.requestBytes, responseBytes: sizes.responseBytes)
    }
}
