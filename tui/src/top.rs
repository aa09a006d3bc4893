//! `lucent top`: attach (or launch and attach), then either run the TUI — a collector thread, an
//! input thread and the drawing loop, joined by one event channel — or record headless for a
//! duration and write the exports.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant, SystemTime};

use crossterm::event::{self as ct, KeyEventKind};

use crate::app::{App, Request};
use crate::collector::{Collector, Options, Snapshot};
use crate::error::{Error, Result};
use crate::export::{self, Meta};
use crate::target::Target;

/// Refresh period: 4 Hz, what the issue asks for (each tick re-reads every trace's counters).
pub const TICK: Duration = Duration::from_millis(250);

/// What to attach to.
#[derive(Debug, Clone)]
pub enum Attach {
    Pid(u32),
    /// `lucent run --perf=map SCRIPT ARGS...` started by the monitor (and stopped when it quits).
    Launch(Vec<String>),
}

/// `lucent top`'s settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub attach: Attach,
    /// Headless: write these files (format by name) after `duration` and exit.
    pub record: Vec<PathBuf>,
    pub duration: Option<Duration>,
    pub options: Options,
    /// The `lucent` binary to launch scripts with.
    pub lucent: PathBuf,
}

/// An event for the drawing loop.
#[derive(Debug)]
pub enum Event {
    Key(ct::KeyEvent),
    Resize,
    Snapshot(Box<Snapshot>),
}

/// The launched script, stopped and reaped on drop.
struct Launched(Child);

impl Drop for Launched {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
        }
        let _ = self.0.wait();
    }
}

fn launch(cfg: &Config, args: &[String], quiet: bool) -> Result<Launched> {
    let mut cmd = Command::new(&cfg.lucent);
    cmd.arg("run")
        .arg("--perf=map")
        .args(args)
        .stdin(Stdio::null());
    if quiet {
        // The script's output would draw over the TUI.
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
    }
    cmd.spawn().map(Launched).map_err(|source| Error::Launch {
        command: format!("{} run --perf=map {}", cfg.lucent.display(), args.join(" ")),
        source,
    })
}

