//! A bounded attacker-style stress run of the sandbox server on loopback, in two parts.
//!
//! `cargo run --release -p onfido-sandbox --example stress [-- SLOW SECONDS UPLOADS UPLOAD_BODY_BYTES]`
//! (defaults 300 15 250 1048576):
//!
//! * slow clients: `SLOW` connections trickle one byte of a never-ending head every second (and
//!   reconnect when the server closes them) while 4 normal clients each open a connection, list
//!   applicants and close, for `SECONDS`; prints the share of normal requests answered 200;
//! * unfinished uploads: `UPLOADS` connections send a head with `Content-Length: 10485760` and
//!   `UPLOAD_BODY_BYTES` of body, then stay open; prints the server's resident memory (VmRSS of its
//!   process) while they are open and after they close.
//!
//! The server runs as a child process (this binary with `--serve`) so that its memory is its own.
//! Everything stays on 127.0.0.1, every count and wait is bounded, and the run stops by itself.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use onfido_sandbox::server::{Options, Server};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const UPLOAD_LENGTH: usize = 10 * 1024 * 1024;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let first = args.next();
    if first.as_deref() == Some("--serve") {
        return serve();
    }
    let mut numbers = first.into_iter().chain(args).map(|a| a.parse::<usize>());
    let mut next = |default: usize, max: usize| numbers.next().unwrap_or(Ok(default)).map(|n| n.min(max));
    let slow = next(300, 1000)?;
    let seconds = next(15, 120)?;
    let uploads = next(250, 1000)?;
    let upload_body = next(1024 * 1024, UPLOAD_LENGTH - 1)?;

    let mut child = Command::new(std::env::current_exe()?)
        .arg("--serve")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    let pid = child.id();
    let mut line = String::new();
    BufReader::new(child.stdout.take().ok_or("no stdout")?).read_line(&mut line)?;
    let url = line.trim().strip_prefix("listening on http://").ok_or("no listening line")?.to_owned();
    let addr: SocketAddr = url.parse()?;
    if !addr.ip().is_loopback() {
        return Err("the server is not on loopback".into());
    }
    println!("server pid {pid} on {addr}; RSS at start {}", rss(pid));

    slow_clients(addr, slow, Duration::from_secs(seconds as u64));
    println!("server RSS after the slow-client part {}", rss(pid));
    unfinished_uploads(addr, pid, uploads, upload_body);

    drop(child.stdin.take()); // the server stops when its stdin closes
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        if child.try_wait()?.is_some() {
            return Ok(());
        }
        thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    Ok(())
}

/// The child: the server with default options until stdin closes.
fn serve() -> Result<()> {
    let server = Server::bind(Options::default())?;
    let stop = server.stop_handle();
    thread::spawn(move || {
        let mut sink = [0u8; 64];
        while matches!(io::stdin().read(&mut sink), Ok(n) if n > 0) {}
        stop.stop();
    });
    println!("listening on {}", server.url());
    io::stdout().flush()?;
    server.run()?;
    Ok(())
}

/// The resident set of a process, from /proc (Linux).
fn rss(pid: u32) -> String {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().strip_suffix("kB"))
            .and_then(|v| v.trim().parse::<u64>().ok())
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(rss), Some(peak)) => format!("{:.1} MiB (peak {:.1} MiB)", rss as f64 / 1024.0, peak as f64 / 1024.0),
        _ => "unknown (no /proc)".into(),
    }
}

/// One slow connection: the bytes it sent so far.
struct Slow {
    stream: TcpStream,
    sent: usize,
}

const SLOW_HEAD: &[u8] = b"POST /v2/applicants HTTP/1.1\r\nHost: 127.0.0.1\r\n";

fn slow_byte(sent: usize) -> u8 {
    // The start of a head, then `X-Pad: aaaa…` forever: it never ends.
    const PAD: &[u8] = b"X-Pad: ";
    match SLOW_HEAD.get(sent) {
        Some(b) => *b,
        None => PAD.get(sent - SLOW_HEAD.len()).copied().unwrap_or(b'a'),
    }
}

fn connect(addr: SocketAddr) -> Option<TcpStream> {
    TcpStream::connect_timeout(&addr, Duration::from_secs(1)).ok()
}

