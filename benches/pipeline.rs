//! Criterion benchmarks of the pipeline: parse + repair, highlighting, preparing (checks,
//! highlighting, the Anki notes), the guide's lock, each emitter and the whole build, on the seed guide and on
//! the ×10 / ×100 guides made from it (the seed's topics repeated and renumbered, the rule of
//! `bench/make_large.py`).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_main};
use deckbook::emit::{Options, Output};
use deckbook::lock::{self, Lock};
use deckbook::parse::{ParseOptions, parse};
use deckbook::prepare::{PrepareOptions, Prepared};
use deckbook::render::CodeHtml;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/source/python-interview-guide.md"
    ))
    .expect("seed guide")
}

/// The seed's topics repeated `times` times and renumbered (see `bench/make_large.py`).
fn make_large(text: &str, times: usize) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let is_topic = |l: &str| {
        l.strip_prefix("## ")
            .and_then(|r| r.split_once(". "))
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let starts: Vec<usize> = (0..lines.len()).filter(|&i| is_topic(lines[i])).collect();
    let mut out: Vec<String> = lines[..starts[0]].iter().map(|s| s.to_string()).collect();
    let mut number = 0;
    for _ in 0..times {
        for (k, &a) in starts.iter().enumerate() {
            let b = starts.get(k + 1).copied().unwrap_or(lines.len());
            number += 1;
            let rest = lines[a].split_once(". ").map_or("", |(_, r)| r);
            out.push(format!("## {number}. {rest}"));
            out.extend(lines[a + 1..b].iter().map(|s| s.to_string()));
        }
    }
    out.join("\n")
}

fn inputs() -> Vec<(&'static str, String)> {
    let seed = seed();
    vec![
        ("seed", seed.clone()),
        ("x10", make_large(&seed, 10)),
        ("x100", make_large(&seed, 100)),
    ]
}

fn bench_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    for (name, text) in inputs() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, t| {
            b.iter(|| {
                parse(
                    black_box(t.as_bytes()),
                    "guide.md",
                    0,
                    &ParseOptions::default(),
                )
                .expect("the guide parses")
            })
        });
    }
    group.finish();
}

fn bench_emit(c: &mut Criterion) {
    let options = Options::default();
    for (name, text) in inputs() {
        if name == "x10" {
            continue;
        }
        let guide = parse(text.as_bytes(), "guide.md", 0, &ParseOptions::default())
            .expect("the guide parses")
            .guide;
        let mut group = c.benchmark_group(format!("emit-{name}"));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(if name == "seed" { 5 } else { 20 }));
        group.bench_function("highlight", |b| {
            b.iter(|| CodeHtml::for_guide(black_box(&guide)))
        });
        group.bench_function("prepare", |b| {
            b.iter(|| {
                Prepared::new(
                    black_box(&guide),
                    &PrepareOptions::default(),
                    Path::new("."),
                )
            })
        });
        // What the guide's lock adds to a build with an unchanged guide: reading the lock,
        // hashing every note against it, and writing its text.
        group.bench_function("lock", |b| {
            let mut prepared = Prepared::new(&guide, &PrepareOptions::default(), Path::new("."));
            let (first, _) = lock::stamp(&mut prepared, None, &text, false);
            let written = first.to_text();
            b.iter(|| {
                let previous = Lock::parse(black_box(&written), "guide.deckbook.lock")
                    .expect("the lock parses");
                let (lock, _) = lock::stamp(&mut prepared, Some(&previous), &text, false);
                lock.to_text()
            })
        });
        for output in [Output::Apkg, Output::Epub, Output::Csv, Output::AnkiCsv] {
            // Each emitter's figure includes preparing, as a one-format build would.
            group.bench_function(format!("{output:?}").to_lowercase(), |b| {
                b.iter(|| {
                    let prepared =
                        Prepared::new(&guide, &PrepareOptions::default(), Path::new("."));
                    let mut out = Vec::new();
                    output
                        .write(&prepared, &options, &mut out)
                        .expect("the output is written");
                    out
                })
            });
        }
        group.bench_function("all-formats", |b| {
            b.iter(|| {
                let guide = parse(text.as_bytes(), "guide.md", 0, &ParseOptions::default())
                    .expect("the guide parses")
                    .guide;
                let prepared = Prepared::new(&guide, &PrepareOptions::default(), Path::new("."));
                let mut total = 0;
                for output in [Output::Apkg, Output::Epub, Output::Csv, Output::AnkiCsv] {
                    let mut out = Vec::new();
                    output
                        .write(&prepared, &options, &mut out)
                        .expect("the output is written");
                    total += out.len();
                }
                total
            })
        });
        group.finish();
    }
}

/// The benchmarks `criterion_main!` runs (the macro writes the undocumented function).
mod group {
    #![allow(missing_docs)]
    criterion::criterion_group!(benches, super::bench_parse, super::bench_emit);
}

criterion_main!(group::benches);
