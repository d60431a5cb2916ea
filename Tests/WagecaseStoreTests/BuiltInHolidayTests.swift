import Foundation
import Testing
import WagecaseCore
@testable import WagecaseSQLite

/// The built-in schedules are read without the decoder's checks; what they give is what the checked decoding
/// (unknown keys refused, years and dates validated) gives for every file built in.
@Suite struct BuiltInHolidayTests {
    @Test func builtInReadingEqualsTheCheckedDecoding() throws {
        #expect(embeddedHolidaySchedules.count >= 9)
        for document in embeddedHolidaySchedules {
            let checked = try JSONDecoder().decode(HolidaySchedule.self, from: Data(document.utf8))
            #expect(HolidaySchedule.builtIn([document]) == [checked], "\(checked.year)")
        }
        #expect(AppDatabase.builtInSchedules.map(\.year) == AppDatabase.builtInSchedules.map(\.year).sorted())
    }
}
