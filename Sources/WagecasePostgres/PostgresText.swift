/// How the PostgreSQL side reads its columns back as the text the program writes (SQL fragments).
enum PostgresText {
    /// A timestamptz column as the text the program wrote: `YYYY-MM-DDTHH:MM:SS+08:00`, with the fraction of a
    /// second shown when there is one (the program never writes one, so it shows a change made outside it).
    static func timestamp(_ column: String) -> String {
        let local = "\(column) AT TIME ZONE INTERVAL '+08:00'"
        return """
            CASE WHEN date_trunc('second', \(column)) = \(column) \
            THEN to_char(\(local), 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') \
            ELSE to_char(\(local), 'YYYY-MM-DD"T"HH24:MI:SS.US"+08:00"') END
            """
    }
}
