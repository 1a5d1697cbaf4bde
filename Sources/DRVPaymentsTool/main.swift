import Foundation

let exitCode = Tool.run(Array(CommandLine.arguments.dropFirst()), context: .process())
exit(exitCode.rawValue)
