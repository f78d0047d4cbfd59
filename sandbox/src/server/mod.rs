//! The simulator served over real HTTP/1.1 on loopback (feature `server`): the `onfido-sandbox`
//! binary, and a [`Server`] to start from tests.
//!
//! ```no_run
//! use onfido_sandbox::server::{Options, Server};
//!
//! let server = Server::bind(Options::default())?;
//! println!("listening on {}", server.url());
//! server.run()?; // until stopped
//! # Ok::<(), std::io::Error>(())
//! ```

mod delivery;
mod faults;
mod http1;
mod limits;
pub mod receiver;

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::{Sandbox, SandboxOptions};
use onfido_core::{HttpRequest, HttpResponse, Method};

pub use faults::Fault;
use faults::Faults;
use http1::{Connection, Limits, ReadError};
use limits::{Budget, Progress, Slots};

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
    /// Connections served at once; past it the slowest waiting one is dropped for a newcomer,
    /// and a newcomer is answered 503 only when none can be dropped (see the `limits` module).
    pub max_connections: usize,
    /// Time allowed for a request's head, from the moment the server waits for it.
    pub head_timeout: Duration,
    /// Time allowed for a whole request, head and body, from the same moment; and for writing
    /// a whole response.
    pub request_timeout: Duration,
    /// Request-body bytes held at once across all connections; a body that would overrun it is
    /// answered 503 before it is read.
    pub max_body_bytes_in_flight: usize,
    /// Uploaded bytes the simulator keeps; past it uploads are answered 507.
    pub upload_budget: usize,
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
            request_timeout: Duration::from_secs(60),
            max_body_bytes_in_flight: 64 * 1024 * 1024,
            upload_budget: crate::DEFAULT_UPLOAD_BUDGET,
        }
    }
}

/// The simulator's clock: the system's, moved on by [`Clock::advance`] (tests use it to reach
/// webhook retries hours away in a moment).
#[derive(Clone, Debug, Default)]
pub struct Clock(Arc<AtomicI64>);

impl Clock {
    /// Now, in Unix seconds.
    pub fn now(&self) -> i64 {
        let system =
            SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        system.saturating_add(self.0.load(Ordering::SeqCst))
    }

    /// Moves the clock on by `seconds`.
    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
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
    slots: Slots,
    budget: Arc<Budget>,
    epoch: Instant,
    clock: Clock,
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
        let mut sandbox = Sandbox::new(SandboxOptions { base_url: base_url.clone(), rate_limit: options.rate_limit });
        sandbox.set_upload_budget(options.upload_budget);
        let shared = Shared {
            slots: Slots::new(options.max_connections),
            budget: Budget::new(options.max_body_bytes_in_flight),
            epoch: Instant::now(),
            clock: Clock::default(),
            sandbox: Mutex::new(sandbox),
            faults: Mutex::new(Faults::new(options.fail_rate, options.seed)),
            options,
            base_url,
            stop: Arc::new(AtomicBool::new(false)),
        };
        Ok(Server { listener, shared: Arc::new(shared) })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// The clock the simulator answers by (and webhook retries fall due by).
    pub fn clock(&self) -> Clock {
        self.shared.clock.clone()
    }

    /// A handle that stops [`Server::run`].
    pub fn stop_handle(&self) -> StopHandle {
        StopHandle(Arc::clone(&self.shared.stop))
    }

    /// Serves until stopped; each connection has its own thread.
    pub fn run(self) -> io::Result<()> {
        if self.shared.options.webhook_delivery {
            let shared = Arc::clone(&self.shared);
            thread::spawn(move || delivery::v3_loop(&shared));
        }
        while !self.shared.stop.load(Ordering::SeqCst) {
            match self.listener.accept() {
                Ok((stream, _)) => {
                    let shared = Arc::clone(&self.shared);
                    let progress = Arc::new(Progress::new(shared.epoch));
                    let Some(slot) = shared.slots.admit(&stream, &progress) else {
                        refuse(stream);
                        continue;
                    };
                    thread::spawn(move || {
                        serve(stream, progress, &shared);
                        shared.slots.release(slot);
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
    let mut headers = json_headers();
    headers.push(("Retry-After".into(), "1".into()));
    let _ = http1::write_response(&mut stream, 503, &headers, &body, false, Duration::from_secs(1));
    // On the accept loop: no waiting, only what has already arrived is read before closing.
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_nonblocking(true);
    let mut sink = [0u8; 16 * 1024];
    for _ in 0..4 {
        if !matches!(io::Read::read(&mut stream, &mut sink), Ok(n) if n > 0) {
            break;
        }
    }
}

/// Closes after an early answer without resetting it away: stops writing, then reads (and drops)
/// what the client still sends for a moment, so the answer is not lost to a TCP reset.
fn linger(stream: &TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let deadline = Instant::now() + Duration::from_millis(500);
    let mut sink = [0u8; 16 * 1024];
    let mut drained = 0usize;
    let mut reader = stream;
    while drained < 1024 * 1024 {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || reader.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match io::Read::read(&mut reader, &mut sink) {
            Ok(0) | Err(_) => return,
            Ok(n) => drained += n,
        }
    }
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
fn serve(stream: TcpStream, progress: Arc<Progress>, shared: &Shared) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_nodelay(true);
    let mut conn = Connection::new(stream, progress);
    let options = &shared.options;
    let limits =
        Limits { max_body: MAX_BODY, head_timeout: options.head_timeout, request_timeout: options.request_timeout };
    while !shared.stop.load(Ordering::SeqCst) {
        let mut request = match conn.read_request(&limits, &shared.budget) {
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
                    ReadError::OverBudget => {
                        Some((503, "Too many request bodies are in flight; try again shortly.", "service_unavailable"))
                    }
                    ReadError::Unsupported => Some((501, "Only chunked transfer coding is supported.", "bad_request")),
                };
                if let Some((status, message, error_type)) = answer {
                    let mut headers = json_headers();
                    if status == 503 {
                        headers.push(("Retry-After".into(), "1".into()));
                    }
                    let body = error_body(message, error_type);
                    let written =
                        http1::write_response(&mut conn.stream, status, &headers, &body, false, Duration::from_secs(5));
                    if written.is_ok() {
                        linger(&conn.stream);
                    }
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
                handle(shared, &mut request)
            }
            None => handle(shared, &mut request),
        };
        log(options, &request, &response.status.to_string());
        let (status, headers, body) = (response.status, &response.headers, &response.body);
        if http1::write_response(&mut conn.stream, status, headers, body, keep_alive, options.request_timeout).is_err()
            || !keep_alive
        {
            return;
        }
    }
}

/// Passes a request to the simulator and its notifications to delivery.
fn handle(shared: &Shared, request: &mut http1::Request) -> HttpResponse {
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
    // The body moves on (no copy); its reservation stays with `request` until it is answered.
    let http = HttpRequest { method, url, headers: request.headers.clone(), body: std::mem::take(&mut request.body) };
    let now = shared.clock.now();
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
