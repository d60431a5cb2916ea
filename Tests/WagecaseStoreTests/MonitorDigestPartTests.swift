import PropertyBased
import Testing
import WagecaseCore
import WagecaseStore

/// The projects raising an arrears alert are chosen by Core's rule and listed by id, in the order given where ids
/// are equal, whatever order the store read them in.
@Suite struct MonitorDigestPartTests {
    @Test("the projects raising arrears are the rule's, listed by id as a stable sort would")
    func raisingIsTheRuleSortedByID() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0..<40).array(of: 0...80), Gen.int(in: 0..<4).array(of: 80...80),
                            Gen.int(in: 0..<5).array(of: 80...80), Gen.int(in: 0..<5).array(of: 80...80)) { ids, open, drawn, opened in
            let origin = LocalDate(year: 2026, month: 1, day: 1)!
            // Days 0…3 or none, so a draw falls before, on and after the latest opening.
            func day(_ pick: Int) -> LocalDate? { pick == 4 ? nil : origin.adding(days: pick * 10) }
            let owing = ids.enumerated().map { place, id in
                GuaranteeFindings.OwingProject(id: Int64(id), name: "项目\(place)", regionCode: place % 3 == 0 ? nil : "620403",
                                               lastDrawn: day(drawn[place]), hasGuarantee: place % 2 == 0)
            }
            var counts: [Int64: Int] = [:], latest: [Int64: LocalDate] = [:]
            for id in 0..<40 {
                if open[id] > 0 { counts[Int64(id)] = open[id] }
                if let latestDay = day(opened[id]) { latest[Int64(id)] = latestDay }
            }
            let expected = owing.filter { project in
                GuaranteeMonitor.raisesArrears(lastDrawn: project.lastDrawn, open: counts[project.id] ?? 0,
                                               latestOpened: latest[project.id])
            }.sorted { $0.id < $1.id }
            #expect(MonitorDigestPart.raising(owing, open: (counts, latest)) == expected)
        }
    }
}
