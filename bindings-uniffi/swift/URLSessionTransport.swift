// The default Swift transport on URLSession, a Task.sleep sleeper and `OnfidoClient.make`, for the
// generated OnfidoCore bindings (bindings-uniffi/generated/swift). Package.swift compiles this file
// with the generated one into the `OnfidoCore` module. There is no Swift toolchain on this
// repository's machines: `scripts/check-swift.sh` (run by `make test-kotlin`) checks that every name
// it uses from the generated bindings exists there, and that it implements the generated protocols'
// signatures, but the compiler has not seen it.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends requests with `URLSession` (no dependency). Redirects are not followed, so a token never
/// follows a link to another host; 4xx and 5xx answers are responses, not errors. Failures are
/// thrown as `TransportError` so the client's retries can tell "nothing was sent" (`Connect`) from
/// "no answer in time" (`Timeout`) and "the server may have acted" (`Lost`).
public final class URLSessionTransport: HttpTransport, @unchecked Sendable {
    private let session: URLSession
    private let timeout: TimeInterval

    /// `configuration` defaults to an ephemeral session (no cookies, no cache); `timeout` bounds
    /// each request (`URLRequest.timeoutInterval`, seconds).
    public init(configuration: URLSessionConfiguration = .ephemeral, timeout: TimeInterval = 60) {
        precondition(timeout > 0, "the timeout must be positive")
        self.timeout = timeout
        self.session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }

    deinit {
        // A session keeps its delegate until it is invalidated.
        session.finishTasksAndInvalidate()
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
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            // The URL and method only: headers (the token among them) never enter an error.
            let what = "URLError \(error.code.rawValue): \(request.method) \(request.url)"
            switch error.code {
            case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
                 .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
                 .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
                throw TransportError.Connect(reason: what)
            case .timedOut:
                throw TransportError.Timeout(reason: what)
            case .networkConnectionLost:
                throw TransportError.Lost(reason: what)
            default:
                throw TransportError.Other(reason: what)
            }
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError.Other(reason: "not an HTTP response: \(request.method) \(request.url)")
        }
        let headers = http.allHeaderFields.map { name, value in
            HttpHeader(name: (name as? String) ?? "\(name)", value: (value as? String) ?? "\(value)")
        }
        return HttpResponse(status: Int32(clamping: http.statusCode), headers: headers, body: data)
    }

    private final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
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

    public func sleep(millis: Int64) async throws {
        let (nanos, overflow) = UInt64(max(0, millis)).multipliedReportingOverflow(by: 1_000_000)
        try await Task.sleep(nanoseconds: overflow ? UInt64.max : nanos)
    }
}

public extension OnfidoClient {
    /// A client with the Swift defaults: `URLSessionTransport` (its timeout from
    /// `config.timeoutMs`, else 60 s) and `TaskSleeper`. Retries are on unless `config.retry` says
    /// otherwise (`noRetries()`).
    static func make(config: ClientConfig, transport: HttpTransport? = nil) throws -> OnfidoClient {
        var config = config
        if config.binding == nil { config.binding = "swift" }
        // A timeout of 0 or less is left to the client, which refuses it as a `Config` error.
        let seconds = config.timeoutMs.flatMap { $0 > 0 ? TimeInterval($0) / 1000 : nil } ?? 60
        return try OnfidoClient(config: config, transport: transport ?? URLSessionTransport(timeout: seconds), sleeper: TaskSleeper())
    }
}
