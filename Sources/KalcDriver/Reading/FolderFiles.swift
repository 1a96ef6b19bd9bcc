import Foundation

extension ProjectFileSystem {
    /// The `.kal` files directly in a folder: those below it whose folder is `folder`.
    public func kalFiles(directlyIn folder: String) -> [String] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return kalFiles(under: folder, project: ProjectFolders([folder]), limit: .workspace).files
            .filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }
    }
}

extension DiskFileSystem {
    /// The `.kal` files directly in a folder, without searching its subfolders (a file opened
    /// from a home folder must not make kalc read the home folder's whole tree).
    public func kalFiles(directlyIn folder: String) -> [String] {
        let selection = FileSelection(kind: FileSelection.kalSources.kind, entersFolder: { _ in false },
                                      keepsFile: FileSelection.kalSources.keepsFile)
        return Self.search(folder, selecting: selection, project: ProjectFolders([folder])).files
    }
}
