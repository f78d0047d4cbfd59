// swift-tools-version:5.9
// The Swift package of onfido-core: the generated bindings and the URLSession transport as the
// `OnfidoCore` library, on the Rust library as a binary target. Build the XCFramework first
// (macOS with Xcode: scripts/build-xcframework.sh writes OnfidoCoreFFI.xcframework next to this
// file), then add this directory as a local package, or publish both from a release repository.
import PackageDescription

let package = Package(
    name: "OnfidoCore",
    platforms: [
        // URLSession's async `data(for:)` and the async redirect delegate.
        .iOS(.v15),
        .macOS(.v12),
    ],
    products: [
        .library(name: "OnfidoCore", targets: ["OnfidoCore"]),
    ],
    targets: [
        .target(
            name: "OnfidoCore",
            dependencies: ["OnfidoCoreFFI"],
            path: ".",
            sources: [
                "generated/swift/OnfidoCore.swift",
                "swift/URLSessionTransport.swift",
                "swift/V3Resources.swift",
                "swift/V2Resources.swift",
                "swift/V2Rules.swift",
            ]
        ),
        // The static library per platform with OnfidoCoreFFI.h and its module map.
        .binaryTarget(name: "OnfidoCoreFFI", path: "OnfidoCoreFFI.xcframework"),
    ]
)
