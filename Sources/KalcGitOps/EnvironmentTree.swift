import KalcGitOpsLayout
import KalcScheduling
import KalcSemantics

/// The GitOps tree of one environment: what Kalypso commits to its GitOps branch.
public struct EnvironmentTree: Sendable {
    public var environment: String
    /// The GitOps repository the tree goes to (the first, by name).
    public var gitOps: GitOpsRepoObject?
    /// Path (relative to the repository root) to content.
    public var files: [String: String]
    /// The cluster-type folders of the tree: the top-level folders it owns.
    public var clusterTypes: [String]
    /// Whether Kalypso would push it: a GitOps repository, every policy and every
    /// assignment ready.
    public var isPushed: Bool
}

extension EnvironmentTree {
    /// The tree of `schedule`'s environment, laid out as `GitOpsLayout` says, from the
    /// rendered manifests of its assignments (`packages`, in the order of the assignments;
    /// nil for one that failed, fewer when the compile stopped). Without `keepsFiles` the
    /// deployment targets' files are left out. Each package is let go once its files are
    /// made, so that its manifests and the files joined from them are not both held.
    init(_ schedule: EnvironmentSchedule, packages: inout [RenderedAssignment?], keepsFiles: Bool) {
        let namespace = schedule.namespace
        let environment = schedule.environment.header.name.value
        var files: [String: String] = [:]
        let clusterTypes = namespace.clusterTypes.keys.sorted()
        for clusterType in clusterTypes {
            files[GitOpsLayout.readmePath(clusterType: clusterType)] = GitOpsLayout.clusterTypeReadme
        }
        let allReady = packages.count == schedule.assignments.count && !packages.contains { $0 == nil }
        if keepsFiles {
            for (index, assignment) in zip(packages.indices, schedule.assignments) {
                guard let package = packages[index] else { continue }
                packages[index] = nil
                let folder = GitOpsLayout.deploymentTargetFolder(clusterType: assignment.clusterType, deploymentTarget: assignment.deploymentTarget)
                files[folder + GitOpsLayout.reconcilerFileName] = Self.file(of: package.reconciler)
                files[folder + GitOpsLayout.namespaceFileName] = Self.file(of: package.namespace)
                let config = Self.file(of: package.config)
                if !config.isEmpty {
                    files[folder + GitOpsLayout.platformConfigFileName(contentType: package.contentType)] = config
                }
            }
        }
        if let base = namespace.baseRepos["main"], let commit = base.spec.commit, !commit.isEmpty {
            files[GitOpsLayout.promotedCommitPath] = commit
        }
        let gitOps = namespace.gitOpsRepos.keys.sorted().first.flatMap { namespace.gitOpsRepos[$0] }
        let pushed = gitOps != nil && !schedule.hasFailedPolicy && allReady && !environment.contains("-")
        self.init(environment: environment, gitOps: gitOps, files: files, clusterTypes: clusterTypes, isPushed: pushed)
    }

    /// The file of a template's manifests, as Kalypso joins them; one manifest is the
    /// file itself, not a copy.
    static func file(of manifests: [String]) -> String {
        manifests.count == 1 ? manifests[0] : manifests.joined(separator: "---\n")
    }
}
