import KalcDiagnostics
import KalcJSON

/// The page of the fleet: one self-contained HTML file (no network, no external script, style
/// or font) that shows, per environment, the matrix of deployment targets × cluster types with
/// the policy in each cell, filters by label, workspace and workload, and, for the deployment
/// selected, its config values (and the config that sets each), its requirements and its
/// GitOps files. The data is embedded as JSON and the page draws itself from it.
public enum FleetPage {
    /// The page of `fleet`.
    public static func render(_ fleet: FleetSnapshot) -> String {
        // `</` would end the script element early; JSON allows `\/` for `/`.
        let data = json(fleet).replacingOccurrences(of: "</", with: "<\\/")
        return head + "<script type=\"application/json\" id=\"fleet-data\">" + data + "</script>\n<script>\n" + script + "</script>\n</body>\n</html>\n"
    }

    static func quote(_ text: String) -> String { JSONValue.quoted(text) }

    static func object(_ labels: [String: String]) -> String {
        "{" + labels.keys.sorted().map { "\(quote($0)):\(quote(labels[$0] ?? ""))" }.joined(separator: ",") + "}"
    }

    static func json(_ fleet: FleetSnapshot) -> String {
        let environments = fleet.environments.map { environment in
            let targets = environment.targets.map { target in
                "{\"name\":\(quote(target.name)),\"workload\":\(quote(target.workload)),\"workspace\":\(quote(target.workspace)),"
                    + "\"labels\":\(object(target.labels)),\"requirements\":[\(target.requirements.map(quote).joined(separator: ","))]}"
            }
            let assignments = environment.deployments.map { deployment in
                let config = deployment.config.keys.sorted().map { key in
                    let value = deployment.config[key]
                    return "{\"key\":\(quote(key)),\"value\":\(quote(value?.value ?? "")),\"config\":\(quote(value?.config ?? ""))}"
                }
                return "{\"deploymentTarget\":\(quote(deployment.deploymentTarget)),\"workload\":\(quote(deployment.workload)),"
                    + "\"clusterType\":\(quote(deployment.clusterType)),\"policy\":\(quote(deployment.policy)),\"config\":[\(config.joined(separator: ","))]}"
            }
            return "{\"name\":\(quote(environment.name)),\"gitops\":\(environment.gitOps.map(quote) ?? "null"),\"pushed\":\(environment.isPushed),"
                + "\"clusterTypes\":[\(environment.clusterTypes.map(quote).joined(separator: ","))],"
                + "\"targets\":[\(targets.joined(separator: ","))],\"assignments\":[\(assignments.joined(separator: ","))],"
                + "\"files\":[\(environment.files.keys.sorted().map(quote).joined(separator: ","))]}"
        }
        return "{\"environments\":[" + environments.joined(separator: ",") + "]}"
    }

