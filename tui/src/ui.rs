//! The widgets: `impl Widget for &App`, split into one `render_*` function per area. Drawing
//! reads the App and nothing else.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell, Clear, Paragraph, Row, Sparkline, StatefulWidget, Table, TableState,
    Widget, Wrap,
};

use crate::app::{App, Code, Mode, View};
use crate::collector::{percent, TraceRow};
use crate::profile::Kind;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(4),
            Constraint::Min(6),
            Constraint::Length(2),
        ])
        .areas(area);
        render_header(self, header, buf);
        match self.view {
            View::Traces => {
                let [table, detail] =
                    Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)])
                        .areas(body);
                render_traces(self, table, buf);
                render_detail(self, detail, buf);
            }
            View::Functions => render_functions(self, body, buf),
        }
        render_footer(self, footer, buf);
        if self.help {
            render_help(area, buf);
        }
    }
}

fn pct(n: u64, total: u64) -> String {
    format!("{:5.1}%", percent(n, total))
}

/// Process line, sampling state, time split and the sparkline of JIT share per tick.
fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let s = &app.snapshot;
    let status = if s.alive {
        Span::raw(format!("{:.1}s", s.elapsed.as_secs_f64()))
    } else {
        Span::styled(
            format!("process {} exited — last data shown, q quits", s.pid),
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        )
    };
    let jit = match (s.state, s.current) {
        (crate::target::JitState::InTrace, Some(id)) => format!("running trace {id}"),
        (state, _) => state.label().to_string(),
    };
    let frame = s
        .vm_frame
        .as_ref()
        .map(|f| format!("  frame: {} line {}", f.name, f.line))
        .unwrap_or_default();
    let sampling = match &s.sampling {
        Ok(n) => Span::raw(format!("{} samples ({n} threads at {} Hz)", s.total, s.hz)),
        Err(_) => Span::styled("sampling off (see below)", Style::new().fg(Color::Yellow)),
    };
    let line1 = Line::from(vec![
        Span::styled("lucent top", Style::new().bold()),
        Span::raw(format!("  pid {} ({})  ", s.pid, s.comm)),
        status,
        Span::raw(format!("  JIT: {jit}  traces: {}{frame}", s.traces.len())),
    ]);
    let split: Vec<Span> = Kind::ALL
        .iter()
        .flat_map(|k| {
            let color = kind_color(*k);
            [
                Span::styled(format!("{} ", k.label()), Style::new().fg(color)),
                Span::raw(format!(
                    "{}   ",
                    pct(s.by_kind[*k as usize], s.total).trim()
                )),
            ]
        })
        .chain([sampling])
        .collect();
    let [text, spark] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(2)]).areas(area);
    Paragraph::new(vec![line1, Line::from(split)]).render(text, buf);
    let [label, line] =
        Layout::horizontal([Constraint::Length(14), Constraint::Min(1)]).areas(spark);
    Paragraph::new("JIT share/tick").dim().render(label, buf);
    let width = line.width as usize;
    let data: Vec<u64> = s
        .history
        .iter()
        .rev()
        .take(width)
        .rev()
        .map(|t| {
            let total: u64 = t.iter().sum();
            (100 * t[0]).checked_div(total).unwrap_or(0)
        })
        .collect();
    Sparkline::default()
        .data(&data)
        .max(100)
        .style(Style::new().fg(Color::Green))
        .render(line, buf);
}

fn kind_color(k: Kind) -> Color {
    match k {
        Kind::Jit => Color::Green,
        Kind::Interp => Color::Blue,
        Kind::Native => Color::Magenta,
    }
}

