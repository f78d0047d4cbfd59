//! The offline Onfido v2 sandbox of `onfido-core`, served over real HTTP/1.1 on loopback.
//!
//! ```no_run
//! let server = onfido_sandbox::Server::bind(onfido_sandbox::Options::default())?;
//! println!("listening on {}", server.url());
//! server.run()?; // until stopped
//! # Ok::<(), std::io::Error>(())
//! ```

mod delivery;
mod faults;
mod http1;
pub mod receiver;

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use onfido_core::sandbox::{Sandbox, SandboxOptions};
use onfido_core::{HttpRequest, HttpResponse, Method};

pub use faults::Fault;
use faults::Faults;
use http1::{Connection, ReadError};

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// The address to listen on (default 127.0.0.1: never beyond loopback unless told).
    pub host: IpAddr,
    /// The port (0: any free port).
    pub port: u16,
    /// Requests per minute before 429s (the real sandbox: 30).
    pub rate_limit: Option<u32>,
    /// A pause before every answer.
    pub latency: Duration,
    /// The share of requests (0 to 1) that get an injected fault.
    pub fail_rate: f64,
    /// The seed of the injected faults.
    pub seed: u64,
    /// POST webhook notifications to their (loopback) URLs.
    pub webhook_delivery: bool,
    /// Log requests and deliveries to stderr (never tokens).
    pub verbose: bool,
    /// Connections served at once; more are answered 503.
    pub max_connections: usize,
    /// Time allowed for a request's head.
    pub head_timeout: Duration,
    /// Time allowed for a request's body.
    pub body_timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            rate_limit: None,
            latency: Duration::ZERO,
            fail_rate: 0.0,
            seed: 0,
            webhook_delivery: false,
            verbose: false,
            max_connections: 256,
            head_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(60),
        }
    }
}

/// The largest body accepted: a 10 MiB upload plus its multipart framing.
pub const MAX_BODY: usize = 10 * 1024 * 1024 + 64 * 1024;

/// What the connection threads share.
struct Shared {
    sandbox: Mutex<Sandbox>,
    faults: Mutex<Faults>,
    options: Options,
    base_url: String,
    stop: Arc<AtomicBool>,
    connections: AtomicUsize,
}

/// A bound server.
pub struct Server {
    listener: TcpListener,
    shared: Arc<Shared>,
}

/// Stops a running server from another thread.
#[derive(Clone, Debug)]
pub struct StopHandle(Arc<AtomicBool>);

impl StopHandle {
    /// Asks the server to stop; it finishes the requests in hand.
    pub fn stop(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// The flag itself, for signal handlers.
    pub fn flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.0)
    }
}

