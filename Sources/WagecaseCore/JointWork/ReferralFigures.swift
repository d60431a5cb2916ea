extension Statistics {
    /// Referrals between member units received in the range (线索移送): in to the procuratorate, out from it and
    /// between others; of those, answered by the range's end, answered within their working days, past their day
    /// unanswered at the end, and made clues.
    public struct Referrals: Sendable, Equatable, Codable {
        public var incoming = 0
        public var outgoing = 0
        public var between = 0
        public var answered = 0
        public var answeredOnTime = 0
        public var overdue = 0
        public var clues = 0

        public init() {}

        public var total: Int { incoming + outgoing + between }

        /// Counted from the referrals received in the range, each as it stood at `end` (the range's last day, or
        /// today when that is later than today).
        public static func count(_ referrals: [Referral], madeClue: Set<Int64>, end: LocalDate) -> Referrals {
            var figures = Referrals()
            for referral in referrals {
                switch referral.direction {
                case .incoming: figures.incoming += 1
                case .outgoing: figures.outgoing += 1
                case .between: figures.between += 1
                }
                switch referral.state(asOf: end) {
                case .answered: figures.answered += 1; figures.answeredOnTime += 1
                case .answeredLate: figures.answered += 1
                case .overdue: figures.overdue += 1
                case .awaiting: break
                }
                if madeClue.contains(referral.id) { figures.clues += 1 }
            }
            return figures
        }

        /// "接收移送线索9件，移出3件，按期答复8件，逾期未答复1件，转为线索5件。"; empty when none.
        public func headline(_ language: Language) -> String {
            guard total > 0 else { return "" }
            switch language {
            case .zh:
                return "接收移送线索\(incoming)件，移出\(outgoing)件\(between > 0 ? "，单位间转办\(between)件" : "")，"
                    + "已答复\(answered)件（按期\(answeredOnTime)件），逾期未答复\(overdue)件，转为线索\(clues)件。"
            case .en:
                return "Referrals: \(incoming) in, \(outgoing) out\(between > 0 ? ", \(between) between units" : ""); "
                    + "\(answered) answered (\(answeredOnTime) on time), \(overdue) overdue, \(clues) made clues."
            }
        }

        enum CodingKeys: String, CodingKey {
            case incoming = "in", outgoing = "out", between, answered, overdue, clues
            case answeredOnTime = "answered_on_time"
        }
    }
}
