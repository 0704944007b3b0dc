/// Messages of store, worded in Chinese and English.
public enum StoreMessage: Localized, Hashable {
    /// A store written by an earlier fulian, which a read-only command would have to upgrade first but cannot write.
    case olderStoreReadOnly(path: String)

    public func wording() -> Wording {
        switch self {
        case .olderStoreReadOnly(let path):
            Wording("\(path) 由较早版本的 fulian 写成，需要先升级，但这里不能写入该文件：请用有写权限的账户运行一次 fulian import，或复制一份后再打开。",
                    "\(path) was written by an earlier fulian and must be upgraded first, but it cannot be written here: "
                        + "run any fulian import on it with write access, or open a copy.")
        }
    }
}
