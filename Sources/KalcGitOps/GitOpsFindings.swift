import KalcDiagnostics

/// What a GitOps compile reports, as it finds it: diagnostics in the order found, with what
/// is settled once every environment is compiled (the severity of template problems, the
/// deployments a problem repeats for, the places templates print wrongly).
struct GitOpsFindings {
    var diagnostics: [Diagnostic] = []
    /// Where templates print `<no value>`, and for which deployments.
    var missingValues: [Location: TemplateValueReport] = [:]
    /// The calls of `keys` and `values` whose random order reaches a manifest, with the
    /// deployments it reaches.
    var unorderedCalls: [Location: TemplateValueReport] = [:]
    /// The config overrides reported, by what they are about.
    var overrides = Set<String>()
    /// The override warnings among `diagnostics` (by index), by what they are about: parts
    /// compiled on other threads may report the same one, which is then kept once.
    var overrideIdentities: [Int: String] = [:]
    /// The deployment each diagnostic about one deployment names (by index in `diagnostics`).
    var deploymentSubjects: [Int: DeploymentSubject] = [:]
    /// The static diagnostics of each template (by their indices in `diagnostics`), made
    /// errors only for the environments whose deployments render the template.
    var templateFindings: [(template: TemplateKey, indices: Range<Int>)] = []
    /// The environments whose deployments render each template.
    var templateUses: [TemplateKey: Set<String>] = [:]
    /// Whether the assignment being deployed reported something that a cached result would
    /// not report again (it is then not cached).
    var assignmentNoted = false

    /// Reports a problem.
    mutating func report(_ problem: GitOpsProblem) {
        diagnostics.append(problem.diagnostic)
    }

    /// Reports a problem of one deployment (problems alike but for the deployment are merged
    /// into one at the end).
    mutating func report(_ problem: GitOpsProblem, for subject: DeploymentSubject) {
        deploymentSubjects[diagnostics.count] = subject
        diagnostics.append(problem.diagnostic)
    }

    /// Reports a config override once, by what it is about (`identity`).
    mutating func reportOverride(_ problem: GitOpsProblem, identity: String) {
        guard overrides.insert(identity).inserted else { return }
        overrideIdentities[diagnostics.count] = identity
        diagnostics.append(problem.diagnostic)
    }

    /// Names `environment` in the diagnostics from `first` on that name none.
    mutating func assign(from first: Int, to environment: String) {
        for index in first..<diagnostics.count where diagnostics[index].environment == nil {
            diagnostics[index].environment = environment
        }
    }

    /// The diagnostics once every environment is compiled.
    func settled() -> [Diagnostic] {
        var settled = self
        settled.settleTemplateFindings()
        var result = DeploymentRepeats.merged(settled.diagnostics, subjects: deploymentSubjects)
        for (location, report) in missingValues.sorted(by: { $0.key < $1.key }) {
            result.append(GitOpsProblem.missingValue(report, at: location).diagnostic)
        }
        for (location, report) in unorderedCalls.sorted(by: { $0.key < $1.key }) {
            result.append(GitOpsProblem.mapOrderInOutput(report, at: location).diagnostic)
        }
        return result
    }

    /// A template's problems stop Kalypso only where a deployment renders the template: an
    /// error there (naming the environment when there is one), a warning where nothing is
    /// assigned yet, saying it becomes an error once something is.
    private mutating func settleTemplateFindings() {
        for (key, indices) in templateFindings {
            let environments = templateUses[key] ?? []
            for index in indices where diagnostics[index].severity == .error {
                switch environments.count {
                case 0:
                    diagnostics[index].severity = .warning
                    diagnostics[index].notes.append(GitOpsProblem.unassignedTemplateNote(template: key.name, environment: diagnostics[index].environment))
                case 1:
                    diagnostics[index].environment = environments.first
                default:
                    break
                }
            }
        }
    }
}
