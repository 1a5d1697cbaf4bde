import StringPayments
import XMLCoding

extension _BackOfficeSampleLedger {
    /// A destination of the sample package holidays: its airport, its name and a hotel there.
    private struct Destination {
        let airport: String
        let name: String
        let hotel: String
    }

    private static let homeAirports = [("DUS", "Düsseldorf"), ("FRA", "Frankfurt"), ("MUC", "München")]
    private static let destinations = [
        Destination(airport: "PMI", name: "Palma de Mallorca", hotel: "Hotel Cala Blava"),
        Destination(airport: "AYT", name: "Antalya", hotel: "Club Side Resort"),
        Destination(airport: "HRG", name: "Hurghada", hotel: "Sunrise Beach & Spa"),
        Destination(airport: "BKK", name: "Bangkok", hotel: "Riverside Garden Hotel"),
    ]
    private static let rooms = ["Doppelzimmer Meerblick", "Familienzimmer", "Junior Suite"]
    private static let boards = ["Halbpension", "All inclusive", "Frühstück", "Vollpension"]

    /// The services of a sample package holiday, as a tour operator books them: the flight out
    /// on the departure date, the hotel (room, board, nights) and the transfer from the
    /// departure to the return date, and the flight back, each for the travellers given.
    ///
    /// Drawn from its own generator (seeded by the booking's seed and number), so the other
    /// fields of a sample booking do not depend on its services.
    ///
    /// - Parameters:
    ///   - seed: The ledger's seed.
    ///   - number: The booking's number.
    ///   - departure: The departure date.
    ///   - returnDate: The return date.
    ///   - travellers: The travellers the services are for.
    /// - Returns: Four services in travel order.
    static func packageServices(
        seed: UInt64, number: Int, departure: XMLDate, returnDate: XMLDate, travellers: [Identifier]
    ) -> [BookedService] {
        var random = ReferenceGenerator(seed: seed ^ (0x5E_41CE &+ UInt64(truncatingIfNeeded: number)))
        let (home, homeName) = homeAirports[random.below(homeAirports.count)]
        let destination = destinations[random.below(destinations.count)]
        let nights = returnDate.daysSinceEpoch - departure.daysSinceEpoch
        let hotelCode = "\(destination.airport)-\(4_000 + random.below(1_000))"
        let room = rooms[random.below(rooms.count)]
        let board = boards[random.below(boards.count)]
        return [
            BookedService(
                kind: "Flight", code: "\(home)-\(destination.airport)",
                description: "\(homeName)–\(destination.name)", startDate: departure, endDate: departure,
                travellers: travellers),
            BookedService(
                kind: "Hotel", code: hotelCode,
                description: "\(destination.hotel), \(room), \(board), \(nights) Nächte", startDate: departure,
                endDate: returnDate, travellers: travellers),
            BookedService(
                kind: "Transfer", code: "TRF-\(destination.airport)",
                description: "Flughafen–Hotel und zurück", startDate: departure, endDate: returnDate,
                travellers: travellers),
            BookedService(
                kind: "Flight", code: "\(destination.airport)-\(home)",
                description: "\(destination.name)–\(homeName)", startDate: returnDate, endDate: returnDate,
                travellers: travellers),
        ]
    }
}
