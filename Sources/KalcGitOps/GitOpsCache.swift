import Foundation
import KalcScheduling
import KalcSemantics
import KalcTemplate

/// What GitOps compiles of the same project remember from each other. Compiles with files
/// keep the rendered manifests of every assignment that went through without a diagnostic,
/// by everything its rendering depends on (and not by where things are written, so an edit
/// that moves text around does not invalidate it). Compiles for diagnostics only keep the
/// outcomes of each manifest's first passes, by the manifest's text and the facts they
/// depend on.
///
/// The language server keeps one across checks, so that an edit renders only what no
/// earlier check met. What complete compiles stop using is dropped.
public final class GitOpsCache: @unchecked Sendable {
    private let lock = NSLock()
    /// Every environment, cluster type and deployment target seen, by content, as a number.
    private var ids: [[ExactString]: Int] = [:]
    private var usedIDs = Set<[ExactString]>()
    private var nextID = 0
    private var packages: [AssignmentKey: RenderedAssignment] = [:]
    private var usedPackages = Set<AssignmentKey>()
    /// For compiles without files: the known first passes of each manifest, by its text.
    private var firstPasses: [ExactString: [ManifestReads.Key: FirstPass]] = [:]
    private var usedManifests = Set<ExactString>()

    public init() {}

    /// How many assignments the cache holds.
    public var count: Int { lock.withLock { packages.count } }

    /// The number standing for `content` (equal contents, equal numbers).
    func id(of content: [String]) -> Int {
        let content = content.map(ExactString.init)
        return lock.withLock {
            usedIDs.insert(content)
            if let id = ids[content] { return id }
            nextID += 1
            ids[content] = nextID
            return nextID
        }
    }

    subscript(key: AssignmentKey) -> RenderedAssignment? {
        lock.withLock {
            guard let package = packages[key] else { return nil }
            usedPackages.insert(key)
            return package
        }
    }

    func store(_ package: RenderedAssignment, for key: AssignmentKey) {
        lock.withLock {
            packages[key] = package
            usedPackages.insert(key)
        }
    }

    /// The first passes known for a manifest of this text.
    func firstPasses(of text: String) -> [ManifestReads.Key: FirstPass] {
        let text = ExactString(text)
        return lock.withLock {
            usedManifests.insert(text)
            return firstPasses[text] ?? [:]
        }
    }

    /// Keeps the first passes a compile found for a manifest of this text.
    func storeFirstPasses(_ passes: [ManifestReads.Key: FirstPass], of text: String) {
        let text = ExactString(text)
        lock.withLock {
            usedManifests.insert(text)
            // Facts of long-gone edits are dropped once a manifest has many.
            if (firstPasses[text]?.count ?? 0) + passes.count > Self.firstPassesPerManifest {
                firstPasses[text] = passes
            } else {
                firstPasses[text, default: [:]].merge(passes) { known, _ in known }
            }
        }
    }

    /// The most first passes kept for one manifest text.
    static let firstPassesPerManifest = 4096

    /// Drops what the compile that just ended did not use (unless it stopped early), once
    /// that is as much as what it used: an edit leaves a few entries behind, and sweeping
    /// thousands of entries after each edit would cost more than keeping them a while.
    func endCompile(complete: Bool) {
        lock.withLock {
            if complete {
                if packages.count > 2 * usedPackages.count { packages = packages.filter { usedPackages.contains($0.key) } }
                if ids.count > 2 * usedIDs.count { ids = ids.filter { usedIDs.contains($0.key) } }
                firstPasses = firstPasses.filter { usedManifests.contains($0.key) }
            }
            usedManifests.removeAll(keepingCapacity: true)
            usedPackages.removeAll(keepingCapacity: true)
            usedIDs.removeAll(keepingCapacity: true)
        }
    }
}

/// The rendered manifests of one assignment.
struct RenderedAssignment: Sendable {
    var reconciler: [String]
    var namespace: [String]
    var config: [String]
    var contentType: String
    /// Whether the manifests were kept (a compile for diagnostics only keeps none).
    var hasFiles: Bool
}

/// One assignment's inputs: its environment (platform config, config schemas and
/// templates), cluster type and deployment target, each numbered by its content.
struct AssignmentKey: Hashable, Sendable {
    var environment: Int
    var clusterType: Int
    var target: Int
}

/// The contents an assignment's rendering reads, as written (locations left out).
enum RenderingInputs {
    /// Everything of an environment that any of its assignments may read.
    static func environment(_ namespace: Namespace) -> [String] {
        var parts = ["environment", namespace.environment]
        for name in namespace.configMaps.keys.sorted() {
            guard let configMap = namespace.configMaps[name] else { continue }
            parts.append("configmap \(name)")
            parts += labels(configMap.header.labels.dictionary)
            for entry in configMap.data {
                parts += [entry.key.value, entry.value, entry.isStructured ? "structured" : "string"]
            }
        }
        for name in namespace.configSchemas.keys.sorted() {
            guard let schema = namespace.configSchemas[name] else { continue }
            parts.append("configschema \(name)")
            parts += labels(schema.header.labels.dictionary)
            parts.append(schema.schema?.value ?? "")
        }
        for name in namespace.templates.keys.sorted() {
            guard let template = namespace.templates[name] else { continue }
            parts += ["template \(name)", template.type?.value ?? "", template.contentType?.value ?? "", "\(template.manifests.count)"]
            parts += template.manifests.map(\.value)
        }
        return parts
    }

    /// A cluster type with its labels as its environment sees them.
    static func clusterType(_ clusterType: ClusterTypeObject, labels clusterTypeLabels: [String: String]) -> [String] {
        ["cluster type", clusterType.header.name.value, clusterType.reconciler?.value ?? "", clusterType.namespaceService?.value ?? "", clusterType.configType?.value ?? ""]
            + labels(clusterTypeLabels)
    }

    /// A deployment target.
    static func target(_ target: DeploymentTarget) -> [String] {
        ["target", target.name, target.environment, target.workload.header.name.value, "\(target.labels.count)"]
            + labels(target.labels) + [target.manifests.map { "\($0.count)" } ?? "null"] + labels(target.manifests ?? [:]) + target.configSchemas.map(\.value)
    }

    private static func labels(_ labels: [String: String]) -> [String] {
        labels.keys.sorted().flatMap { [$0, labels[$0] ?? ""] }
    }
}