/// The trace table.
fn render_traces(app: &App, area: Rect, buf: &mut Buffer) {
    let s = &app.snapshot;
    let rows = app.visible();
    let header = Row::new(
        [
            "id",
            "name",
            "entries/s",
            "samples",
            "side exits",
            "deopts",
            "code B",
        ]
        .into_iter()
        .map(|h| Cell::from(h).bold()),
    );
    // Only the rows that fit are built (10,000 traces must not cost 70,000 cells a frame): a
    // window of the sorted rows that keeps the selection in view.
    let height = area.height.saturating_sub(3) as usize;
    let selected = app
        .selected
        .and_then(|id| rows.iter().position(|r| r.info.id == id));
    let offset = match selected {
        Some(i) if i >= height / 2 => (i - height / 2).min(rows.len().saturating_sub(height)),
        _ => 0,
    };
    let body: Vec<Row> = rows
        .iter()
        .skip(offset)
        .take(height)
        .map(|t| {
            let i = &t.info;
            let mut name = i.name.to_string();
            if let Some((p, e)) = i.parent {
                name.push_str(&format!(" (side of {p}/{e})"));
            }
            if !i.installed {
                name.push_str(" (uninstalled)");
            }
            Row::new(vec![
                Cell::from(i.id.to_string()),
                Cell::from(name),
                Cell::from(format!("{:.0}", t.entries_per_s)),
                Cell::from(pct(t.samples, s.total).trim().to_string()),
                Cell::from(i.exits_taken().to_string()),
                Cell::from(i.deopts.to_string()),
                Cell::from(i.code_len.to_string()),
            ])
        })
        .collect();
    let title = format!(
        " traces ({} of {}) sorted by {}{} ",
        rows.len(),
        s.traces.len(),
        app.sort.label(),
        if app.filter.is_empty() {
            String::new()
        } else {
            format!(", filter \"{}\"", app.filter)
        }
    );
    let table = Table::new(
        body,
        [
            Constraint::Length(5),
            Constraint::Min(20),
            Constraint::Length(10),
            Constraint::Length(8),
            Constraint::Length(10),
            Constraint::Length(7),
            Constraint::Length(7),
        ],
    )
    .header(header)
    .block(Block::default().borders(Borders::ALL).title(title))
    .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED));
    let mut state = TableState::default();
    state.select(selected.map(|i| i - offset));
    StatefulWidget::render(table, area, buf, &mut state);
}

/// Source lines with per-line sample shares (left), exits and uops or disassembly (right).
fn render_detail(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(t) = app.selected_row() else {
        Paragraph::new(
            "no trace selected (the JIT has compiled nothing yet, or the filter hides every trace)",
        )
        .block(Block::default().borders(Borders::ALL).title(" detail "))
        .render(area, buf);
        return;
    };
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    render_source(app, t, left, buf);
    let [exits, code] =
        Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(right);
    render_exits(t, exits, buf);
    render_code(app, t, code, buf);
}

fn render_source(app: &App, t: &TraceRow, area: Rect, buf: &mut Buffer) {
    let detail = app.snapshot.detail.as_ref().filter(|d| d.id == t.info.id);
    let source: &[String] = detail.map(|d| &d.source[..]).unwrap_or(&[]);
    let mut lines_of_trace: Vec<u32> = t.info.exits.iter().map(|e| e.line).collect();
    lines_of_trace.extend(t.lines.iter().map(|l| l.0));
    lines_of_trace.push(t.info.line);
    lines_of_trace.retain(|&l| l > 0);
    let lo = lines_of_trace
        .iter()
        .min()
        .copied()
        .unwrap_or(1)
        .saturating_sub(1)
        .max(1);
    let hi = lines_of_trace.iter().max().copied().unwrap_or(1) + 1;
    let trace_samples = t.samples.max(1);
    let mut out = Vec::new();
    for line in lo..=hi {
        let n = t.lines.iter().find(|l| l.0 == line).map_or(0, |l| l.1);
        let text = source
            .get(line as usize - 1)
            .map(String::as_str)
            .unwrap_or("");
        let share = if n == 0 {
            "      ".to_string()
        } else {
            pct(n, trace_samples)
        };
        let bar = "█".repeat(((n * 8) / trace_samples) as usize);
        out.push(Line::from(vec![
            Span::styled(format!("{line:>5} "), Style::new().dim()),
            Span::styled(format!("{share} {bar:<8} "), Style::new().fg(Color::Green)),
            Span::raw(text.to_string()),
        ]));
    }
    if source.is_empty() {
        out.push(Line::from(Span::styled(
            format!("(source of {} not readable)", t.info.file),
            Style::new().dim(),
        )));
    }
    let title = format!(" trace {} {} — samples per line ", t.info.id, t.info.name);
    Paragraph::new(out)
        .block(Block::default().borders(Borders::ALL).title(title))
        .render(area, buf);
}

fn render_exits(t: &TraceRow, area: Rect, buf: &mut Buffer) {
    let mut lines: Vec<Line> = t
        .info
        .exits
        .iter()
        .enumerate()
        .filter(|(_, e)| e.taken > 0 || e.side.is_some())
        .map(|(k, e)| {
            let side = e.side.map(|s| format!(" → trace {s}")).unwrap_or_default();
            Line::from(format!("#{k:<3} line {:<4} {:>10}×{side}", e.line, e.taken))
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::from(format!("{} exits, none taken", t.info.exits.len())).dim());
    }
    let title = format!(
        " exits taken ({} exits, {} deopts) ",
        t.info.exits.len(),
        t.info.deopts
    );
    Paragraph::new(lines)
        .block(Block::default().borders(Borders::ALL).title(title))
        .render(area, buf);
}

