//! A sandbox server process and a core-driven HTTP client for the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::Duration;

use onfido_core::{ApiVersion, Config, Error, HttpRequest, HttpResponse, Operation};

/// The `onfido-sandbox` binary, running until dropped.
pub struct SandboxProcess {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    child: Child,
    stdin: Option<ChildStdin>,
}

impl SandboxProcess {
    /// Starts the binary with `--port 0` and these arguments; waits for its first line.
    pub fn start(args: &[&str]) -> SandboxProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_onfido-sandbox"))
            .args(["--port", "0"])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start onfido-sandbox");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("first line");
        let url = line.trim().strip_prefix("listening on ").expect("listening line").to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        let stdin = child.stdin.take();
        SandboxProcess { url, child, stdin }
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.url.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Closes stdin: the server stops.
    pub fn close_stdin(&mut self) {
        self.stdin.take();
    }

    /// Waits for the process to end by itself.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let start = std::time::Instant::now();
        while start.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// A client config for this server with a token.
    pub fn config(&self, token: &str) -> Config {
        Config::builder()
            .api_token(token)
            .base_url(&self.url)
            .api_version(ApiVersion::V2)
            .binding("rust-test")
            .build()
            .unwrap()
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends requests with ureq; the core builds and parses.
pub struct Client {
    /// The config requests are built with.
    pub config: Config,
    agent: ureq::Agent,
}

impl Client {
    /// A client on its own connection pool.
    pub fn new(config: Config) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into();
        Client { config, agent }
    }

    /// One HTTP exchange; a transport failure is an `Err` with its text.
    pub fn exchange(&self, request: &HttpRequest) -> Result<HttpResponse, String> {
        let mut builder = ureq::http::Request::builder().method(request.method.as_str()).uri(&request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let http = builder.body(request.body.clone()).map_err(|e| e.to_string())?;
        let mut response = self.agent.run(http).map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned()))
            .collect();
        let body =
            response.body_mut().with_config().limit(64 * 1024 * 1024).read_to_vec().map_err(|e| e.to_string())?;
        Ok(HttpResponse { status, headers, body })
    }

    /// build (core) → send (ureq) → parse (core).
    pub fn send<O: Operation>(&self, operation: &O) -> Result<O::Output, Error> {
        let request = operation.build(&self.config)?;
        let response = self.exchange(&request).unwrap_or_else(|e| panic!("transport failed: {e}"));
        O::parse(response)
    }
}

/// A PNG-signed file big enough for the API's 32 KiB minimum.
pub fn png(size: usize) -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    bytes.extend((0..size.saturating_sub(8)).map(|i| (i * 31 % 251) as u8));
    bytes
}

/// The (status, type) of an API error.
pub fn api_error<T: std::fmt::Debug>(result: Result<T, Error>) -> (u16, String) {
    match result {
        Err(Error::Api(api)) => (api.status, api.error_type.as_str().to_owned()),
        other => panic!("expected an API error, got {other:?}"),
    }
}
