/// Calendar buckets for trends, in UTC: a day, or an ISO week (Monday to Sunday).
package enum TimeBucket: String, Sendable, CaseIterable {
    case day, week

    package var seconds: Int { self == .day ? 86_400 : 7 * 86_400 }

    /// The start of the bucket holding `time` (epoch seconds).
    package func start(of time: Int) -> Int {
        let day = time >= 0 ? time / 86_400 : (time - 86_399) / 86_400
        switch self {
        case .day: return day * 86_400
        case .week:
            // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
            let shifted = day + 3
            let week = shifted >= 0 ? shifted / 7 : (shifted - 6) / 7
            return (week * 7 - 3) * 86_400
        }
    }
}
