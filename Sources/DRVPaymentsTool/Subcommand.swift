/// The subcommands of `drv-payments`, by the name typed on the command line.
enum Subcommand: String, CaseIterable, Sendable, Equatable {
    /// `validate FILE|DIR|- ...`: see ``ValidateCommand``.
    case validate
    /// `decode FILE|-`: see ``DecodeCommand``.
    case decode
    /// `format FILE|-`: see ``FormatCommand``.
    case format
    /// `handle --ledger DIR REQUEST ...`: see ``HandleCommand``.
    case handle
    /// `book --ledger DIR --price AMOUNT CURRENCY --departure DATE`: see ``BookCommand``.
    case book
    /// `pay --ledger DIR BOOKING --amount AMOUNT --by FORM`: see ``PayCommand``.
    case pay
    /// `settle --ledger DIR BOOKING PAYMENT ...`: see ``PaymentStatusCommand``.
    case settle
    /// `fail --ledger DIR BOOKING PAYMENT --reason TEXT`: see ``PaymentStatusCommand``.
    case fail
    /// `confirm --ledger DIR BOOKING PAYMENT`: see ``PaymentStatusCommand``.
    case confirm
    /// `reopen --ledger DIR BOOKING PAYMENT`: see ``PaymentStatusCommand``.
    case reopen
    /// `show --ledger DIR [BOOKING]`: see ``ShowCommand``.
    case show
    /// `reconcile --ledger DIR`: see ``ReconcileCommand``.
    case reconcile
    /// `journal verify|repair --ledger DIR`: see ``JournalCommand``.
    case journal
    /// `history --ledger DIR BOOKING`: see ``HistoryCommand``.
    case history
    /// `bank import --ledger DIR FILE ...`: see ``BankCommand``.
    case bank
    /// `unregistered list|assign|unassign --ledger DIR ...`: see ``UnregisteredCommand``.
    case unregistered
    /// `settlements import|list --ledger DIR ...`: see ``SettlementsCommand``.
    case settlements
    /// `unpaid --ledger DIR`: see ``UnpaidCommand``.
    case unpaid
    /// `payments list --ledger DIR`: see ``PaymentsCommand``.
    case payments
    /// `protected --ledger DIR`: see ``ProtectedCommand``.
    case protected
    /// `export balances --ledger DIR`: see ``ExportCommand``.
    case export
    /// `find --ledger DIR REFERENCE --surname NAME`: see ``FindCommand``.
    case find
    /// `release --ledger DIR BOOKING --on|--off`: see ``ReleaseCommand``.
    case release
    /// `comment --ledger DIR BOOKING TEXT`: see ``CommentCommand``.
    case comment
    /// `negative-balances --ledger DIR [--seller S] [--released] [--sort KEY]`: see
    /// ``NegativeBalancesCommand``.
    case negativeBalances = "negative-balances"
    /// `refund --ledger DIR BOOKING --amount A --method M`: see ``RefundCommand``.
    case refund
    /// `refunds list --ledger DIR [--print]`: see ``RefundsCommand``.
    case refunds
    /// `demo`: see ``DemoCommand``.
    case demo
    /// `autopay run|config --ledger DIR ...`: see ``AutopayCommand``.
    case autopay
    /// `card store|list|remove --ledger DIR BOOKING ...`: see ``CardCommand``.
    case card
    /// `approve --ledger DIR BOOKING ...`: see ``ApproveCommand``.
    case approve
    /// `memo --ledger DIR BOOKING [TEXT]`: see ``MemoCommand``.
    case memo
    /// `channel set|list|remove --ledger DIR ...`: see ``ChannelCommand``.
    case channel
    /// `term-set set|list|remove --ledger DIR ...`: see ``ChannelCommand``.
    case termSet = "term-set"
    /// `reservation --ledger DIR BOOKING ...`: see ``ReservationCommand``.
    case reservation
    /// `mandate store|list|revoke --ledger DIR BOOKING ...`: see ``MandateCommand``.
    case mandate
    /// `gds list|add|edit --ledger DIR ...`: see ``GDSCommand``.
    case gds
    /// `portal-link --ledger DIR BOOKING [--base-url URL] [--valid-for HOURS]`: see
    /// ``PortalLinkCommand``.
    case portalLink = "portal-link"

    /// The description of the subcommand's command line and help.
    var spec: CommandSpec {
        switch self {
        case .validate: return ValidateCommand.spec
        case .decode: return DecodeCommand.spec
        case .format: return FormatCommand.spec
        case .handle: return HandleCommand.spec
        case .book: return BookCommand.spec
        case .pay: return PayCommand.spec
        case .settle: return PaymentStatusCommand.settleSpec
        case .fail: return PaymentStatusCommand.failSpec
        case .confirm: return PaymentStatusCommand.confirmSpec
        case .reopen: return PaymentStatusCommand.reopenSpec
        case .show: return ShowCommand.spec
        case .reconcile: return ReconcileCommand.spec
        case .journal: return JournalCommand.spec
        case .history: return HistoryCommand.spec
        case .bank: return BankCommand.spec
        case .unregistered: return UnregisteredCommand.spec
        case .settlements: return SettlementsCommand.spec
        case .unpaid: return UnpaidCommand.spec
        case .payments: return PaymentsCommand.spec
        case .protected: return ProtectedCommand.spec
        case .export: return ExportCommand.spec
        case .find: return FindCommand.spec
        case .release: return ReleaseCommand.spec
        case .comment: return CommentCommand.spec
        case .negativeBalances: return NegativeBalancesCommand.spec
        case .refund: return RefundCommand.spec
        case .refunds: return RefundsCommand.spec
        case .demo: return DemoCommand.spec
        case .autopay: return AutopayCommand.spec
        case .card: return CardCommand.spec
        case .approve: return ApproveCommand.spec
        case .memo: return MemoCommand.spec
        case .channel: return ChannelCommand.channelSpec
        case .termSet: return ChannelCommand.termSetSpec
        case .reservation: return ReservationCommand.spec
        case .mandate: return MandateCommand.spec
        case .gds: return GDSCommand.spec
        case .portalLink: return PortalLinkCommand.spec
        }
    }
}
