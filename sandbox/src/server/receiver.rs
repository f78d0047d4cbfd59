//! A loopback webhook receiver, for tests and demos of the sandbox's deliveries.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::Duration;

/// One received notification: its headers and raw body.
#[derive(Clone, Debug)]
pub struct Delivery {
    /// Header names and values as received.
    pub headers: Vec<(String, String)>,
    /// The raw body, as signed.
    pub body: Vec<u8>,
}

/// Accepts POSTs on `127.0.0.1`, answers 200 (or the status set), and queues what arrived.
pub struct Receiver {
    /// The URL to register as a webhook.
    pub url: String,
    deliveries: mpsc::Receiver<Delivery>,
    status: Arc<AtomicU16>,
}

impl Receiver {
    /// Listens on a free loopback port.
    pub fn start() -> io::Result<Receiver> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let url = format!("http://{}/webhooks/onfido", listener.local_addr()?);
        let (tx, deliveries) = mpsc::channel();
        let status = Arc::new(AtomicU16::new(200));
        let answer = Arc::clone(&status);
        thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let tx = tx.clone();
                let code = answer.load(Ordering::SeqCst);
                thread::spawn(move || {
                    if let Some(delivery) = read_request(&mut stream) {
                        let head = format!("HTTP/1.1 {code} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        let _ = stream.write_all(head.as_bytes());
                        let _ = tx.send(delivery);
                    }
                });
            }
        });
        Ok(Receiver { url, deliveries, status })
    }

    /// Answers every later notification with `status` (a failed delivery unless 2xx).
    pub fn answer_with(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }

    /// The next notification, waiting at most `wait`.
    pub fn next(&self, wait: Duration) -> Option<Delivery> {
        self.deliveries.recv_timeout(wait).ok()
    }
}

/// Reads one request's headers and body.
fn read_request(stream: &mut TcpStream) -> Option<Delivery> {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(chunk.get(..n)?);
        let mut slots = [httparse::EMPTY_HEADER; 32];
        let mut request = httparse::Request::new(&mut slots);
        if let Ok(httparse::Status::Complete(head)) = request.parse(&buf) {
            let headers: Vec<(String, String)> = request
                .headers
                .iter()
                .map(|h| (h.name.to_owned(), String::from_utf8_lossy(h.value).into_owned()))
                .collect();
            let length = headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.parse().ok())
                .unwrap_or(0);
            if buf.len() >= head + length {
                return Some(Delivery { headers, body: buf.get(head..head + length)?.to_vec() });
            }
        }
    }
}
