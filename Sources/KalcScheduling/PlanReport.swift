import KalcDiagnostics
import KalcJSON
import KalcSemantics

/// The assignment matrix of each environment — which deployment targets land on which
/// cluster types through which policy — as a table, JSON or Graphviz.
public enum PlanReport {
    /// How a plan is printed; `markdown` is for the plan of a change (`FleetChangeReport`),
    /// `html` for the page of the fleet (`FleetPage`).
    public enum Format: String, CaseIterable, Sendable {
        case table, json, dot, markdown, html
    }

    /// The assignment matrix in `format`; nil for `markdown` and `html`, which other reports make.
    public static func render(_ schedules: [EnvironmentSchedule], format: Format) -> String? {
        switch format {
        case .table: table(schedules)
        case .json: json(schedules)
        case .dot: dot(schedules)
        case .markdown, .html: nil
        }
    }

    static func unscheduled(_ schedule: EnvironmentSchedule) -> [String] {
        let assigned = Set(schedule.assignments.map(\.deploymentTarget))
        return schedule.deploymentTargets.keys.filter { !assigned.contains($0) }.sorted()
    }

    /// Where an environment's GitOps tree goes, as `repo @ branch`.
    public static func gitOps(_ schedule: EnvironmentSchedule) -> String? {
        guard let name = schedule.namespace.gitOpsRepos.keys.sorted().first, let repo = schedule.namespace.gitOpsRepos[name] else { return nil }
        return "\(repo.spec.repo) @ \(repo.spec.branch)"
    }

    // MARK: Table

    static func table(_ schedules: [EnvironmentSchedule]) -> String {
        var lines: [String] = []
        for schedule in schedules {
            if !lines.isEmpty { lines.append("") }
            var heading = "environment \(schedule.environment.header.name.value)"
            if let target = gitOps(schedule) { heading += " → \(target)" }
            lines.append(heading)
            if schedule.assignments.isEmpty {
                lines.append("  no assignments")
            } else {
                let rows =
                    [["deployment target", "cluster type", "policy"]]
                    + schedule.assignments.map { [$0.deploymentTarget, $0.clusterType, $0.policy.header.name.value] }
                let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
                for (index, row) in rows.enumerated() {
                    let cells = row.enumerated().map { column, cell in
                        column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
                    }
                    lines.append("  " + cells.joined(separator: "  "))
                    if index == 0 {
                        lines.append("  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
                    }
                }
            }
            let idle = unscheduled(schedule)
            if !idle.isEmpty {
                lines.append("  not scheduled: " + idle.joined(separator: ", "))
            }
            let types = Set(schedule.assignments.map(\.clusterType))
            let empty = schedule.namespace.clusterTypes.keys.filter { !types.contains($0) }.sorted()
            if !empty.isEmpty {
                lines.append("  cluster types with no assignment: " + empty.joined(separator: ", "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    static func quote(_ text: String) -> String { JSONValue.quoted(text) }

    static func json(_ schedules: [EnvironmentSchedule]) -> String {
        var environments: [String] = []
        for schedule in schedules {
            let assignments = schedule.assignments.map { assignment in
                let workload = schedule.deploymentTargets[assignment.deploymentTarget]?.workload.header.name.value ?? ""
                return
                    "        {\"name\": \(quote(assignment.name)), \"deploymentTarget\": \(quote(assignment.deploymentTarget)), \"workload\": \(quote(workload)), \"clusterType\": \(quote(assignment.clusterType)), \"policy\": \(quote(assignment.policy.header.name.value))}"
            }
            let gitops = gitOps(schedule).map(quote) ?? "null"
            var fields = [
                "      \"name\": \(quote(schedule.environment.header.name.value))",
                "      \"gitops\": \(gitops)",
                "      \"assignments\": [" + (assignments.isEmpty ? "]" : "\n" + assignments.joined(separator: ",\n") + "\n      ]"),
            ]
            fields.append("      \"unscheduled\": [" + unscheduled(schedule).map(quote).joined(separator: ", ") + "]")
            fields.append("      \"clusterTypes\": [" + schedule.namespace.clusterTypes.keys.sorted().map(quote).joined(separator: ", ") + "]")
            environments.append("    {\n" + fields.joined(separator: ",\n") + "\n    }")
        }
        return "{\n  \"environments\": [" + (environments.isEmpty ? "]" : "\n" + environments.joined(separator: ",\n") + "\n  ]") + "\n}\n"
    }

    // MARK: Graphviz

    static func dot(_ schedules: [EnvironmentSchedule]) -> String {
        var lines = ["digraph plan {", "  rankdir=LR;", "  node [fontname=\"Helvetica\", fontsize=11];", "  edge [fontname=\"Helvetica\", fontsize=9];"]
        for schedule in schedules {
            let environment = schedule.environment.header.name.value
            lines.append("  subgraph \(quote("cluster_" + environment)) {")
            lines.append("    label=\(quote("environment " + environment));")
            lines.append("    style=rounded; color=gray60;")
            for target in schedule.deploymentTargets.keys.sorted() {
                lines.append("    \(quote(environment + "/target/" + target)) [label=\(quote(target)), shape=box, style=\"rounded,filled\", fillcolor=\"#dbeafe\"];")
            }
            for clusterType in schedule.namespace.clusterTypes.keys.sorted() {
                lines.append("    \(quote(environment + "/cluster/" + clusterType)) [label=\(quote(clusterType)), shape=component, style=filled, fillcolor=\"#dcfce7\"];")
            }
            lines.append("  }")
            for assignment in schedule.assignments {
                lines.append(
                    "  \(quote(environment + "/target/" + assignment.deploymentTarget)) -> \(quote(environment + "/cluster/" + assignment.clusterType)) [label=\(quote(assignment.policy.header.name.value))];"
                )
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
