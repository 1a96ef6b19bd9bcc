import KalcDiagnostics

/// The one place where the problems of writing — `compile --out`, `fmt`, `import --output` —
/// become diagnostics. Each is located at the file or folder it concerns.
extension OutputFolder.Failure {
    /// The failure as a diagnostic (exit status 2).
    var diagnostic: Diagnostic {
        switch self {
        case .invalidName(let path, let reason):
            return Diagnostic(
                .invalidOutputPath, "cannot write the output to this folder: \(reason)", at: at(path.isEmpty ? "--out" : path),
                hint: "give --out the name of a new or empty folder, or of kalc's previous output")
        case .symbolicLink(let path):
            return Diagnostic(
                .invalidOutputPath, "the output folder is a symbolic link", at: at(path),
                hint: "kalc replaces a folder as a whole and will not replace a link or write through it: give the folder it points to")
        case .notAFolder(let path):
            return Diagnostic(
                .invalidOutputPath, "the output folder exists and is not a folder", at: at(path),
                hint: "give --out the name of a new or empty folder, or of kalc's previous output")
        case .unsafePath(let relative):
            return Diagnostic(
                .invalidOutputPath,
                "refusing to write \(relative): it would land outside the output folder, or a name in it is longer than \(OutputFolder.maximumNameLength) bytes",
                at: at(relative))
        case .notOwned(let folder, .foreign(let relative, let kind)):
            return Diagnostic(
                .foreignOutput, "\(folder) holds \(Self.describe(kind)); kalc would remove it by replacing the folder", at: at(join(folder, relative)),
                notes: [
                    "kalc replaces an output folder only when everything in it, at any depth, is a file kalc wrote (listed in its \(OutputManifest.name) manifest, unchanged) or one it is about to write with the same bytes"
                ],
                hint: "move it out of \(folder), or give --out a new or empty folder")
        case .notOwned(let folder, .cannotInspect(let path, let action, let reason)):
            return Diagnostic(
                .uninspectableOutput, "cannot \(action) \(path): \(reason)", at: at(path),
                notes: ["kalc replaces \(folder) only when it can see that everything in it is its own, and remove all of it"],
                hint: "give yourself access (chmod -R u+rwX \(folder)), or give --out a new folder")
        case .holdsInput(let folder, let input):
            return Diagnostic(
                .outputHoldsInput, "the output folder \(folder) holds \(input), an input of this compile", at: at(input),
                hint: "kalc replaces the output folder as a whole: write it beside the sources (--out out), not around them")
        case .io(let path, let action, let reason):
            return Diagnostic(.unwritableFile, "cannot \(action) \(path): \(reason)", at: at(path))
        case .interrupted:
            return Diagnostic(
                .unwritableFile, "cannot write the output: the compile was interrupted", at: at("--out"),
                notes: ["the previous output is as it was"])
        }
    }

    private static func describe(_ kind: OutputOwnership.Foreign) -> String {
        switch kind {
        case .file: "a file kalc did not write"
        case .changedFile: "a file changed since kalc wrote it"
        case .symbolicLink: "a symbolic link kalc did not make"
        case .folder: "a folder kalc did not make"
        case .special: "a pipe, socket or device kalc did not make"
        case .unreadableManifest: "a manifest that is not one kalc wrote"
        }
    }
}

extension OutputFolder.Leftover {
    /// The leftover as a warning: the output was written, but something stays beside it.
    var diagnostic: Diagnostic {
        switch self {
        case .unproven(let folder, .foreign(let relative, _)):
            return Diagnostic(
                .leftoverKept, "left \(folder) in place: an earlier compile left it, and \(relative) in it is not a file its manifest lists, unchanged", at: at(folder),
                notes: ["a compile killed while writing leaves such a folder; kalc removes one only when it can prove that everything in it is its own and complete"],
                hint: "look inside, then remove it yourself (rm -r)")
        case .unproven(let folder, .cannotInspect(let path, let action, let reason)):
            return Diagnostic(
                .leftoverKept, "left \(folder) in place: an earlier compile left it, and kalc cannot \(action) \(path): \(reason)", at: at(folder),
                hint: "look inside, then remove it yourself (rm -r)")
        case .notRemoved(let folder, let path, let reason):
            return Diagnostic(
                .leftoverKept, "the previous output, now \(folder), was not removed: cannot remove \(path): \(reason)", at: at(folder),
                hint: "the next compile removes it if nothing in it changes; or remove it yourself")
        }
    }
}

extension FileRewrite.Problem {
    /// The problem as a diagnostic (exit status 2).
    var diagnostic: Diagnostic {
        switch self {
        case .readOnly(let path, let target):
            return Diagnostic(
                .refusedRewrite, "\(path) is read-only\(target.map { " (through a symbolic link to \($0))" } ?? ""); kalc leaves it as it is", at: at(path),
                hint: "make it writable (chmod u+w) to have kalc rewrite it")
        case .outside(let path, let target, let roots):
            return Diagnostic(
                .refusedRewrite, "\(path) resolves to \(target), outside \(roots.joined(separator: ", ")); kalc leaves it as it is", at: at(path),
                notes: ["a symbolic link leads out of the folder kalc was given; kalc never writes outside it"],
                hint: "give kalc the file itself (kalc fmt \(target)) to rewrite it")
        case .danglingLink(let path):
            return Diagnostic(
                .refusedRewrite, "\(path) is a symbolic link to nothing; kalc writes through a link, never replaces it", at: at(path),
                hint: "remove the link, or create the file it points to")
        case .io(let path, let action, let reason):
            return Diagnostic(.unwritableFile, "cannot \(action) \(path): \(reason)", at: at(path))
        }
    }
}

/// A location naming a file or folder as a whole.
private func at(_ path: String) -> Location {
    Location(file: path, span: .point(0))
}

private func join(_ folder: String, _ relative: String) -> String {
    folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
}
