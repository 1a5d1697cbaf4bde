import Foundation

let exitCode = await Tool.run(Array(CommandLine.arguments.dropFirst()), context: .process())
exit(exitCode.rawValue)
