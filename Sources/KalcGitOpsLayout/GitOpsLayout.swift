/// Kalypso's layout of an environment's GitOps tree: a folder per cluster type holding a
/// `README.md` and a folder per deployment target scheduled on it, which holds the rendered
/// reconciler, namespace and platform config; beside them, under `.github`, the commit of
/// the base repository that was promoted.
///
/// The compiler lays out the trees it builds with it, and the git writer reads back which
/// top-level folders a tree owns with it, so that both agree on every name.
public enum GitOpsLayout {
    /// The file every cluster-type folder holds.
    public static let readmeFileName = "README.md"

    /// The content of the `README.md` that Kalypso writes in every cluster-type folder.
    public static let clusterTypeReadme = "This folder contains deployment targets scheduled on the cluster type"

    /// The top-level folder of files Kalypso keeps for itself, outside every cluster type.
    public static let trackingRoot = ".github"

    /// Where an environment records the commit of its base repository that was promoted.
    public static let promotedCommitPath = trackingRoot + "/tracking/Promoted_Commit_Id"

    /// The folder of the output of `kalc compile --out` that holds the environments' trees.
    public static let outputFolder = "gitops/"

    /// The folder of an environment's tree in the output of `kalc compile --out`, ending in `/`.
    public static func environmentFolder(_ environment: String) -> String {
        "\(outputFolder)\(environment)/"
    }

    /// The path of a cluster type's `README.md`.
    public static func readmePath(clusterType: String) -> String {
        "\(clusterType)/\(readmeFileName)"
    }

    /// The folder of a deployment target scheduled on a cluster type, ending in `/`.
    public static func deploymentTargetFolder(clusterType: String, deploymentTarget: String) -> String {
        "\(clusterType)/\(deploymentTarget)/"
    }

    /// The file of a deployment target's reconciler manifests.
    public static let reconcilerFileName = "reconciler.yaml"

    /// The file of a deployment target's namespace manifests.
    public static let namespaceFileName = "namespace.yaml"

    /// The file of a deployment target's platform config, by the content type of its
    /// cluster type's config template: a shell script for `sh`, YAML otherwise.
    public static func platformConfigFileName(contentType: String) -> String {
        "platform-config." + (contentType == "sh" ? "sh" : "yaml")
    }

    /// Whether a top-level folder of a GitOps branch (its name as bytes) is the scheduler's,
    /// replaced when a tree is pushed: every folder whose name does not start with `.`;
    /// folders such as `.github` are the repository owner's.
    public static func isSchedulerFolder(_ name: [UInt8]) -> Bool {
        name.first != UInt8(ascii: ".")
    }

    /// The cluster-type folder a path of the tree lies in (its first component), or nil
    /// when the path is not inside one: a file at the root, a path with an empty first
    /// component, or one under `.github`.
    public static func clusterTypeFolder(of path: String) -> String? {
        let components = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard components.count > 1, let first = components.first, !first.isEmpty, first != trackingRoot else { return nil }
        return String(first)
    }
}