    static let head = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>kalc: the fleet</title>
        <style>
        body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1f2937; background: #f9fafb; }
        header { position: sticky; top: 0; z-index: 3; background: #fff; border-bottom: 1px solid #e5e7eb; padding: 8px 16px; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
        header h1 { font-size: 16px; margin: 0 16px 0 0; }
        header label { display: flex; gap: 6px; align-items: center; }
        main { display: flex; gap: 16px; padding: 16px; align-items: flex-start; }
        #environments { flex: 1; min-width: 0; }
        section.environment { margin-bottom: 24px; }
        section.environment h2 { font-size: 15px; margin: 0 0 6px; }
        .note { color: #6b7280; font-weight: normal; font-size: 12px; }
        .matrix-frame { overflow: auto; max-height: 75vh; border: 1px solid #e5e7eb; background: #fff; }
        table.matrix { border-collapse: separate; border-spacing: 0; font-size: 12px; }
        table.matrix th, table.matrix td { border-right: 1px solid #f3f4f6; border-bottom: 1px solid #f3f4f6; padding: 2px 6px; white-space: nowrap; }
        table.matrix thead th { position: sticky; top: 0; background: #f3f4f6; z-index: 2; }
        table.matrix tbody th { position: sticky; left: 0; background: #fff; text-align: left; font-weight: normal; z-index: 1; }
        td.assigned { background: #dcfce7; cursor: pointer; }
        td.assigned:hover, td.selected { background: #86efac; }
        tr.unscheduled th { color: #b91c1c; }
        aside#details { width: 420px; flex: none; position: sticky; top: 64px; background: #fff; border: 1px solid #e5e7eb; padding: 12px; max-height: 85vh; overflow: auto; }
        aside#details h2 { font-size: 15px; margin: 0 0 4px; }
        aside#details h3 { font-size: 14px; margin: 12px 0 4px; }
        aside#details table { border-collapse: collapse; font-size: 12px; width: 100%; }
        aside#details td, aside#details th { border-bottom: 1px solid #f3f4f6; padding: 2px 4px; text-align: left; vertical-align: top; word-break: break-all; }
        pre { background: #f3f4f6; padding: 6px; font-size: 11px; white-space: pre-wrap; word-break: break-all; }
        </style>
        </head>
        <body>
        <header>
        <h1>kalc: the fleet</h1>
        <label>Label <input id="filter-label" placeholder="key=value" size="18"></label>
        <label>Workspace <select id="filter-workspace"><option value="">all</option></select></label>
        <label>Workload <select id="filter-workload"><option value="">all</option></select></label>
        <span id="shown" class="note"></span>
        </header>
        <main>
        <div id="environments"></div>
        <aside id="details"><p class="note">Select a cell to see the deployment's config values, requirements and GitOps files.</p></aside>
        </main>

        """

    static let script = #"""
        "use strict";
        const fleet = JSON.parse(document.getElementById("fleet-data").textContent);
        const element = (tag, attributes, ...children) => {
          const node = document.createElement(tag);
          for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
          for (const child of children) node.append(child);
          return node;
        };
        const unique = values => [...new Set(values)].sort();
        const allTargets = fleet.environments.flatMap(environment => environment.targets);
        for (const [id, field] of [["filter-workspace", "workspace"], ["filter-workload", "workload"]]) {
          const select = document.getElementById(id);
          for (const value of unique(allTargets.map(target => target[field]))) select.append(element("option", { value }, value));
        }
        const cells = new Map();
        const container = document.getElementById("environments");
        for (const environment of fleet.environments) {
          const section = element("section", { class: "environment", "data-environment": environment.name });
          const note = (environment.gitops ? " → " + environment.gitops : "") + (environment.pushed ? "" : " (not pushed)");
          section.append(element("h2", {}, "environment " + environment.name, element("span", { class: "note" }, note)));
          const table = element("table", { class: "matrix" });
          const headings = element("tr", {}, element("th", {}, "deployment target"));
          for (const clusterType of environment.clusterTypes) headings.append(element("th", { scope: "col" }, clusterType));
          table.append(element("thead", {}, headings));
          const body = element("tbody");
          const policies = new Map();
          for (const assignment of environment.assignments) {
            policies.set(assignment.deploymentTarget + "\u0000" + assignment.clusterType, assignment);
          }
          for (const target of environment.targets) {
            const assigned = environment.assignments.some(assignment => assignment.deploymentTarget === target.name);
            const row = element("tr", { "data-target": target.name, "data-workload": target.workload, "data-workspace": target.workspace,
                                        class: assigned ? "" : "unscheduled" });
            row.labels = target.labels;
            row.append(element("th", { scope: "row", title: Object.entries(target.labels).map(([key, value]) => key + "=" + value).join("\n") },
                               target.name + (assigned ? "" : " (not scheduled)")));
            for (const clusterType of environment.clusterTypes) {
              const assignment = policies.get(target.name + "\u0000" + clusterType);
              if (!assignment) { row.append(element("td")); continue; }
              const key = environment.name + "/" + target.name + "/" + clusterType;
              const cell = element("td", { class: "assigned", "data-environment": environment.name, "data-target": target.name,
                                           "data-cluster-type": clusterType, "data-policy": assignment.policy, title: "policy " + assignment.policy },
                                   assignment.policy);
              cell.addEventListener("click", () => select(key));
              cells.set(key, { cell, environment, target, assignment });
              row.append(cell);
            }
            body.append(row);
          }
          table.append(body);
          section.append(element("div", { class: "matrix-frame" }, table));
          container.append(section);
        }

        function applyFilters() {
          const label = document.getElementById("filter-label").value.trim();
          const [labelKey, labelValue] = label.includes("=") ? label.split(/=(.*)/s) : [label, undefined];
          const workspace = document.getElementById("filter-workspace").value;
          const workload = document.getElementById("filter-workload").value;
          let shown = 0, total = 0;
          for (const row of document.querySelectorAll("table.matrix tbody tr")) {
            const labels = row.labels || {};
            const matches = (!workspace || row.dataset.workspace === workspace)
              && (!workload || row.dataset.workload === workload)
              && (!labelKey || (labelKey in labels && (labelValue === undefined || labels[labelKey] === labelValue)));
            row.hidden = !matches;
            total += 1;
            if (matches) shown += 1;
          }
          document.getElementById("shown").textContent = shown + " of " + total + " deployment targets";
        }
        for (const id of ["filter-label", "filter-workspace", "filter-workload"]) {
          document.getElementById(id).addEventListener("input", applyFilters);
          document.getElementById(id).addEventListener("change", applyFilters);
        }

        function select(key) {
          for (const selected of document.querySelectorAll("td.selected")) selected.classList.remove("selected");
          const found = cells.get(key);
          const details = document.getElementById("details");
          details.replaceChildren();
          if (!found) return;
          const { cell, environment, target, assignment } = found;
          cell.classList.add("selected");
          if (location.hash !== "#" + key) history.replaceState(null, "", "#" + key);
          details.setAttribute("data-selected", key);
          details.append(element("h2", {}, target.name + " on " + assignment.clusterType));
          details.append(element("p", { class: "note" }, "environment " + environment.name + ", workload " + target.workload
            + ", workspace " + target.workspace + ", policy " + assignment.policy));
          details.append(element("h3", {}, "Config values"));
          const config = element("table", { id: "config-values" }, element("tr", {}, element("th", {}, "key"), element("th", {}, "value"), element("th", {}, "set by")));
          for (const entry of assignment.config) {
            config.append(element("tr", { "data-key": entry.key }, element("td", {}, entry.key), element("td", {}, entry.value), element("td", {}, entry.config)));
          }
          details.append(assignment.config.length ? config : element("p", { class: "note" }, "no config values"));
          details.append(element("h3", {}, "Requirements"));
          if (target.requirements.length === 0) details.append(element("p", { class: "note" }, "none"));
          for (const schema of target.requirements) details.append(element("pre", { class: "requirement" }, schema));
          details.append(element("h3", {}, "GitOps files"));
          const prefix = assignment.clusterType + "/" + target.name + "/";
          const files = element("ul", { id: "gitops-files" });
          for (const path of environment.files.filter(path => path.startsWith(prefix))) files.append(element("li", {}, path));
          details.append(files.childElementCount ? files : element("p", { class: "note" }, "no files (the environment is not pushed)"));
        }

        applyFilters();
        const initial = decodeURIComponent(location.hash.slice(1));
        if (initial) select(initial);
        window.addEventListener("hashchange", () => select(decodeURIComponent(location.hash.slice(1))));
        """#
}
