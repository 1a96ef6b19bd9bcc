import Dispatch
import KalcDiagnostics
import KalcDriver
import KalcJSON
import KalcLanguageServer

/// The language server on a stream of bytes from the editor: the framer splits the input
/// into messages the same way whatever chunks the bytes arrive in, and the server handles
/// each message (JSON, JSON-RPC, the lifecycle, documents and every request) on a small
/// project held in memory, answering before the next input.
enum LanguageServerFuzzing {
    /// The most messages of one input handed to the server.
    static let maximumMessages = 64

    static func run(_ input: [UInt8]) -> [String] {
        var problems: [String] = []
        let whole = events(of: input, chunkSize: max(input.count, 1))
        let chunked = events(of: input, chunkSize: 1 + input.count % 13)
        if whole != chunked {
            problems.append("the framer splits the input differently when it arrives in chunks of \(1 + input.count % 13) bytes")
        }
        let server = LanguageServer(fileSystem: MemoryFileSystem(), debounce: .nanoseconds(0), writesStandardLibrary: false, send: { _ = $0.serialized() }, log: { _ in })
        var handed = 0
        for case .message(let body) in whole.prefix(maximumMessages) {
            handed += 1
            if server.receive(body) == .exit { break }
        }
        if !server.waitUntilIdle() {
            problems.append("the server is still busy 10 seconds after \(handed) messages")
        }
        return problems
    }

    static func events(of input: [UInt8], chunkSize: Int) -> [MessageFramer.Event] {
        var framer = MessageFramer()
        var events: [MessageFramer.Event] = []
        var offset = 0
        while offset < input.count {
            framer.append(input[offset..<min(offset + chunkSize, input.count)])
            offset += chunkSize
            while let event = framer.next() { events.append(event) }
        }
        return events
    }
}

/// A workspace folder `/fuzz` with one small project in it (a template, an environment with
/// a cluster type, a policy and config, a workload with requirements), and nothing else.
struct MemoryFileSystem: ProjectFileSystem {
    static let folder = "/fuzz"
    static let files = [
        "/fuzz/cp.kal": """
        import std.templates

        repo platform = "https://github.com/contoso/platform"

        template edge-reconciler [team: platform] {
          type = reconciler
          manifest \"""
            kind: Marker
            name: "{{ .DeploymentTargetName }}-{{ .ConfigData.REPLICAS }}"
            \"""
        }

        environment staging [tier: test] {
          controlPlane = platform @ "staging"
          gitops = platform @ "gitops-staging"
          base = platform @ "main"

          clusterType store [site: store] {
            reconciler = edge-reconciler
            namespace = default
            config = configmap
          }

          policy stores {
            targets where purpose == pos
            clusterTypes where site in (store)
          }

          config sizes [site: store] {
            REPLICAS = 2
            hosts = [a.example.com, b.example.com]
          }
        }

        workload checkout [purpose: pos] {
          workspace = "retail"
          source = platform @ "main" / "./checkout"

          target store-staging in staging {
            manifests = platform @ "staging" / "./checkout"
          }

          requires {
            REPLICAS: integer min 1 max 5
          }
        }

        """
    ]

    func kalFiles(under folder: String, project: ProjectFolders, limit: SearchLimit) -> FolderSearch {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return FolderSearch(files: Self.files.keys.filter { $0.hasPrefix(prefix) }.sorted())
    }

    func read(_ path: String, project: ProjectFolders) -> FileReadResult {
        Self.files[path].map { .source(SourceFile(path: path, text: $0)) } ?? .missing
    }

    func isFolder(_ path: String) -> Bool? {
        if Self.files[path] != nil { return false }
        return path == Self.folder ? true : nil
    }
}
