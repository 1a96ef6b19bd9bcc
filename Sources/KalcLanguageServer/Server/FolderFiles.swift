import Foundation

extension ProjectFileSystem {
    /// The `.kal` files directly in a folder: those below it whose folder is `folder`.
    public func kalFiles(directlyIn folder: String) -> [String] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return kalFiles(under: folder).filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }
    }
}

extension DiskFileSystem {
    /// The `.kal` files directly in a folder, without searching its subfolders (a file opened
    /// from a home folder must not make kalc read the home folder's whole tree).
    public func kalFiles(directlyIn folder: String) -> [String] {
        Self.files(under: folder, descendingInto: { _ in false }, keeping: { !$0.hasPrefix(".") && $0.hasSuffix(".kal") })
    }
}
