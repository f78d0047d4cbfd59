// The default Swift transport on URLSession, and a Task.sleep sleeper, for the generated OnfidoCore
// bindings (bindings-uniffi/generated/swift). Not compiled in this repository's CI: there is no Swift
// toolchain on its machines; keep it next to the generated sources in your Xcode / SwiftPM target.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends requests with `URLSession` (no dependency). Redirects are not followed, so a token never
/// follows a link to another host; 4xx and 5xx answers are responses, not errors.
public final class URLSessionTransport: NSObject, HttpTransport, @unchecked Sendable {
    private let session: URLSession
    private let timeout: TimeInterval

    /// `configuration` defaults to an ephemeral session (no cookies, no cache).
    public init(configuration: URLSessionConfiguration = .ephemeral, timeout: TimeInterval = 60) {
        self.timeout = timeout
        let delegate = NoRedirects()
        self.session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        super.init()
    }

    public func send(request: HttpRequest) async throws -> HttpResponse {
        guard let url = URL(string: request.url) else {
            throw TransportError.Other(reason: "not a URL: \(request.method) \(request.url)")
        }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for header in request.headers {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        if !request.body.isEmpty {
            urlRequest.httpBody = request.body
        }
        do {
            let (data, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else {
                throw TransportError.Other(reason: "not an HTTP response: \(request.method) \(request.url)")
            }
            var headers: [HttpHeader] = []
            for (name, value) in http.allHeaderFields {
                headers.append(HttpHeader(name: "\(name)", value: "\(value)"))
            }
            return HttpResponse(status: UInt16(clamping: http.statusCode), headers: headers, body: data)
        } catch let error as URLError {
            let what = "\(error.code.rawValue): \(request.method) \(request.url)"
            switch error.code {
            case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet:
                throw TransportError.Connect(reason: what)
            case .timedOut:
                throw TransportError.Timeout(reason: what)
            case .networkConnectionLost:
                throw TransportError.Lost(reason: what)
            default:
                throw TransportError.Other(reason: what)
            }
        }
    }

    private final class NoRedirects: NSObject, URLSessionTaskDelegate {
        func urlSession(_ session: URLSession, task: URLSessionTask,
                        willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest) async -> URLRequest? {
            nil
        }
    }
}

/// Waits between retries with `Task.sleep`: cancelled with its task.
public final class TaskSleeper: Sleeper, @unchecked Sendable {
    public init() {}

    public func sleep(millis: UInt64) async throws {
        try await Task.sleep(nanoseconds: millis.multipliedReportingOverflow(by: 1_000_000).partialValue)
    }
}

public extension OnfidoClient {
    /// A client with the Swift defaults: `URLSessionTransport` and `TaskSleeper`.
    static func make(config: ClientConfig, transport: HttpTransport = URLSessionTransport()) throws -> OnfidoClient {
        var config = config
        if config.binding == nil { config.binding = "swift" }
        return try OnfidoClient(config: config, transport: transport, sleeper: TaskSleeper())
    }
}