/// Attaches, retrying briefly while a just-launched process is still starting.
fn attach(pid: u32, launched: bool) -> Result<Target> {
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        match Target::attach(pid) {
            Err(e)
                if launched && Instant::now() < deadline && !matches!(e, Error::Version { .. }) =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// Runs `lucent top`; returns the process exit code.
pub fn run(cfg: Config) -> Result<i32> {
    let headless = !cfg.record.is_empty();
    for path in &cfg.record {
        export::Format::of(path)?;
    }
    let (pid, launched) = match &cfg.attach {
        Attach::Pid(pid) => (*pid, None),
        Attach::Launch(args) => {
            let child = launch(&cfg, args, !headless)?;
            (child.0.id(), Some(child))
        }
    };
    let target = attach(pid, launched.is_some())?;
    if headless {
        record(cfg, target)
    } else {
        tui(cfg, target)
    }
    // `launched` is dropped here: the script started for the session stops with it.
}

/// Headless: collect for the duration (or until the target exits), then write the exports.
fn record(cfg: Config, target: Target) -> Result<i32> {
    let start_wall = SystemTime::now();
    let mut c = Collector::new(target, cfg.options.clone())?;
    if let Some(e) = c.sampling_error() {
        eprintln!("lucent top: {e}");
    }
    let duration = cfg.duration.unwrap_or(Duration::from_secs(10));
    let started = Instant::now();
    while started.elapsed() < duration {
        std::thread::sleep(TICK.min(duration.saturating_sub(started.elapsed())));
        c.tick();
        if !c.alive() {
            eprintln!(
                "lucent top: process {} exited; writing what was collected",
                c.pid()
            );
            break;
        }
    }
    c.tick();
    let snap = c.snapshot();
    let meta = Meta {
        pid: snap.pid,
        comm: snap.comm.clone(),
        period_ns: 1_000_000_000 / cfg.options.hz.max(1),
        duration_ns: started.elapsed().as_nanos() as u64,
        start_unix_ns: start_wall
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64),
    };
    for path in &cfg.record {
        export::write(path, &c.agg, &meta)?;
        eprintln!("lucent top: wrote {}", path.display());
    }
    eprintln!("lucent top: {}", export::summary(&c.agg));
    for note in &snap.notes {
        eprintln!("lucent top: {note}");
    }
    let mut traces = snap.traces.clone();
    traces.sort_by(|a, b| b.samples.cmp(&a.samples).then(a.info.id.cmp(&b.info.id)));
    for t in traces.iter().take(10) {
        eprintln!(
            "  trace {:>4} {:<40} samples {:>6.1}%  entries {:>10}  side exits {:>10}  deopts {:>8}",
            t.info.id,
            t.info.name,
            crate::collector::percent(t.samples, snap.total),
            t.info.entries,
            t.info.exits_taken(),
            t.info.deopts
        );
    }
    Ok(0)
}

/// The TUI: `ratatui::init` enters the alternate screen and raw mode and installs a panic hook
/// that restores the terminal; `ratatui::restore` undoes it on every way out of here.
fn tui(cfg: Config, target: Target) -> Result<i32> {
    let (tx, rx) = mpsc::channel::<Event>();
    let (req_tx, req_rx) = mpsc::channel::<Request>();
    let stop = Arc::new(AtomicBool::new(false));
    // Made here, before the terminal is taken over, so an error prints normally.
    let c = Collector::new(target, cfg.options.clone())?;
    let collector = {
        let (tx, stop) = (tx.clone(), stop.clone());
        std::thread::Builder::new()
            .name("lucent-top-collector".into())
            .spawn(move || collect(c, tx, req_rx, stop))
            .map_err(|source| Error::Io {
                what: "starting the collector thread".into(),
                source,
            })?
    };
    {
        let (tx, stop) = (tx.clone(), stop.clone());
        // Not joined: it may be blocked in `poll` for up to one tick when we leave.
        let _ = std::thread::Builder::new()
            .name("lucent-top-input".into())
            .spawn(move || input(tx, stop));
    }
    drop(tx);
    let mut terminal = ratatui::init();
    let result = draw_loop(&mut terminal, &rx, &req_tx);
    ratatui::restore();
    stop.store(true, Ordering::Relaxed);
    let _ = collector.join();
    result
}

fn draw_loop(
    terminal: &mut ratatui::DefaultTerminal,
    rx: &mpsc::Receiver<Event>,
    req_tx: &mpsc::Sender<Request>,
) -> Result<i32> {
    let mut app = App::new();
    let io = |source| Error::Io {
        what: "drawing on the terminal".into(),
        source,
    };
    terminal
        .draw(|f| f.render_widget(&app, f.area()))
        .map_err(io)?;
    while app.running {
        let Ok(first) = rx.recv() else { break };
        // Everything already queued is handled before one draw: a burst of keys costs one frame.
        let mut event = Some(first);
        while let Some(e) = event.take() {
            let request = match e {
                Event::Key(k) if k.kind != KeyEventKind::Release => app.on_key(k),
                Event::Key(_) | Event::Resize => None,
                Event::Snapshot(s) => app.update(*s),
            };
            if let Some(r) = request {
                let _ = req_tx.send(r);
            }
            event = rx.try_recv().ok();
        }
        terminal
            .draw(|f| f.render_widget(&app, f.area()))
            .map_err(io)?;
    }
    Ok(0)
}

/// The collector thread: one tick per [`TICK`], a snapshot after each.
fn collect(
    mut c: Collector,
    tx: mpsc::Sender<Event>,
    requests: mpsc::Receiver<Request>,
    stop: Arc<AtomicBool>,
) {
    let mut next = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        while let Ok(Request::Select(id)) = requests.try_recv() {
            c.select(id);
        }
        c.tick();
        let snap = c.snapshot();
        if tx.send(Event::Snapshot(Box::new(snap))).is_err() {
            return;
        }
        next += TICK;
        let now = Instant::now();
        if next > now {
            // Wake early for a selection so the detail pane follows the cursor promptly.
            match requests.recv_timeout(next - now) {
                Ok(Request::Select(id)) => c.select(id),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        } else {
            next = now;
        }
    }
}

/// The input thread: terminal events, polled so it notices `stop`.
fn input(tx: mpsc::Sender<Event>, stop: Arc<AtomicBool>) {
    while !stop.load(Ordering::Relaxed) {
        match ct::poll(TICK) {
            Ok(true) => {
                let event = match ct::read() {
                    Ok(ct::Event::Key(k)) => Event::Key(k),
                    Ok(ct::Event::Resize(..)) => Event::Resize,
                    Ok(_) => continue,
                    Err(_) => return,
                };
                if tx.send(event).is_err() {
                    return;
                }
            }
            Ok(false) => {}
            Err(_) => return,
        }
    }
}
