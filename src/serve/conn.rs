//! Connections → requests, with resources bounded whatever clients do.
//! Takes a bound listener and the server state; answers every request
//! through [`super::http::respond`] until stopped.
//!
//! One thread (the connection thread) watches every open connection with
//! `mio` until its request head has arrived, so a connection that sends
//! nothing costs a socket and a small entry, not a thread. A complete head
//! goes to a fixed pool of [`WORKERS`] threads, which write the answer
//! (blocking, for at most [`WRITE_TIMEOUT`] in all) and close the
//! connection. Bounds:
//! - a request head must arrive within [`HEAD_TIMEOUT`] of the connection
//!   and fit in [`MAX_HEAD`] bytes, or the connection is closed;
//! - at most [`MAX_WAITING`] connections wait for their head; one more
//!   closes the oldest, so a flood of idle connections cannot lock out a
//!   real request;
//! - a reload poll with no news yet is parked here (no thread waits on it)
//!   for at most [`POLL_TIMEOUT`], [`MAX_PARKED`] at a time, and handed to
//!   a worker once the site changes ([`State::wake`](super::State::wake));
//! - at most [`QUEUE`] requests wait for a worker; beyond, the connection
//!   gets a short 503.

use super::http::{respond, Request, Response};
use super::State;
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token, Waker};
use std::collections::HashMap;
use std::io::{ErrorKind, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Threads that write answers.
pub const WORKERS: usize = 4;
/// How long a client has, from connecting, to send its request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// How long writing one answer may take before the connection is dropped.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest request head read; a dev server's requests are far smaller.
pub const MAX_HEAD: usize = 16 * 1024;
/// Connections waiting for their request head at once.
pub const MAX_WAITING: usize = 1024;
/// Reload polls parked at once; one more is answered at once.
pub const MAX_PARKED: usize = 256;
/// How long a reload poll waits for news before answering "no change".
pub const POLL_TIMEOUT: Duration = Duration::from_secs(20);
/// Requests waiting for a worker.
pub const QUEUE: usize = 256;

const LISTENER: Token = Token(0);
const WAKER: Token = Token(1);

/// A request handed to a worker, with the connection to answer on.
struct Job {
    stream: std::net::TcpStream,
    request: Request,
}

/// A connection whose request head has not all arrived.
struct Waiting {
    stream: TcpStream,
    head: Vec<u8>,
    since: Instant,
}

/// A reload poll waiting for a generation after `since`.
struct Parked {
    stream: TcpStream,
    request: Request,
    since: u64,
    until: Instant,
}

/// What stops the connection thread: a flag and the waker that makes it
/// look at the flag.
pub(crate) struct Signal {
    stop: AtomicBool,
    waker: Waker,
}

impl Signal {
    /// Wakes the connection thread: the site changed, or it should stop.
    pub fn wake(&self) {
        // Fails only if the poll is gone, i.e. the thread has ended.
        let _ = self.waker.wake();
    }

    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        self.wake();
    }
}

/// A poll and its waker, made before the state that holds the waker.
pub(crate) fn poll() -> std::io::Result<(Poll, Arc<Signal>)> {
    let poll = Poll::new()?;
    let waker = Waker::new(poll.registry(), WAKER)?;
    let stopper = Signal {
        stop: AtomicBool::new(false),
        waker,
    };
    Ok((poll, Arc::new(stopper)))
}

/// Starts the workers and the connection thread; the returned handles end
/// once [`Signal::stop`] is called.
pub(crate) fn serve(
    poll: Poll,
    listener: std::net::TcpListener,
    state: Arc<State>,
) -> std::io::Result<Vec<JoinHandle<()>>> {
    listener.set_nonblocking(true)?;
    let mut listener = TcpListener::from_std(listener);
    poll.registry()
        .register(&mut listener, LISTENER, Interest::READABLE)?;
    let (jobs, job_rx) = std::sync::mpsc::sync_channel::<Job>(QUEUE);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let mut threads: Vec<JoinHandle<()>> = (0..WORKERS)
        .map(|_| {
            let (job_rx, state) = (Arc::clone(&job_rx), Arc::clone(&state));
            std::thread::spawn(move || worker(&job_rx, &state))
        })
        .collect();
    threads.push(std::thread::spawn(move || {
        Connections {
            poll,
            listener,
            state,
            jobs,
            waiting: HashMap::new(),
            parked: Vec::new(),
            next: 2,
        }
        .run();
    }));
    Ok(threads)
}

