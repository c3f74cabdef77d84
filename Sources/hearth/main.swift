import Foundation
import HearthCLI

exit(Hearth.run(Array(CommandLine.arguments.dropFirst())))
