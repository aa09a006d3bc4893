//! The TUI's state and what keys do to it. `App` owns everything the widgets draw; events (keys,
//! ticks, snapshots from the collector) arrive over one channel (`events.rs`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::collector::{Snapshot, TraceRow};

/// Which list the body shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Traces,
    Functions,
}

/// What the trace table is sorted by (descending, except id and name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Samples,
    EntriesPerS,
    Exits,
    Deopts,
    Code,
    Id,
    Name,
}

impl Sort {
    const ORDER: [Sort; 7] = [
        Sort::Samples,
        Sort::EntriesPerS,
        Sort::Exits,
        Sort::Deopts,
        Sort::Code,
        Sort::Id,
        Sort::Name,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Sort::Samples => "samples",
            Sort::EntriesPerS => "entries/s",
            Sort::Exits => "side exits",
            Sort::Deopts => "deopts",
            Sort::Code => "code bytes",
            Sort::Id => "id",
            Sort::Name => "name",
        }
    }

    fn next(self) -> Sort {
        let i = Sort::ORDER.iter().position(|&s| s == self).unwrap_or(0);
        Sort::ORDER[(i + 1) % Sort::ORDER.len()]
    }
}

/// The right half of the detail pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    Uops,
    Disasm,
}

/// Whether keys go to the lists or to the filter prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Filter,
}

/// What the App asks of the collector after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Select(Option<u32>),
}

/// The TUI's state.
#[derive(Debug)]
pub struct App {
    pub snapshot: Snapshot,
    pub view: View,
    pub sort: Sort,
    pub filter: String,
    pub mode: Mode,
    pub help: bool,
    pub code: Code,
    /// The selected trace (by id, so it stays selected as rows move).
    pub selected: Option<u32>,
    /// Row selected in the function view.
    pub function_row: usize,
    pub running: bool,
}

impl Default for App {
    fn default() -> App {
        App::new()
    }
}

impl App {
    pub fn new() -> App {
        App {
            snapshot: Snapshot::default(),
            view: View::Traces,
            sort: Sort::Samples,
            filter: String::new(),
            mode: Mode::Normal,
            help: false,
            code: Code::Uops,
            selected: None,
            function_row: 0,
            running: true,
        }
    }

    /// Takes a new snapshot; selects the first row if nothing is selected yet.
    pub fn update(&mut self, snapshot: Snapshot) -> Option<Request> {
        self.snapshot = snapshot;
        if self.selected.is_none() {
            if let Some(first) = self.visible().first() {
                self.selected = Some(first.info.id);
                return Some(Request::Select(self.selected));
            }
        }
        None
    }

