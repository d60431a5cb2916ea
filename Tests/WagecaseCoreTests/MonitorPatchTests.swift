import Testing
import WagecaseTestSupport
@testable import WagecaseCore

/// Random worlds of projects with letters, deposits and events; some projects change (records rewritten, a project
/// deleted, one added, suggestions replied): what the kept findings become with the changed projects' put in place
/// is what a pass over the new world finds.
@Suite("The monitor's findings brought up to date project by project")
struct MonitorPatchTests {
    /// The records of one project, numbered from its id so two projects never share a guarantee or event id.
    static func records(project id: Int64, _ random: inout SplitMix) -> (Project, [Guarantee], [GuaranteeEvent]) {
        let start = day("2024-01-01").adding(days: Int.random(in: 0..<300, using: &random))
        let project = Project(id: id, name: "项目\(id)", employerID: 1, employerName: "甲公司", location: nil,
                              regionCode: "620403", contractPrice: Fen(Int64.random(in: 0...20_000_000_000, using: &random)),
                              start: start, status: [.inProgress, .inProgress, .completed, .suspended].randomElement(using: &random)!,
                              createdAt: "")
        var guarantees: [Guarantee] = [], events: [GuaranteeEvent] = []
        for n in 0..<Int.random(in: 0...3, using: &random) {
            let guaranteeID = id * 10 + Int64(n)
            let kind = GuaranteeKind.allCases.randomElement(using: &random)!
            let amount = Int64.random(in: 1...900_000_000, using: &random)
            let ends = start.adding(days: Int.random(in: 30...700, using: &random))
            guarantees.append(Guarantee(id: guaranteeID, projectID: id, kind: kind, amount: Fen(amount), issuer: nil,
                                        documentNumber: "G-\(guaranteeID)", effective: start,
                                        ends: kind.hasEndDate ? ends : nil, createdAt: ""))
            var eventDay = start, eventNumber: Int64 = 0
            func event(_ kind: GuaranteeEventKind, amount: Int64? = nil, newEnds: LocalDate? = nil) {
                eventNumber += 1
                events.append(GuaranteeEvent(id: guaranteeID * 10 + eventNumber, guaranteeID: guaranteeID,
                                             kind: kind, date: eventDay, amount: amount.map(Fen.init), newEnds: newEnds,
                                             actor: "t"))
            }
            event(.lodged, amount: amount)
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                eventDay = eventDay.adding(days: Int.random(in: 1...200, using: &random))
                switch Int.random(in: 0..<5, using: &random) {
                case 0: event(.drawn, amount: Int64.random(in: 1...amount, using: &random))
                case 1: event(.replenished, amount: Int64.random(in: 1...amount, using: &random))
                case 2: event(.renewed, newEnds: eventDay.adding(days: 365))
                case 3: event(.returnRequested)
                default: event(.noticeStarted)
                }
            }
        }
        return (project, guarantees, events)
    }

    static func snapshot(_ records: [Int64: (Project, [Guarantee], [GuaranteeEvent])],
                         suggestions: [Suggestion]) -> MonitorSnapshot {
        let ordered = records.keys.sorted().compactMap { records[$0] }
        return MonitorSnapshot(projects: ordered.map(\.0), guarantees: ordered.flatMap(\.1),
                               events: Dictionary(grouping: ordered.flatMap(\.2), by: \.guaranteeID),
                               openCaseCounts: [:], suggestions: suggestions, rules: [.nationalDefault])
    }

    static func suggestion(_ id: Int64, due: String) -> Suggestion {
        Suggestion(id: id, number: "平检行建〔2024〕\(id)号", issued: day("2024-09-10"), agency: "平川区人社局", text: nil,
                   replyDue: day(due), replied: nil, replySummary: nil, secured: .zero, lettersRenewed: 0,
                   projectIDs: [], guaranteeIDs: [], createdAt: "")
    }

    @Test("findings, deadlines and the snapshot agree with a full pass", arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func patchAgreesWithAFullPass(seed: UInt64) {
        var random = SplitMix(state: seed)
        let calendar = WorkingDayCalendar()
        var world: [Int64: (Project, [Guarantee], [GuaranteeEvent])] = [:]
        for id in 1...40 as ClosedRange<Int64> { world[id] = Self.records(project: id, &random) }
        var suggestions = [Self.suggestion(1, due: "2024-10-01"), Self.suggestion(2, due: "2025-03-01")]
        for round in 0..<10 {
            let asOf = day("2024-06-01").adding(days: round * 37)
            let before = Self.snapshot(world, suggestions: suggestions)
            var changed: Set<Int64> = []
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let id = Int64.random(in: 1...42, using: &random)
                changed.insert(id)
                if Int.random(in: 0..<5, using: &random) == 0 {
                    world[id] = nil
                } else {
                    world[id] = Self.records(project: id, &random)
                }
            }
            if round % 3 == 0 { suggestions.removeFirst(min(1, suggestions.count)) }
            if round % 4 == 1 { suggestions.append(Self.suggestion(Int64(10 + round), due: "2024-12-01")) }
            let after = Self.snapshot(world, suggestions: suggestions)
            let part = Self.snapshot(world.filter { changed.contains($0.key) }, suggestions: suggestions)

            let patched = before.replacing(projects: changed, with: part)
            #expect(patched.projects == after.projects && patched.guarantees == after.guarantees
                    && patched.events == after.events && patched.suggestions == after.suggestions, "round \(round)")

            let findings = GuaranteeMonitor.findings(before, calendar: calendar, asOf: asOf)
                .replacing(projects: changed, with: GuaranteeMonitor.findings(part, calendar: calendar, asOf: asOf))
            #expect(findings == GuaranteeMonitor.findings(after, calendar: calendar, asOf: asOf), "round \(round)")

            let deadlines = Deadline.replacing(GuaranteeMonitor.deadlines(before, calendar: calendar, asOf: asOf),
                                               projects: changed,
                                               with: GuaranteeMonitor.deadlines(part, calendar: calendar, asOf: asOf))
            #expect(deadlines == GuaranteeMonitor.deadlines(after, calendar: calendar, asOf: asOf), "round \(round)")

        }
    }
}