impl Server {
    /// Binds the listening socket.
    pub fn bind(options: Options) -> io::Result<Server> {
        let listener = TcpListener::bind(SocketAddr::new(options.host, options.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let base_url = match addr {
            SocketAddr::V4(a) => format!("http://{}:{}", a.ip(), a.port()),
            SocketAddr::V6(a) => format!("http://[{}]:{}", a.ip(), a.port()),
        };
        let sandbox = Sandbox::new(SandboxOptions { base_url: base_url.clone(), rate_limit: options.rate_limit });
        let shared = Shared {
            sandbox: Mutex::new(sandbox),
            faults: Mutex::new(Faults::new(options.fail_rate, options.seed)),
            options,
            base_url,
            stop: Arc::new(AtomicBool::new(false)),
            connections: AtomicUsize::new(0),
        };
        Ok(Server { listener, shared: Arc::new(shared) })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// A handle that stops [`Server::run`].
    pub fn stop_handle(&self) -> StopHandle {
        StopHandle(Arc::clone(&self.shared.stop))
    }

    /// Serves until stopped; each connection has its own thread.
    pub fn run(self) -> io::Result<()> {
        while !self.shared.stop.load(Ordering::SeqCst) {
            match self.listener.accept() {
                Ok((stream, _)) => {
                    let shared = Arc::clone(&self.shared);
                    if shared.connections.fetch_add(1, Ordering::SeqCst) >= shared.options.max_connections {
                        shared.connections.fetch_sub(1, Ordering::SeqCst);
                        refuse(stream);
                        continue;
                    }
                    thread::spawn(move || {
                        serve(stream, &shared);
                        shared.connections.fetch_sub(1, Ordering::SeqCst);
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => thread::sleep(Duration::from_millis(5)),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == io::ErrorKind::ConnectionAborted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Serves on a background thread; stop it through the returned handle.
    pub fn spawn(self) -> (String, StopHandle, thread::JoinHandle<io::Result<()>>) {
        let (url, stop) = (self.url(), self.stop_handle());
        (url, stop, thread::spawn(move || self.run()))
    }
}

/// Answers 503 to a connection over the limit.
fn refuse(mut stream: TcpStream) {
    let _ = stream.set_nonblocking(false);
    let body = error_body("Too many connections.", "service_unavailable");
    let _ = http1::write_response(&mut stream, 503, &json_headers(), &body, false);
}

fn json_headers() -> Vec<(String, String)> {
    vec![("Content-Type".into(), "application/json; charset=utf-8".into())]
}

fn error_body(message: &str, error_type: &str) -> Vec<u8> {
    let body = format!(
        "{{\"error\":{{\"type\":\"{error_type}\",\"message\":{}}}}}",
        format_args!("\"{}\"", message.replace('"', "'"))
    );
    body.into_bytes()
}

/// Serves one connection until it closes, asks to close, or misbehaves.
fn serve(stream: TcpStream, shared: &Shared) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_nodelay(true);
    let mut conn = Connection::new(stream);
    let options = &shared.options;
    while !shared.stop.load(Ordering::SeqCst) {
        let request = match conn.read_request(MAX_BODY, options.head_timeout, options.body_timeout) {
            Ok(request) => request,
            Err(error) => {
                let answer = match error {
                    ReadError::Closed | ReadError::Io | ReadError::Timeout { started: false } => None,
                    ReadError::Timeout { started: true } => {
                        Some((408, "The request did not arrive in time.", "request_timeout"))
                    }
                    ReadError::Malformed(why) => Some((400, why, "bad_request")),
                    ReadError::HeadTooLarge => Some((431, "The request head is too large.", "bad_request")),
                    ReadError::BodyTooLarge => Some((413, "The request body is over 10 MB.", "bad_request")),
                    ReadError::Unsupported => Some((501, "Only chunked transfer coding is supported.", "bad_request")),
                };
                if let Some((status, message, error_type)) = answer {
                    let _ = http1::write_response(
                        &mut conn.stream,
                        status,
                        &json_headers(),
                        &error_body(message, error_type),
                        false,
                    );
                }
                return;
            }
        };
        let keep_alive = request.keep_alive;
        let fault = shared.faults.lock().map(|mut f| f.draw()).unwrap_or(None);
        if !options.latency.is_zero() {
            thread::sleep(options.latency);
        }
        let response = match fault {
            Some(Fault::Drop) => {
                log(options, &request, "dropped");
                return;
            }
            Some(Fault::ServerError) => HttpResponse {
                status: 500,
                headers: json_headers(),
                body: error_body("Injected failure.", "internal_server_error"),
            },
            Some(Fault::Unavailable) => {
                let mut headers = json_headers();
                headers.push(("Retry-After".into(), "1".into()));
                HttpResponse {
                    status: 503,
                    headers,
                    body: error_body("Injected unavailability.", "service_unavailable"),
                }
            }
            Some(Fault::Slow) => {
                thread::sleep(Duration::from_secs(2));
                handle(shared, &request)
            }
            None => handle(shared, &request),
        };
        log(options, &request, &response.status.to_string());
        if http1::write_response(&mut conn.stream, response.status, &response.headers, &response.body, keep_alive)
            .is_err()
            || !keep_alive
        {
            return;
        }
    }
}

/// Passes a request to the simulator and its notifications to delivery.
fn handle(shared: &Shared, request: &http1::Request) -> HttpResponse {
    let Some(method) = Method::parse(&request.method) else {
        return HttpResponse {
            status: 405,
            headers: json_headers(),
            body: error_body("Method not allowed.", "bad_request"),
        };
    };
    let url = if request.target.starts_with('/') {
        format!("{}{}", shared.base_url, request.target)
    } else {
        request.target.clone()
    };
    let http = HttpRequest { method, url, headers: request.headers.clone(), body: request.body.clone() };
    let now =
        SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let (response, deliveries) = match shared.sandbox.lock() {
        Ok(mut sandbox) => {
            let response = sandbox.handle(&http, now);
            (response, sandbox.take_webhook_deliveries())
        }
        Err(_) => {
            let body = error_body("The sandbox failed.", "internal_server_error");
            return HttpResponse { status: 500, headers: json_headers(), body };
        }
    };
    if shared.options.webhook_delivery {
        delivery::deliver(deliveries, shared.options.verbose);
    }
    response
}

fn log(options: &Options, request: &http1::Request, outcome: &str) {
    if options.verbose {
        let path = request.target.split('?').next().unwrap_or_default();
        eprintln!("{} {} -> {outcome}", request.method, path);
    }
}