fn worker(jobs: &Mutex<Receiver<Job>>, state: &State) {
    loop {
        // The lock is held only while taking a job, not while answering.
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok(Job {
            mut stream,
            request,
        }) = job
        else {
            return;
        };
        let response = respond(&request, state);
        // A client that went away or stalls loses its answer; nothing else.
        let _ = stream.set_nonblocking(false);
        let mut out = Deadline {
            stream: &mut stream,
            until: Instant::now() + WRITE_TIMEOUT,
        };
        let _ = response.write_to(&mut out, request.head_only());
    }
}

/// A connection that gives up writing once `until` has passed: each write
/// waits at most the time left, so a client that reads slowly holds a
/// worker for [`WRITE_TIMEOUT`] in all, not per write.
struct Deadline<'a> {
    stream: &'a mut std::net::TcpStream,
    until: Instant,
}

impl std::io::Write for Deadline<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ErrorKind::TimedOut.into());
        }
        self.stream.set_write_timeout(Some(left))?;
        self.stream.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.stream.flush()
    }
}

struct Connections {
    poll: Poll,
    listener: TcpListener,
    state: Arc<State>,
    jobs: SyncSender<Job>,
    waiting: HashMap<Token, Waiting>,
    parked: Vec<Parked>,
    next: usize,
}

impl Connections {
    fn run(mut self) {
        let mut events = Events::with_capacity(256);
        loop {
            let timeout = self
                .next_deadline()
                .map(|at| at.saturating_duration_since(Instant::now()) + Duration::from_millis(1));
            if let Err(e) = self.poll.poll(&mut events, timeout) {
                if e.kind() != ErrorKind::Interrupted {
                    return;
                }
            }
            for event in &events {
                match event.token() {
                    LISTENER => self.accept(),
                    WAKER => {}
                    token => self.read(token),
                }
            }
            if self.state.signal.stop.load(Ordering::SeqCst) {
                return;
            }
            // Accepting again also recovers from a failed accept (too many
            // open files), which no new readiness event would report.
            self.accept();
            self.expire();
            self.release_parked();
        }
    }

    fn next_deadline(&self) -> Option<Instant> {
        let heads = self.waiting.values().map(|w| w.since + HEAD_TIMEOUT);
        let polls = self.parked.iter().map(|p| p.until);
        heads.chain(polls).min()
    }

    fn accept(&mut self) {
        loop {
            let mut stream = match self.listener.accept() {
                Ok((stream, _)) => stream,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => return,
            };
            if self.waiting.len() >= MAX_WAITING {
                self.close_oldest();
            }
            let token = Token(self.next);
            self.next += 1;
            if self
                .poll
                .registry()
                .register(&mut stream, token, Interest::READABLE)
                .is_ok()
            {
                let since = Instant::now();
                let head = Vec::new();
                self.waiting.insert(
                    token,
                    Waiting {
                        stream,
                        head,
                        since,
                    },
                );
                // Bytes that came with the connection raise no new event.
                self.read(token);
            }
        }
    }

    fn close_oldest(&mut self) {
        let oldest = self.waiting.iter().min_by_key(|(_, w)| w.since);
        if let Some(token) = oldest.map(|(t, _)| *t) {
            self.close(token);
        }
    }

    fn close(&mut self, token: Token) {
        if let Some(mut w) = self.waiting.remove(&token) {
            let _ = self.poll.registry().deregister(&mut w.stream);
        }
    }

