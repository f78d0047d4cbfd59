//! `onfido-sandbox`: the offline Onfido sandbox (API v2, v3.6 and v3.4) on loopback.

use std::io::{self, Read, Write};
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::time::Duration;

use onfido_sandbox::server::{Options, Server};

const USAGE: &str = "usage: onfido-sandbox [--port N] [--host ADDR] [--rate-limit N] [--latency-ms N]
                      [--fail-rate P] [--seed S] [--webhook-delivery] [--head-timeout-ms N]
                      [--request-timeout-ms N] [--max-connections N] [--body-budget-mib N]
                      [--upload-budget-mib N] [--verbose]

Serves the offline Onfido sandbox (API v2 under /v2, v3.6 under /v3.6, v3.4 under /v3.4) over
HTTP/1.1. Prints `listening on URL` first; stops on SIGTERM or SIGINT, or when its stdin (a pipe)
closes. Listens on 127.0.0.1 unless --host says otherwise. With --webhook-delivery, notifications
are POSTed to loopback URLs (v3 ones retried 30 s, 2 min, 15 min, 2 h and 10 h after the first).";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("onfido-sandbox: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let options = parse_args().map_err(|e| e.to_string())?;
    let server = Server::bind(options).map_err(|e| format!("cannot listen: {e}"))?;
    let stop = server.stop_handle();
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(signal, stop.flag()).map_err(|e| format!("cannot handle signals: {e}"))?;
    }
    if stdin_is_pipe() {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut sink = [0u8; 1024];
            let mut stdin = io::stdin();
            while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
            stop.stop();
        });
    }
    println!("listening on {}", server.url());
    let _ = io::stdout().flush();
    let flag = stop.flag();
    server.run().map_err(|e| format!("stopped: {e}"))?;
    debug_assert!(flag.load(Ordering::SeqCst));
    Ok(())
}

/// Whether stdin is a pipe or socket a parent holds (closing it stops the server); not a terminal
/// or /dev/null. (Node's child_process pipes are sockets.)
fn stdin_is_pipe() -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata("/dev/stdin").is_ok_and(|m| m.file_type().is_fifo() || m.file_type().is_socket())
}

fn parse_args() -> Result<Options, lexopt::Error> {
    use lexopt::prelude::*;
    let mut options = Options::default();
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("port") => options.port = parser.value()?.parse()?,
            Long("host") => options.host = parser.value()?.parse()?,
            Long("rate-limit") => options.rate_limit = Some(parser.value()?.parse()?),
            Long("latency-ms") => options.latency = Duration::from_millis(parser.value()?.parse()?),
            Long("fail-rate") => {
                let rate: f64 = parser.value()?.parse()?;
                if !(0.0..=1.0).contains(&rate) {
                    return Err("--fail-rate must be between 0 and 1".into());
                }
                options.fail_rate = rate;
            }
            Long("seed") => options.seed = parser.value()?.parse()?,
            Long("head-timeout-ms") => options.head_timeout = Duration::from_millis(parser.value()?.parse()?),
            Long("request-timeout-ms") => options.request_timeout = Duration::from_millis(parser.value()?.parse()?),
            Long("max-connections") => options.max_connections = parser.value()?.parse::<usize>()?.max(1),
            Long("body-budget-mib") => {
                options.max_body_bytes_in_flight = parser.value()?.parse::<usize>()?.saturating_mul(1024 * 1024)
            }
            Long("upload-budget-mib") => {
                options.upload_budget = parser.value()?.parse::<usize>()?.saturating_mul(1024 * 1024)
            }
            Long("webhook-delivery") => options.webhook_delivery = true,
            Short('v') | Long("verbose") => options.verbose = true,
            Short('h') | Long("help") => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ => return Err(arg.unexpected()),
        }
    }
    Ok(options)
}
