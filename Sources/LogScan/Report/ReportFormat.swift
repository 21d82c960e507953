/// How `logscan report` writes its table.
package enum ReportFormat: String, Sendable, CaseIterable {
    /// Aligned columns for a person, fitted to the terminal's width.
    case table
    case csv, tsv, markdown, json
    /// InfluxDB line protocol and Prometheus text exposition (see `MonitoringExport`).
    case influx, prometheus
}