    /// Reads what `token`'s connection has sent; hands on a complete head.
    fn read(&mut self, token: Token) {
        let Some(w) = self.waiting.get_mut(&token) else {
            return;
        };
        let mut buf = [0u8; 4096];
        let complete = loop {
            match w.stream.read(&mut buf) {
                Ok(0) => break None,
                Ok(n) => {
                    w.head.extend_from_slice(&buf[..n]);
                    if let Some(request) = parse_head(&w.head) {
                        break Some(request);
                    }
                    if w.head.len() > MAX_HEAD {
                        break Some(Err(431));
                    }
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => break None,
            }
        };
        let Some(mut w) = self.waiting.remove(&token) else {
            return;
        };
        let _ = self.poll.registry().deregister(&mut w.stream);
        match complete {
            None => {}
            Some(Err(status)) => self.hand_on(w.stream, Err(status)),
            Some(Ok(request)) => self.dispatch(w.stream, request),
        }
    }

    /// Parks a reload poll with no news; hands anything else to a worker.
    fn dispatch(&mut self, stream: TcpStream, request: Request) {
        if let Some(since) = request.poll_since() {
            let news = self.state.lock().generation > since;
            if !news && self.parked.len() < MAX_PARKED {
                self.parked.push(Parked {
                    stream,
                    request,
                    since,
                    until: Instant::now() + POLL_TIMEOUT,
                });
                return;
            }
        }
        self.hand_on(stream, Ok(request));
    }

    /// Answers the parked polls that have news or have waited long enough.
    fn release_parked(&mut self) {
        if self.parked.is_empty() {
            return;
        }
        let generation = self.state.lock().generation;
        let now = Instant::now();
        let (due, keep) = std::mem::take(&mut self.parked)
            .into_iter()
            .partition(|p| p.since < generation || p.until <= now);
        self.parked = keep;
        for p in due {
            self.hand_on(p.stream, Ok(p.request));
        }
    }

    /// Closes connections whose head did not arrive in time.
    fn expire(&mut self) {
        let now = Instant::now();
        let late: Vec<Token> = self
            .waiting
            .iter()
            .filter(|(_, w)| w.since + HEAD_TIMEOUT <= now)
            .map(|(t, _)| *t)
            .collect();
        for token in late {
            self.close(token);
        }
    }

    /// Gives a worker the request (or a bad head's status) to answer.
    fn hand_on(&mut self, stream: TcpStream, request: Result<Request, u16>) {
        let mut stream = std::net::TcpStream::from(stream);
        let request = match request {
            Ok(request) => request,
            Err(status) => {
                answer_now(&mut stream, &Response::text(status, "bad request\n"));
                return;
            }
        };
        match self.jobs.try_send(Job { stream, request }) {
            Ok(()) => {}
            Err(TrySendError::Full(mut job)) => answer_now(
                &mut job.stream,
                &Response::text(503, "the server is busy; try again\n"),
            ),
            Err(TrySendError::Disconnected(_)) => {}
        }
    }
}

/// Writes a short answer without waiting for the client: what does not
/// fit in the socket's buffer is dropped with the connection.
fn answer_now(stream: &mut std::net::TcpStream, response: &Response) {
    let _ = stream.set_nonblocking(true);
    let _ = response.write_to(stream, false);
}

/// The request line of a complete head (`None` while incomplete), or the
/// status for a malformed one (`431` for too many header fields).
fn parse_head(head: &[u8]) -> Option<Result<Request, u16>> {
    let mut fields = [httparse::EMPTY_HEADER; MAX_HEADER_FIELDS];
    let mut request = httparse::Request::new(&mut fields);
    match request.parse(head) {
        Ok(httparse::Status::Partial) => None,
        Ok(httparse::Status::Complete(_)) => match (request.method, request.path) {
            (Some(method), Some(target)) => Some(Ok(Request {
                method: method.to_owned(),
                target: target.to_owned(),
            })),
            _ => Some(Err(400)),
        },
        Err(httparse::Error::TooManyHeaders) => Some(Err(431)),
        Err(_) => Some(Err(400)),
    }
}

/// Header fields read per request; a browser sends about 15.
const MAX_HEADER_FIELDS: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_is_read_once_complete_and_a_malformed_one_is_a_400() {
        assert_eq!(parse_head(b"GET / HTTP/1.1\r\nHost: x\r\n"), None);
        let ok = parse_head(b"GET /zh/?a=1 HTTP/1.1\r\nHost: x\r\n\r\n");
        assert_eq!(
            ok,
            Some(Ok(Request {
                method: "GET".into(),
                target: "/zh/?a=1".into(),
            }))
        );
        assert_eq!(parse_head(b"GET /\r\n\r\n"), Some(Err(400)));
        // Empty lines before a request line are skipped (RFC 9112 §2.2).
        assert_eq!(parse_head(b"\r\n\r\n"), None);
        assert_eq!(parse_head(b"GE\x01T / HTTP/1.1\r\n\r\n"), Some(Err(400)));
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "X: y\r\n".repeat(100));
        assert_eq!(parse_head(many.as_bytes()), Some(Err(431)));
    }
}
