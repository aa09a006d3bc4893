//! Exports of an [`Aggregate`]: Firefox Profiler processed-profile JSON (with
//! `fxprof-processed-profile`), pprof (`profile.proto`, gzipped), and collapsed stacks (one
//! `frame;frame;frame count` line per stack, what `flamegraph.pl` and inferno read).

use std::io::Write;
use std::path::Path;

use fxprof_processed_profile as fx;

use crate::error::{Error, Result};
use crate::profile::{Aggregate, Frame, Kind};

/// What to write, from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Firefox,
    Pprof,
    Collapsed,
}

impl Format {
    /// `*.json` Firefox, `*.pb.gz` / `*.pprof` pprof, `*.collapsed` / `*.txt` / `*.folded`
    /// collapsed stacks.
    pub fn of(path: &Path) -> Result<Format> {
        let name = path.to_string_lossy();
        if name.ends_with(".json") {
            Ok(Format::Firefox)
        } else if name.ends_with(".pb.gz") || name.ends_with(".pprof") {
            Ok(Format::Pprof)
        } else if name.ends_with(".collapsed")
            || name.ends_with(".txt")
            || name.ends_with(".folded")
        {
            Ok(Format::Collapsed)
        } else {
            Err(Error::Format {
                path: path.to_path_buf(),
            })
        }
    }
}

/// What the exports say about the session besides the samples.
#[derive(Debug, Clone)]
pub struct Meta {
    pub pid: u32,
    pub comm: String,
    /// Sampling period in nanoseconds.
    pub period_ns: u64,
    pub duration_ns: u64,
    /// Wall-clock start, nanoseconds since the Unix epoch.
    pub start_unix_ns: u64,
}

/// Writes `agg` to `path` in the format its name says.
pub fn write(path: &Path, agg: &Aggregate, meta: &Meta) -> Result<()> {
    let bytes = match Format::of(path)? {
        Format::Firefox => firefox(agg, meta),
        Format::Pprof => pprof_gz(agg, meta),
        Format::Collapsed => collapsed(agg).into_bytes(),
    };
    std::fs::write(path, bytes).map_err(|source| Error::Io {
        what: format!("writing {}", path.display()),
        source,
    })
}

/// Collapsed stacks, heaviest first, `;`-separated outermost first.
pub fn collapsed(agg: &Aggregate) -> String {
    let mut rows: Vec<(String, u64)> = agg
        .stacks
        .iter()
        .map(|(stack, n)| {
            let labels: Vec<String> = stack.iter().map(|f| f.label().replace(';', ":")).collect();
            (labels.join(";"), *n)
        })
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows.iter().map(|(s, n)| format!("{s} {n}\n")).collect()
}