fn render_code(app: &App, t: &TraceRow, area: Rect, buf: &mut Buffer) {
    let detail = app.snapshot.detail.as_ref().filter(|d| d.id == t.info.id);
    let (title, lines) = match app.code {
        Code::Uops => (" uops (d: disassembly) ", detail.map(|d| d.uops.as_slice())),
        Code::Disasm => (
            " disassembly (u: uops) ",
            detail.map(|d| d.disasm.as_slice()),
        ),
    };
    let lines: Vec<Line> = lines
        .unwrap_or(&[])
        .iter()
        .map(|l| Line::from(l.as_str()))
        .collect();
    Paragraph::new(lines)
        .block(Block::default().borders(Borders::ALL).title(title))
        .render(area, buf);
}

/// Script functions: interpreted and JIT time.
fn render_functions(app: &App, area: Rect, buf: &mut Buffer) {
    let s = &app.snapshot;
    let header = Row::new(
        ["function (file)", "total", "JIT", "interpreter", "native"]
            .into_iter()
            .map(|h| Cell::from(h).bold()),
    );
    let rows: Vec<Row> = s
        .functions
        .iter()
        .map(|f| {
            let total: u64 = f.by_kind.iter().sum();
            Row::new(vec![
                Cell::from(f.name.clone()),
                Cell::from(pct(total, s.total)),
                Cell::from(pct(f.by_kind[0], s.total)),
                Cell::from(pct(f.by_kind[1], s.total)),
                Cell::from(pct(f.by_kind[2], s.total)),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Min(24),
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Length(12),
            Constraint::Length(8),
        ],
    )
    .header(header)
    .block(
        Block::default()
            .borders(Borders::ALL)
            .title(" script functions (share of all samples; f: traces) "),
    )
    .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED));
    let mut state = TableState::default();
    state.select((!s.functions.is_empty()).then_some(app.function_row));
    StatefulWidget::render(table, area, buf, &mut state);
}

/// Key hints, the filter prompt, or the most important problem.
fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let s = &app.snapshot;
    let line = if app.mode == Mode::Filter {
        Line::from(vec![
            Span::raw("filter: ").bold(),
            Span::raw(app.filter.clone()),
            Span::raw("▏"),
        ])
    } else if let Err(e) = &s.sampling {
        Line::from(Span::styled(e.clone(), Style::new().fg(Color::Yellow)))
    } else if let Some(n) = s.notes.last() {
        Line::from(Span::styled(n.clone(), Style::new().fg(Color::Yellow)))
    } else {
        Line::from(
            "q quit  ? help  ↑↓ select  s sort  / filter  f functions  u uops  d disassembly",
        )
        .dim()
    };
    Paragraph::new(line)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

const HELP: &[(&str, &str)] = &[
    ("q, Ctrl-C", "quit (the terminal is restored)"),
    ("?", "this help (any key closes it)"),
    ("↑ ↓ j k PgUp PgDn g G", "select a trace"),
    ("s", "sort by the next column"),
    ("/", "filter traces by name or id (Enter ends, Esc clears)"),
    ("f, Tab", "switch between traces and script functions"),
    ("u / d", "show the selected trace's uops / disassembly"),
];

