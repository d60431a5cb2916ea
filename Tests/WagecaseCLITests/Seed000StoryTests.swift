import Foundation
import Testing

@Suite("Seed 000's story entered through the CLI")
struct Seed000StoryTests {
    @Test func reproducesTheReportedFigures() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let script = CLI.packageRoot.appendingPathComponent("scripts/seed-000-story.sh")
        let story = try CLI.execute(URL(fileURLWithPath: "/bin/bash"), [script.path, CLI.binary.path],
                                    environment: ["WAGECASE_DB": cli.databasePath])
        #expect(story.status == 0, "\(story.stderr)")

        let stats = try #require(try cli.json(["stats"]) as? [String: Any])
        #expect(stats.int("clues.total") == 22)
        #expect(stats.int("clues.by_source.petition") == 8)
        #expect(stats.int("clues.by_source.legal-aid") == 7)
        #expect(stats.int("clues.by_source.labor-dispute") == 7)
        #expect(stats.int("cases.opened") == 22)
        #expect(stats.int("cases.support_decided") == 18)
        #expect(stats.int("cases.settled") == 4)
        #expect(stats.int("workers") == 22)
        #expect(stats.int("claimed_fen") == 22 * 1_200_000)
        #expect(stats.int("recovered_fen") == 3_800_000)
        // Two workers paid from the deposit by one draw: drawn and recovered by draw are the same money.
        #expect(stats.int("guarantees.drawn_fen") == 1_000_000)
        #expect(stats.int("recovered_by_route_fen.guarantee-draw") == stats.int("guarantees.drawn_fen"))
        for key in ["cases.declined", "cases.judgment", "cases.mediated", "cases.withdrawn", "cases.enforcement",
                    "cases.closed"] {
            #expect(stats.int(key) == 0, "\(key)")
        }

        #expect(stats.int("suggestions.issued") == 2 && stats.int("suggestions.replied") == 2)
        #expect(stats.int("suggestions.secured_fen") == 2_803_900_000)
        let text = try cli.run(["stats"])
        #expect(text.stdout.contains("摸排拖欠农民工工资案件线索22件，提出支持起诉18件，达成检察和解4件，为农民工挽回损失3.8万元"))
        #expect(text.stdout.contains("发出检察建议2份，抵存农民工工资保证金2803.9万元"))
        let november = try #require(try cli.json(["stats", "--from", "2024-11-01", "--to", "2024-11-30"]) as? [String: Any])
        #expect(november.int("clues.total") == 0 && november.int("cases.settled") == 4)
        #expect(november.int("suggestions.issued") == 0 && november.int("suggestions.secured_fen") == 2_803_900_000)
    }

    @Test func sampleCommandPrintsTheSameFigures() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let first = try cli.run(["sample"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("线索22件，提出支持起诉18件，达成检察和解4件，为农民工挽回损失3.8万元"))
        let second = try cli.run(["sample", "--lang", "en"])
        #expect(second.status == 0 && second.stdout.contains("sample already in"))
        let stats = try #require(try cli.json(["stats"]) as? [String: Any])
        #expect(stats.int("recovered_fen") == 3_800_000 && stats.int("cases.support_decided") == 18)
        #expect(stats.int("suggestions.secured_fen") == 2_803_900_000)
        #expect(first.stdout.contains("抵存农民工工资保证金2803.9万元"))
    }
}
