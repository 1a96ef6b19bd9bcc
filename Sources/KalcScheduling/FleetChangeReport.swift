import KalcDiagnostics
import KalcJSON

/// The plan of a change as a table, JSON, or Markdown for a pull-request comment.
public enum FleetChangeReport {
    /// Lists longer than this are folded in the Markdown report.
    static let foldedAfter = 10

    public static func render(_ change: FleetChange, format: PlanReport.Format) -> String {
        switch format {
        case .json: json(change)
        case .markdown: markdown(change)
        case .table, .dot, .html: table(change)
        }
    }

    static func describe(_ value: FleetSnapshot.ConfigValue?) -> String {
        value.map { "\($0.value) (\($0.config))" } ?? "(unset)"
    }

    static func headline(_ environment: FleetChange.Environment) -> String {
        switch environment.status {
        case "added": "environment \(environment.name) (new)"
        case "removed": "environment \(environment.name) (removed)"
        default: "environment \(environment.name)"
        }
    }

    /// Every line of one environment's change, in the order the reports show them.
    static func items(_ environment: FleetChange.Environment) -> [(section: String, line: String)] {
        var items: [(String, String)] = []
        if environment.stopsBeingPushed {
            items.append(("push", "stops being pushed: \(environment.errors.count) error\(environment.errors.count == 1 ? "" : "s")"))
            items += environment.errors.map { ("push", "  " + $0) }
        } else if !environment.wasPushed && environment.isPushed && environment.status == "changed" {
            items.append(("push", "starts being pushed"))
        }
        items += environment.added.map { ("added", "\($0.deploymentTarget) on \($0.clusterType) (policy \($0.policy))") }
        items += environment.removed.map { ("removed", "\($0.deploymentTarget) from \($0.clusterType) (policy \($0.policy))") }
        items += environment.moved.map { move in
            ("moved", "\(move.deploymentTarget): \(move.from.joined(separator: ", ")) → \(move.to.joined(separator: ", ")) (policy \(move.policies.joined(separator: ", ")))")
        }
        items += environment.values.map { change in
            ("values", "\(change.deploymentTarget) on \(change.clusterType): \(change.key): \(describe(change.old)) → \(describe(change.new))")
        }
        return items
    }

    static func fileLine(_ counts: FleetChange.FileCounts) -> String {
        "GitOps files: \(counts.added) added, \(counts.removed) removed, \(counts.changed) changed"
    }

    // MARK: Table

    static let markers = ["added": "+ ", "removed": "- ", "moved": "~ "]

    static func table(_ change: FleetChange) -> String {
        guard !change.isEmpty else { return "no change to the fleet since \(change.base)\n" }
        var lines = ["changes to the fleet since \(change.base):"]
        for environment in change.environments {
            lines.append("")
            lines.append(headline(environment))
            lines += items(environment).map { "  " + (markers[$0.section] ?? "") + $0.line }
            if !environment.files.isEmpty { lines.append("  " + fileLine(environment.files)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Markdown

    static let sectionTitles = [
        "push": "Pushing", "added": "Deployments added", "removed": "Deployments removed", "moved": "Deployments moved", "values": "Config values changed",
    ]

    /// Text with the characters Markdown or HTML would read as markup escaped.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "|", "*", "_", "`", "[", "]", "\\", "#": result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }

    static func markdown(_ change: FleetChange) -> String {
        var lines = ["### kalc plan: what this change does to the fleet", ""]
        guard !change.isEmpty else {
            return (lines + ["No change to the fleet since `\(change.base)`."]).joined(separator: "\n") + "\n"
        }
        lines.append("Compared with `\(change.base)`.")
        for environment in change.environments {
            while lines.last == "" { lines.removeLast() }
            lines += ["", "#### " + escaped(headline(environment)), ""]
            let all = items(environment)
            for section in ["push", "added", "removed", "moved", "values"] {
                let entries = all.filter { $0.section == section }.map(\.line)
                guard !entries.isEmpty else { continue }
                let title = sectionTitles[section] ?? section
                let bullets = entries.map { "- " + escaped($0.trimmingLeadingSpaces) }
                if bullets.count > foldedAfter {
                    lines += ["<details><summary>\(title) (\(entries.count))</summary>", ""] + bullets + ["", "</details>", ""]
                } else {
                    lines += ["**\(title)**", ""] + bullets + [""]
                }
            }
            if !environment.files.isEmpty { lines += [escaped(fileLine(environment.files)), ""] }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    static func quote(_ text: String) -> String { JSONValue.quoted(text) }

    static func json(_ value: FleetSnapshot.ConfigValue?) -> String {
        value.map { "{\"value\": \(quote($0.value)), \"config\": \(quote($0.config))}" } ?? "null"
    }

    static func list(_ items: [String], indent: String) -> String {
        items.isEmpty ? "[]" : "[\n" + items.map { indent + "  " + $0 }.joined(separator: ",\n") + "\n" + indent + "]"
    }

    static func json(_ deployment: FleetSnapshot.Deployment) -> String {
        "{\"deploymentTarget\": \(quote(deployment.deploymentTarget)), \"workload\": \(quote(deployment.workload)), \"clusterType\": \(quote(deployment.clusterType)), \"policy\": \(quote(deployment.policy))}"
    }

    static func json(_ change: FleetChange) -> String {
        let indent = "      "
        let environments = change.environments.map { environment in
            let moved = environment.moved.map { move in
                "{\"deploymentTarget\": \(quote(move.deploymentTarget)), \"workload\": \(quote(move.workload)), \"from\": [\(move.from.map(quote).joined(separator: ", "))], \"to\": [\(move.to.map(quote).joined(separator: ", "))], \"policies\": [\(move.policies.map(quote).joined(separator: ", "))], \"previousPolicies\": [\(move.previousPolicies.map(quote).joined(separator: ", "))]}"
            }
            let values = environment.values.map { value in
                "{\"deploymentTarget\": \(quote(value.deploymentTarget)), \"clusterType\": \(quote(value.clusterType)), \"key\": \(quote(value.key)), \"old\": \(json(value.old)), \"new\": \(json(value.new))}"
            }
            let files = environment.files
            let fields = [
                "\"name\": \(quote(environment.name))",
                "\"status\": \(quote(environment.status))",
                "\"wasPushed\": \(environment.wasPushed)",
                "\"pushed\": \(environment.isPushed)",
                "\"errors\": " + list(environment.errors.map(quote), indent: indent),
                "\"added\": " + list(environment.added.map(json), indent: indent),
                "\"removed\": " + list(environment.removed.map(json), indent: indent),
                "\"moved\": " + list(moved, indent: indent),
                "\"configChanges\": " + list(values, indent: indent),
                "\"files\": {\"added\": \(files.added), \"removed\": \(files.removed), \"changed\": \(files.changed)}",
            ]
            return "    {\n" + fields.map { indent + $0 }.joined(separator: ",\n") + "\n    }"
        }
        return "{\n  \"base\": \(quote(change.base)),\n  \"changed\": \(!change.isEmpty),\n  \"environments\": "
            + (environments.isEmpty ? "[]" : "[\n" + environments.joined(separator: ",\n") + "\n  ]") + "\n}\n"
    }
}

extension String {
    fileprivate var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