/// The Firefox Profiler's processed format: one thread per sampled thread, label frames in three
/// categories (JIT, Interpreter, Native).
pub fn firefox(agg: &Aggregate, meta: &Meta) -> Vec<u8> {
    let start =
        fx::ReferenceTimestamp::from_millis_since_unix_epoch(meta.start_unix_ns as f64 / 1e6);
    let mut p = fx::Profile::new(
        &format!("lucent top: {} ({})", meta.comm, meta.pid),
        start,
        fx::SamplingInterval::from_nanos(meta.period_ns),
    );
    let cats = [
        p.add_category("JIT", fx::CategoryColor::Green),
        p.add_category("Interpreter", fx::CategoryColor::Blue),
        p.add_category("Native", fx::CategoryColor::Orange),
    ];
    let t0 = agg.timeline.first().map_or(0, |e| e.0);
    let process = p.add_process(
        &meta.comm,
        meta.pid,
        fx::Timestamp::from_millis_since_reference(0.0),
    );
    let mut threads = std::collections::BTreeMap::new();
    for &(_, tid, _, _) in &agg.timeline {
        threads.entry(tid).or_insert(());
    }
    let mut handles = std::collections::HashMap::new();
    for (i, &tid) in threads.keys().enumerate() {
        let h = p.add_thread(
            process,
            tid,
            fx::Timestamp::from_millis_since_reference(0.0),
            i == 0,
        );
        p.set_thread_name(h, &format!("thread {tid}"));
        handles.insert(tid, h);
    }
    let mut stacks: std::collections::HashMap<(u32, usize), Option<fx::StackHandle>> =
        std::collections::HashMap::new();
    for &(time, tid, index, _) in &agg.timeline {
        let thread = handles[&tid];
        let stack = *stacks.entry((tid, index)).or_insert_with(|| {
            let frames: Vec<fx::FrameInfo> = agg.stacks[index]
                .0
                .iter()
                .map(|f| {
                    let label = p.intern_string(&f.label());
                    fx::FrameInfo {
                        frame: fx::Frame::Label(label),
                        category_pair: cats[f.kind() as usize].into(),
                        flags: if matches!(f, Frame::Trace { .. } | Frame::Script(_)) {
                            fx::FrameFlags::IS_JS
                        } else {
                            fx::FrameFlags::empty()
                        },
                    }
                })
                .collect();
            p.intern_stack_frames(thread, frames.into_iter())
        });
        p.add_sample(
            thread,
            fx::Timestamp::from_nanos_since_reference(time.saturating_sub(t0)),
            stack,
            fx::CpuDelta::from_nanos(meta.period_ns),
            1,
        );
    }
    serde_json::to_vec(&p).unwrap_or_default()
}

/// `profile.proto` (github.com/google/pprof/proto/profile.proto), the fields we write. The
/// messages are declared by hand with prost's derive: the proto is small and stable, and this
/// avoids a `protoc` build step (prost-build needs it) for nine messages.
pub mod pb {
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Profile {
        #[prost(message, repeated, tag = "1")]
        pub sample_type: Vec<ValueType>,
        #[prost(message, repeated, tag = "2")]
        pub sample: Vec<Sample>,
        #[prost(message, repeated, tag = "4")]
        pub location: Vec<Location>,
        #[prost(message, repeated, tag = "5")]
        pub function: Vec<Function>,
        #[prost(string, repeated, tag = "6")]
        pub string_table: Vec<String>,
        #[prost(int64, tag = "9")]
        pub time_nanos: i64,
        #[prost(int64, tag = "10")]
        pub duration_nanos: i64,
        #[prost(message, optional, tag = "11")]
        pub period_type: Option<ValueType>,
        #[prost(int64, tag = "12")]
        pub period: i64,
    }
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct ValueType {
        #[prost(int64, tag = "1")]
        pub r#type: i64,
        #[prost(int64, tag = "2")]
        pub unit: i64,
    }
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Sample {
        /// Leaf first.
        #[prost(uint64, repeated, tag = "1")]
        pub location_id: Vec<u64>,
        #[prost(int64, repeated, tag = "2")]
        pub value: Vec<i64>,
    }
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Location {
        #[prost(uint64, tag = "1")]
        pub id: u64,
        #[prost(message, repeated, tag = "4")]
        pub line: Vec<Line>,
    }
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Line {
        #[prost(uint64, tag = "1")]
        pub function_id: u64,
        #[prost(int64, tag = "2")]
        pub line: i64,
    }
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Function {
        #[prost(uint64, tag = "1")]
        pub id: u64,
        #[prost(int64, tag = "2")]
        pub name: i64,
        #[prost(int64, tag = "3")]
        pub system_name: i64,
        #[prost(int64, tag = "4")]
        pub filename: i64,
        #[prost(int64, tag = "5")]
        pub start_line: i64,
    }
}