    /// The trace rows that pass the filter, sorted.
    pub fn visible(&self) -> Vec<&TraceRow> {
        let needle = self.filter.to_lowercase();
        let mut rows: Vec<&TraceRow> = self
            .snapshot
            .traces
            .iter()
            .filter(|t| {
                needle.is_empty()
                    || t.info.name.to_lowercase().contains(&needle)
                    || t.info.id.to_string() == needle
            })
            .collect();
        let key = |t: &TraceRow| -> f64 {
            match self.sort {
                Sort::Samples => t.samples as f64,
                Sort::EntriesPerS => t.entries_per_s,
                Sort::Exits => t.info.exits_taken() as f64,
                Sort::Deopts => t.info.deopts as f64,
                Sort::Code => f64::from(t.info.code_len),
                Sort::Id | Sort::Name => 0.0,
            }
        };
        match self.sort {
            Sort::Id => rows.sort_unstable_by_key(|t| t.info.id),
            Sort::Name => rows.sort_unstable_by(|a, b| {
                a.info
                    .name
                    .cmp(&b.info.name)
                    .then(a.info.id.cmp(&b.info.id))
            }),
            _ => rows.sort_unstable_by(|a, b| {
                key(b)
                    .partial_cmp(&key(a))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.info.id.cmp(&b.info.id))
            }),
        }
        rows
    }

    /// The selected trace's row, if it is visible.
    pub fn selected_row(&self) -> Option<&TraceRow> {
        let id = self.selected?;
        self.snapshot.traces.iter().find(|t| t.info.id == id)
    }

    fn move_selection(&mut self, delta: isize) -> Option<Request> {
        if self.view == View::Functions {
            let n = self.snapshot.functions.len();
            if n > 0 {
                self.function_row =
                    (self.function_row as isize + delta).clamp(0, n as isize - 1) as usize;
            }
            return None;
        }
        let rows = self.visible();
        if rows.is_empty() {
            return None;
        }
        let at = self
            .selected
            .and_then(|id| rows.iter().position(|r| r.info.id == id))
            .unwrap_or(0) as isize;
        let to = (at + delta).clamp(0, rows.len() as isize - 1) as usize;
        let id = rows[to].info.id;
        if self.selected != Some(id) {
            self.selected = Some(id);
            return Some(Request::Select(Some(id)));
        }
        None
    }

    /// Handles a key; returns what the collector must do, if anything.
    pub fn on_key(&mut self, key: KeyEvent) -> Option<Request> {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.running = false;
            return None;
        }
        if self.mode == Mode::Filter {
            match key.code {
                KeyCode::Enter | KeyCode::Esc => self.mode = Mode::Normal,
                KeyCode::Backspace => {
                    self.filter.pop();
                }
                KeyCode::Char(c) => self.filter.push(c),
                _ => {}
            }
            return self.keep_selection_visible();
        }
        if self.help {
            self.help = false;
            if key.code != KeyCode::Char('q') {
                return None;
            }
        }
        match key.code {
            KeyCode::Char('q') => self.running = false,
            KeyCode::Esc => {
                self.filter.clear();
            }
            KeyCode::Char('?') | KeyCode::Char('h') => self.help = true,
            KeyCode::Char('/') => self.mode = Mode::Filter,
            KeyCode::Char('s') => self.sort = self.sort.next(),
            KeyCode::Char('f') | KeyCode::Tab => {
                self.view = match self.view {
                    View::Traces => View::Functions,
                    View::Functions => View::Traces,
                }
            }
            KeyCode::Char('u') => self.code = Code::Uops,
            KeyCode::Char('d') => self.code = Code::Disasm,
            KeyCode::Down | KeyCode::Char('j') => return self.move_selection(1),
            KeyCode::Up | KeyCode::Char('k') => return self.move_selection(-1),
            KeyCode::PageDown => return self.move_selection(10),
            KeyCode::PageUp => return self.move_selection(-10),
            KeyCode::Home | KeyCode::Char('g') => return self.move_selection(-1_000_000),
            KeyCode::End | KeyCode::Char('G') => return self.move_selection(1_000_000),
            _ => {}
        }
        None
    }

    /// After the filter changed: select the first visible row if the selected one is hidden.
    fn keep_selection_visible(&mut self) -> Option<Request> {
        let rows = self.visible();
        if self
            .selected
            .is_some_and(|id| rows.iter().any(|r| r.info.id == id))
        {
            return None;
        }
        self.selected = rows.first().map(|r| r.info.id);
        Some(Request::Select(self.selected))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::tests::sample_snapshot;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn sorting_filtering_and_selection() {
        let mut app = App::new();
        assert_eq!(
            app.update(sample_snapshot()),
            Some(Request::Select(Some(0)))
        );
        let ids = |app: &App| app.visible().iter().map(|t| t.info.id).collect::<Vec<_>>();
        assert_eq!(ids(&app), vec![0, 1, 2]);
        app.on_key(key(KeyCode::Char('s')));
        assert_eq!(app.sort, Sort::EntriesPerS);
        assert_eq!(ids(&app), vec![1, 0, 2]);
        assert_eq!(app.on_key(key(KeyCode::Up)), Some(Request::Select(Some(1))));
        assert_eq!(app.on_key(key(KeyCode::Up)), None);
        app.on_key(key(KeyCode::Char('/')));
        for c in "tally".chars() {
            app.on_key(key(KeyCode::Char(c)));
        }
        assert_eq!(ids(&app), vec![2]);
        assert_eq!(app.selected, Some(2));
        app.on_key(key(KeyCode::Enter));
        app.on_key(key(KeyCode::Esc));
        assert_eq!(ids(&app).len(), 3);
        app.on_key(key(KeyCode::Char('q')));
        assert!(!app.running);
    }

    #[test]
    fn ctrl_c_quits() {
        let mut app = App::new();
        app.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert!(!app.running);
    }
}
