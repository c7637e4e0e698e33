extension ScriptRun {
    func databaseConstructors() -> [(String, Binding)] { [] }
    func eventConstructors() -> [(String, Binding)] { [] }
    func pushJSON(_ L: OpaquePointer) -> Int32 { 0 }
}