fn render_help(area: Rect, buf: &mut Buffer) {
    let w = 70.min(area.width);
    let h = (HELP.len() as u16 + 8).min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    Clear.render(r, buf);
    let mut lines: Vec<Line> = HELP
        .iter()
        .map(|(k, v)| Line::from(vec![Span::raw(format!("{k:<22}")).bold(), Span::raw(*v)]))
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(
        "Columns: entries/s = entries from the interpreter per second;",
    ));
    lines.push(Line::from(
        "samples = share of all samples whose leaf is the trace's code;",
    ));
    lines.push(Line::from(
        "side exits = exits taken; deopts = returns to the interpreter.",
    ));
    Paragraph::new(lines)
        .block(Block::default().borders(Borders::ALL).title(" help "))
        .render(r, buf);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::collector::{Detail, FunctionRow, Snapshot, TraceRow};
    use crate::target::{ExitInfo, JitState, TraceInfo};
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    use std::time::Duration;

    fn trace(
        id: u32,
        name: &str,
        line: u32,
        entries: u64,
        samples: u64,
        lines: Vec<(u32, u64)>,
    ) -> TraceRow {
        TraceRow {
            info: TraceInfo {
                id,
                name: name.into(),
                file: "/scripts/hot.py".into(),
                line,
                installed: true,
                parent: None,
                code: 0x7f00_0000_0000 + u64::from(id) * 0x1000,
                code_len: 400 + id * 16,
                entries,
                deopts: entries / 2,
                exits: std::sync::Arc::from(vec![
                    ExitInfo {
                        line,
                        taken: 0,
                        side: None,
                    },
                    ExitInfo {
                        line: line + 1,
                        taken: entries,
                        side: (id == 0).then_some(1),
                    },
                ]),
                uops_addr: (0, 0),
            },
            entries_per_s: entries as f64 * 2.0,
            samples,
            lines,
        }
    }

    /// A fixed snapshot for the snapshot tests (and the App tests).
    pub(crate) fn sample_snapshot() -> Snapshot {
        Snapshot {
            pid: 4242,
            comm: "lucent".into(),
            alive: true,
            elapsed: Duration::from_millis(12_500),
            state: JitState::InTrace,
            current: Some(0),
            vm_frame: Some(crate::target::VmFrame {
                name: "py::work:hot.py:5".into(),
                line: 7,
            }),
            sampling: Ok(2),
            hz: 1000,
            notes: vec![],
            total: 1000,
            by_kind: [800, 150, 50],
            lost: 0,
            traces: vec![
                trace(
                    0,
                    "py::work:hot.py:7",
                    7,
                    400,
                    700,
                    vec![(7, 100), (8, 600)],
                ),
                trace(1, "py::main:hot.py:21", 21, 900, 100, vec![(21, 100)]),
                trace(2, "py::tally:hot.py:14", 14, 10, 0, vec![]),
            ],
            functions: vec![
                FunctionRow {
                    name: "work (hot.py)".into(),
                    by_kind: [700, 20, 10],
                },
                FunctionRow {
                    name: "tally (hot.py)".into(),
                    by_kind: [0, 120, 30],
                },
            ],
            history: (0..40).map(|i| [i * 2, 100 - i * 2, 5]).collect(),
            detail: Some(std::sync::Arc::new(Detail {
                id: 0,
                source: std::sync::Arc::from(vec![
                    "# hot".into(),
                    "".into(),
                    "".into(),
                    "".into(),
                    "def work(n):".into(),
                    "    s = 0.0".into(),
                    "    for i in range(n):".into(),
                    "        s += i * 0.5".into(),
                    "    return s".into(),
                ]),
                uops: vec![
                    "v0 = LoadSlot 1 :int".into(),
                    "v1 = AddFloat v0 v0 :float".into(),
                ],
                disasm: vec!["   0: push rbp".into(), "   1: mov rbp, rsp".into()],
            })),
        }
    }

    /// The buffer as text, one line per row (styles dropped), trailing spaces trimmed.
    fn text(app: &App, w: u16, h: u16) -> String {
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        term.draw(|f| f.render_widget(app, f.area())).expect("draw");
        let buf = term.backend().buffer();
        let mut out = String::new();
        for y in 0..h {
            let mut line = String::new();
            for x in 0..w {
                line.push_str(buf[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// Compares with `tui/tests/snapshots/NAME.txt`; `LUCENT_BLESS=1` rewrites it.
    fn golden(name: &str, actual: &str) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/snapshots")
            .join(format!("{name}.txt"));
        if std::env::var_os("LUCENT_BLESS").is_some_and(|v| v != "0") {
            std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
            std::fs::write(&path, actual).expect("bless");
            return;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "{} is missing: run with LUCENT_BLESS=1 to create it\n{actual}",
                path.display()
            )
        });
        if expected != actual {
            let mut diff = String::new();
            for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
                if e != a {
                    diff.push_str(&format!("line {}:\n- {e}\n+ {a}\n", i + 1));
                }
            }
            panic!(
                "{name} differs from {} (LUCENT_BLESS=1 to accept):\n{diff}\n--- actual\n{actual}",
                path.display()
            );
        }
    }

    fn app() -> App {
        let mut app = App::new();
        app.update(sample_snapshot());
        app
    }

    #[test]
    fn trace_view_snapshot() {
        golden("traces", &text(&app(), 110, 34));
    }

    #[test]
    fn disassembly_and_filter_snapshot() {
        let mut app = app();
        app.code = Code::Disasm;
        app.filter = "work".into();
        golden("traces_disasm_filtered", &text(&app, 110, 34));
    }

    #[test]
    fn function_view_snapshot() {
        let mut app = app();
        app.view = View::Functions;
        golden("functions", &text(&app, 100, 16));
    }

    #[test]
    fn help_and_refused_sampling_snapshot() {
        let mut app = app();
        app.help = true;
        app.snapshot.sampling = Err("sampling is off: perf_event_open was refused (Permission denied (os error 13)); kernel.perf_event_paranoid is 3.".into());
        app.snapshot.alive = false;
        golden("help_exited", &text(&app, 100, 30));
    }
}
