import Phrases
import Synchronization

/// The phrase macros in force, read from `core.phrases_dir` at start and swapped whole on `reloadxml`; a broken
/// file is rejected with file:line and the old macros keep serving (as the dialplan router does).
final class PhraseCatalog: Sendable {
    private let directory: String
    private let book: Mutex<PhraseBook>

    init(directory: String) throws(PhraseLoadError) {
        self.directory = directory
        book = Mutex(try PhraseLoader().load(directory: directory))
    }

    /// The macros now; callers take a copy per macro played.
    var current: PhraseBook { book.withLock { $0 } }

    /// Re-reads the folder; on error the current macros stay and the error is returned.
    func reload() -> PhraseLoadError? {
        do {
            let fresh = try PhraseLoader().load(directory: directory)
            book.withLock { $0 = fresh }
            return nil
        } catch {
            return error
        }
    }
}