/// The pprof profile (not compressed): samples and CPU time per stack; a trace frame is a
/// location whose line is the script line, in a function named after the trace.
pub fn pprof(agg: &Aggregate, meta: &Meta) -> pb::Profile {
    use std::collections::HashMap;
    let mut strings: Vec<String> = vec![String::new()];
    let mut string_ids: HashMap<String, i64> = HashMap::new();
    let mut intern = |s: &str| -> i64 {
        if let Some(&i) = string_ids.get(s) {
            return i;
        }
        strings.push(s.to_string());
        string_ids.insert(s.to_string(), strings.len() as i64 - 1);
        strings.len() as i64 - 1
    };
    let samples_t = pb::ValueType {
        r#type: intern("samples"),
        unit: intern("count"),
    };
    let cpu_t = pb::ValueType {
        r#type: intern("cpu"),
        unit: intern("nanoseconds"),
    };
    let mut functions: Vec<pb::Function> = Vec::new();
    let mut function_ids: HashMap<String, u64> = HashMap::new();
    let mut locations: Vec<pb::Location> = Vec::new();
    let mut location_ids: HashMap<Frame, u64> = HashMap::new();
    let mut samples = Vec::new();
    for (stack, n) in &agg.stacks {
        let mut ids = Vec::with_capacity(stack.len());
        for f in stack.iter().rev() {
            let id = match location_ids.get(f) {
                Some(&id) => id,
                None => {
                    let (fname, file, line) = match f {
                        Frame::Trace { id, name, line } => {
                            let file = name.rsplit(':').nth(1).unwrap_or("").to_string();
                            (format!("{name} [trace {id}]"), file, i64::from(*line))
                        }
                        Frame::Script(name) => {
                            let mut parts = name.rsplitn(3, ':');
                            let line = parts.next().and_then(|l| l.parse().ok()).unwrap_or(0);
                            let file = parts.next().unwrap_or("").to_string();
                            (name.clone(), file, line)
                        }
                        other => (other.label(), String::new(), 0),
                    };
                    let fid = match function_ids.get(&fname) {
                        Some(&fid) => fid,
                        None => {
                            let fid = functions.len() as u64 + 1;
                            let name_id = intern(&fname);
                            functions.push(pb::Function {
                                id: fid,
                                name: name_id,
                                system_name: name_id,
                                filename: intern(&file),
                                start_line: 0,
                            });
                            function_ids.insert(fname, fid);
                            fid
                        }
                    };
                    let id = locations.len() as u64 + 1;
                    locations.push(pb::Location {
                        id,
                        line: vec![pb::Line {
                            function_id: fid,
                            line,
                        }],
                    });
                    location_ids.insert(f.clone(), id);
                    id
                }
            };
            ids.push(id);
        }
        samples.push(pb::Sample {
            location_id: ids,
            value: vec![*n as i64, (*n * meta.period_ns) as i64],
        });
    }
    pb::Profile {
        sample_type: vec![samples_t, cpu_t.clone()],
        sample: samples,
        location: locations,
        function: functions,
        string_table: strings,
        time_nanos: meta.start_unix_ns as i64,
        duration_nanos: meta.duration_ns as i64,
        period_type: Some(cpu_t),
        period: meta.period_ns as i64,
    }
}

/// [`pprof`], encoded and gzipped (what `go tool pprof` reads).
pub fn pprof_gz(agg: &Aggregate, meta: &Meta) -> Vec<u8> {
    use prost::Message;
    let raw = pprof(agg, meta).encode_to_vec();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = gz.write_all(&raw);
    gz.finish().unwrap_or_default()
}

