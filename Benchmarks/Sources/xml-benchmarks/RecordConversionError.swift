/// A generated value that a model cannot represent: a bug in the generator or a model.
struct RecordConversionError: Error, CustomStringConvertible {
    var value: String
    var description: String { "the generated value '\(value)' does not fit the model" }
}