fn slow_clients(addr: SocketAddr, count: usize, duration: Duration) {
    let stop = Arc::new(AtomicBool::new(false));
    let attacker = {
        let stop = Arc::clone(&stop);
        thread::spawn(move || {
            let mut conns: Vec<Option<Slow>> = (0..count).map(|_| None).collect();
            let mut reconnects = 0usize;
            while !stop.load(Ordering::SeqCst) {
                let tick = Instant::now();
                for slot in conns.iter_mut() {
                    if slot.is_none() {
                        *slot = connect(addr).map(|stream| {
                            let _ = stream.set_nonblocking(true);
                            Slow { stream, sent: 0 }
                        });
                        reconnects += 1;
                    }
                    let Some(conn) = slot else { continue };
                    // Anything from the server (an answer, or the end) means it gave up on us.
                    let mut peek = [0u8; 512];
                    let closed = match conn.stream.read(&mut peek) {
                        Ok(_) => true,
                        Err(e) => e.kind() != io::ErrorKind::WouldBlock,
                    };
                    if closed || conn.stream.write(&[slow_byte(conn.sent)]).is_err() {
                        *slot = None;
                        continue;
                    }
                    conn.sent += 1;
                }
                thread::sleep(Duration::from_secs(1).saturating_sub(tick.elapsed()));
            }
            reconnects.saturating_sub(count)
        })
    };
    thread::sleep(Duration::from_secs(2)); // the slow connections settle in
    let deadline = Instant::now() + duration;
    let workers: Vec<_> = (0..4)
        .map(|_| {
            thread::spawn(move || {
                let mut outcomes = Outcomes::default();
                while Instant::now() < deadline {
                    let t = Instant::now();
                    match normal_request(addr) {
                        Some(200) => {
                            outcomes.ok += 1;
                            outcomes.latencies.push(t.elapsed());
                        }
                        Some(503) => outcomes.unavailable += 1,
                        Some(_) => outcomes.other += 1,
                        None => outcomes.failed += 1,
                    }
                    thread::sleep(Duration::from_millis(20));
                }
                outcomes
            })
        })
        .collect();
    let mut all = Outcomes::default();
    for worker in workers {
        if let Ok(o) = worker.join() {
            all.ok += o.ok;
            all.unavailable += o.unavailable;
            all.other += o.other;
            all.failed += o.failed;
            all.latencies.extend(o.latencies);
        }
    }
    stop.store(true, Ordering::SeqCst);
    let reconnects = attacker.join().unwrap_or_default();
    all.latencies.sort();
    let pct = |p: f64| {
        let l = &all.latencies;
        l.get(((l.len() as f64 * p) as usize).min(l.len().saturating_sub(1))).copied().unwrap_or_default()
    };
    let total = all.ok + all.unavailable + all.other + all.failed;
    println!(
        "slow clients: {count} trickling connections ({reconnects} reconnects), 4 normal clients for {} s: \
         {}/{total} normal requests OK ({:.1} %), 503 {}, other status {}, no answer in 5 s {}; \
         OK latency p50 {:.1} ms, p99 {:.1} ms",
        duration.as_secs(),
        all.ok,
        100.0 * all.ok as f64 / total.max(1) as f64,
        all.unavailable,
        all.other,
        all.failed,
        pct(0.5).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
    );
}

#[derive(Default)]
struct Outcomes {
    ok: usize,
    unavailable: usize,
    other: usize,
    failed: usize,
    latencies: Vec<Duration>,
}

/// One request on a fresh connection: its status, or `None` without an answer in 5 s.
fn normal_request(addr: SocketAddr) -> Option<u16> {
    let mut stream = connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    stream.set_write_timeout(Some(Duration::from_secs(5))).ok()?;
    stream
        .write_all(
            b"GET /v2/applicants HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token token=test_stress\r\n\
              Connection: close\r\n\r\n",
        )
        .ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    let status = std::str::from_utf8(head.get(9..12)?).ok()?.parse().ok()?;
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    Some(status)
}

fn unfinished_uploads(addr: SocketAddr, pid: u32, count: usize, body: usize) {
    let started = Instant::now();
    let head = format!(
        "POST /v2/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token token=test_stress\r\n\
         Content-Type: multipart/form-data; boundary=x\r\nContent-Length: {UPLOAD_LENGTH}\r\n\r\n"
    );
    let filler = vec![b'u'; 64 * 1024];
    let mut open = Vec::new();
    let mut cut_short = 0usize;
    for _ in 0..count {
        let Some(mut stream) = connect(addr) else {
            cut_short += 1;
            continue;
        };
        let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
        let mut ok = stream.write_all(head.as_bytes()).is_ok();
        let mut left = body;
        while ok && left > 0 {
            let n = left.min(filler.len());
            ok = stream.write_all(filler.get(..n).unwrap_or_default()).is_ok();
            left -= n;
        }
        if !ok {
            cut_short += 1;
        }
        open.push(stream);
    }
    // The server reads what it will; then, how many the server answered early (413/503) instead of waiting for the rest.
    thread::sleep(Duration::from_secs(2));
    let mut answered = std::collections::BTreeMap::<String, usize>::new();
    for stream in &mut open {
        let _ = stream.set_read_timeout(Some(Duration::from_millis(5)));
        let mut head = [0u8; 12];
        let key = match stream.read(&mut head) {
            Ok(n) if n >= 12 => String::from_utf8_lossy(head.get(9..12).unwrap_or_default()).into_owned(),
            Ok(0) => "closed".into(),
            Ok(_) => "partial".into(),
            Err(_) => "waiting".into(),
        };
        *answered.entry(key).or_default() += 1;
    }
    println!(
        "unfinished uploads: {count} heads with Content-Length {UPLOAD_LENGTH} and {body} bytes of body each \
         ({cut_short} cut short by the server) in {:.1} s; server answers {answered:?}; \
         server RSS with them open {}",
        started.elapsed().as_secs_f64(),
        rss(pid)
    );
    drop(open);
    thread::sleep(Duration::from_secs(1));
    println!("server RSS after they closed {}", rss(pid));
}