/// Samples by kind as a one-line summary.
pub fn summary(agg: &Aggregate) -> String {
    let parts: Vec<String> = Kind::ALL
        .iter()
        .map(|k| {
            let share = crate::collector::percent(agg.by_kind[*k as usize], agg.total);
            format!("{} {share:.1}%", k.label())
        })
        .collect();
    format!("{} samples: {}", agg.total, parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::attribute_frames;

    fn agg() -> Aggregate {
        let mut agg = Aggregate::default();
        let trace = Frame::Trace {
            id: 3,
            name: "py::work:hot.py:7".into(),
            line: 8,
        };
        let stacks = [
            vec![trace.clone(), Frame::Script("py::main:hot.py:19".into())],
            vec![trace, Frame::Script("py::main:hot.py:19".into())],
            vec![
                Frame::Native("lucent_vm::interp::run".into()),
                Frame::Script("py::tally:hot.py:12".into()),
            ],
        ];
        for (t, s) in stacks.into_iter().enumerate() {
            let a = attribute_frames(s, None);
            agg.add(&a, 1_000_000 * t as u64, 42);
        }
        agg
    }

    fn meta() -> Meta {
        Meta {
            pid: 42,
            comm: "lucent".into(),
            period_ns: 1_000_000,
            duration_ns: 3_000_000,
            start_unix_ns: 1_700_000_000_000_000_000,
        }
    }

    #[test]
    fn collapsed_stacks_parse_back() {
        let text = collapsed(&agg());
        let rows: Vec<(Vec<&str>, u64)> = text
            .lines()
            .map(|l| {
                let (stack, n) = l.rsplit_once(' ').expect("count");
                (stack.split(';').collect(), n.parse().expect("number"))
            })
            .collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0],
            (
                vec!["py::main:hot.py:19", "py::work:hot.py:7 [trace 3] line 8"],
                2
            )
        );
        assert_eq!(
            rows[1].0,
            vec!["py::tally:hot.py:12", "lucent_vm::interp::run"]
        );
    }

    #[test]
    fn pprof_decodes_back() {
        use prost::Message;
        let gz = pprof_gz(&agg(), &meta());
        let mut raw = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut raw)
            .expect("gunzip");
        let p = pb::Profile::decode(&raw[..]).expect("decodes");
        let s = |i: i64| p.string_table[i as usize].as_str();
        assert_eq!(s(p.sample_type[0].r#type), "samples");
        assert_eq!(s(p.sample_type[1].unit), "nanoseconds");
        assert_eq!(p.period, 1_000_000);
        let total: i64 = p.sample.iter().map(|x| x.value[0]).sum();
        assert_eq!(total, 3);
        // The heaviest stack's leaf is the trace, at script line 8 of hot.py.
        let leaf = p.sample[0].location_id[0];
        let loc = p.location.iter().find(|l| l.id == leaf).expect("location");
        let f = p
            .function
            .iter()
            .find(|f| f.id == loc.line[0].function_id)
            .expect("function");
        assert_eq!(s(f.name), "py::work:hot.py:7 [trace 3]");
        assert_eq!(s(f.filename), "hot.py");
        assert_eq!(loc.line[0].line, 8);
    }

    #[test]
    fn firefox_profile_parses_back() {
        let json: serde_json::Value =
            serde_json::from_slice(&firefox(&agg(), &meta())).expect("json");
        assert_eq!(json["meta"]["interval"], 1.0);
        let cats: Vec<&str> = json["meta"]["categories"]
            .as_array()
            .expect("categories")
            .iter()
            .filter_map(|c| c["name"].as_str())
            .collect();
        assert!(
            cats.contains(&"JIT") && cats.contains(&"Interpreter"),
            "{cats:?}"
        );
        let thread = &json["threads"][0];
        assert_eq!(thread["samples"]["length"], 3);
        let strings: Vec<&str> = thread["stringArray"]
            .as_array()
            .expect("strings")
            .iter()
            .filter_map(|s| s.as_str())
            .collect();
        assert!(
            strings.contains(&"py::work:hot.py:7 [trace 3] line 8"),
            "{strings:?}"
        );
    }

    #[test]
    fn formats_come_from_file_names() {
        assert_eq!(Format::of(Path::new("a.json")).unwrap(), Format::Firefox);
        assert_eq!(Format::of(Path::new("a.pb.gz")).unwrap(), Format::Pprof);
        assert_eq!(
            Format::of(Path::new("a.collapsed")).unwrap(),
            Format::Collapsed
        );
        assert!(Format::of(Path::new("a.bin")).is_err());
    }
}
