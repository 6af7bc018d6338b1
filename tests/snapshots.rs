//! Golden snapshots of every output: each guide of `tests/fixtures/guides/` and each hostile
//! fixture of `tests/fixtures/hostile/` that builds is built into every format by the real
//! binary, and its outputs are written as text under `tests/expected/outputs/<fixture>/`:
//!
//! - `build.txt`: the exit code, stdout and stderr of `deckbook build`;
//! - `hashes.txt`: sha256 and size of every output file and of every entry of its zips;
//! - `csv/`: both CSV files as they are;
//! - `epub.entries.txt` (every zip entry: name, sha256, size, method, time) and `epub/`: every
//!   text entry of the unzipped EPUB (binary entries, such as images, only in the listing);
//! - `apkg.entries.txt` and `apkg/`: the package's media index, and its SQLite collection as
//!   text — schema, `col` scalars, each JSON column of `col` (`models`, `decks`, `conf`,
//!   `dconf`) pretty-printed with sorted keys, the notes (every column, each field by its
//!   name, in id order), the cards, revlog and graves.
//!
//! A file of six lines or more that two or more fixtures hold byte for byte (the stylesheet,
//! the schema) is kept once under `shared/`, and each fixture's `shared.txt` says which of
//! its files it is (see [`shared`]).
//!
//! The guides of `source/` (the seed, ~160 KB; its text snapshot would be megabytes) get
//! `build.txt` and `hashes.txt` only (with the note and card counts), in both card modes.
//! A fixture deckbook refuses is listed in `refused.txt` with its exit code and stderr.
//!
//! Every build is stamped with `SOURCE_DATE_EPOCH=1767225600` (2026-01-01). A stale, missing
//! or unused expected file fails; `UPDATE_EXPECTED=1 cargo test --test snapshots` (`make
//! snapshots`) rewrites the tree.

// Test code: a failed unwrap is a failed test (the library may not unwrap).
#![allow(clippy::unwrap_used)]

mod common;

use common::{check_tree, deckbook, md_files, stem};
use rusqlite::types::Value as Sql;
use serde_json::Value as Json;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Cursor, Read};
use std::path::Path;

/// Where the snapshots live, relative to the repository root.
const EXPECTED: &str = "tests/expected/outputs";
/// The command that rewrites them.
const UPDATE: &str = "UPDATE_EXPECTED=1 cargo test --test snapshots (or `make snapshots`)";

/// How much of a build's outputs a snapshot holds.
#[derive(Clone, Copy, PartialEq)]
enum Detail {
    /// Every output as text, plus the hashes.
    Text,
    /// Only the hashes and counts (for the large seed).
    Hashes,
}

/// One build to snapshot: a guide, extra build flags, and the folder name of its snapshot.
struct Case {
    name: String,
    guide: String,
    flags: &'static [&'static str],
    detail: Detail,
}

/// Every build the snapshots cover, in a fixed order.
fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut add = |dir: &str, flags, suffix: &str, detail| {
        for path in md_files(dir) {
            let name = stem(&path);
            cases.push(Case {
                name: format!("{name}{suffix}"),
                guide: format!("{dir}/{name}.md"),
                flags,
                detail,
            });
        }
    };
    add("source", &[], "", Detail::Hashes);
    add(
        "source",
        &["--cards", "sections"],
        ".sections",
        Detail::Hashes,
    );
    add("tests/fixtures/guides", &[], "", Detail::Text);
    add("tests/fixtures/hostile", &[], "", Detail::Text);
    // The folder guides, a folder each; the one of 100-odd questions by hashes.
    let folders = "tests/fixtures/folders";
    let mut found: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(folders))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
    found.sort();
    for name in found {
        let detail = if name == "number-quiz" {
            Detail::Hashes
        } else {
            Detail::Text
        };
        cases.push(Case {
            name: format!("folder-{name}"),
            guide: format!("{folders}/{name}"),
            flags: &[],
            detail,
        });
    }
    cases
}

#[test]
fn every_output_of_every_fixture_matches_its_snapshot() {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut refused = String::new();
    let mut names = std::collections::BTreeSet::new();
    for case in cases() {
        assert!(
            names.insert(case.name.clone()),
            "two fixtures named {}",
            case.name
        );
        let out = tempfile::tempdir().unwrap();
        let out_dir = out.path().to_str().unwrap();
        // The guides are built where they are: no lock is read or written beside them (the
        // lock has its own tests, `tests/lock.rs`).
        let mut args = vec!["build", case.guide.as_str(), "-o", out_dir, "--no-lock"];
        args.extend(case.flags);
        let run = deckbook(&args);
        let report = format!(
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            run.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&run.stdout).replace(out_dir, "$OUT"),
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(!report.contains("panicked"), "{}: {report}", case.guide);
        let outputs = read_dir_sorted(out.path());
        if !run.status.success() {
            assert!(
                outputs.is_empty(),
                "{}: refused, yet wrote {outputs:?}",
                case.guide
            );
            writeln!(refused, "=== {}\n{report}", case.guide).unwrap();
            continue;
        }
        let prefix = format!("{}/", case.name);
        files.insert(format!("{prefix}build.txt"), report.into_bytes());
        for (path, bytes) in snapshot(&outputs, case.detail) {
            files.insert(format!("{prefix}{path}"), bytes);
        }
    }
    let mut files = shared(files);
    files.insert("refused.txt".into(), refused.into_bytes());
    check_tree(EXPECTED, &files, UPDATE);
}

/// How many lines a file needs before two snapshots holding it share one copy of it.
const SHARED_LINES: usize = 6;

/// The snapshot tree with every file of [`SHARED_LINES`] lines or more that two or more
/// fixtures hold byte for byte (the EPUB stylesheet, the collection's schema, the deck
/// options…) written once, as `shared/<first 12 hex digits of its sha256>-<file name>`, and
/// each fixture's `shared.txt` listing which of its files are which shared copy
/// (`epub/OEBPS/stylesheet.css = shared/…-stylesheet.css`). A change to such a file then
/// shows once in a diff, and the fixtures it differs in show in their `shared.txt`.
fn shared(files: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let mut holders: BTreeMap<&[u8], Vec<&str>> = BTreeMap::new();
    for (name, bytes) in &files {
        if bytes.iter().filter(|&&b| b == b'\n').count() >= SHARED_LINES {
            holders.entry(bytes).or_default().push(name);
        }
    }
    let mut out = BTreeMap::new();
    let mut listings: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut moved = std::collections::BTreeSet::new();
    for (bytes, names) in holders.into_iter().filter(|(_, names)| names.len() > 1) {
        let file_name = names[0].rsplit('/').next().unwrap();
        let digest = format!("{:x}", Sha256::digest(bytes));
        let copy = format!("shared/{}-{file_name}", &digest[..12]);
        for name in names {
            let (case, path) = name.split_once('/').unwrap();
            listings
                .entry(case.to_string())
                .or_default()
                .push(format!("{path} = {copy}\n"));
            moved.insert(name.to_string());
        }
        out.insert(copy, bytes.to_vec());
    }
    for (name, bytes) in files {
        if !moved.contains(&name) {
            out.insert(name, bytes);
        }
    }
    for (case, mut lines) in listings {
        lines.sort();
        out.insert(format!("{case}/shared.txt"), lines.concat().into_bytes());
    }
    out
}

/// The files of a folder (name, bytes), sorted by name.
fn read_dir_sorted(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().into_string().expect("a UTF-8 output name");
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The snapshot files of one build's outputs (relative path → bytes).
fn snapshot(outputs: &[(String, Vec<u8>)], detail: Detail) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut hashes = String::new();
    let mut counts = String::new();
    let kinds: Vec<&str> = outputs.iter().map(|(name, _)| kind(name)).collect();
    assert_eq!(kinds, ["anki.csv", "apkg", "csv", "epub"], "{outputs:?}");
    for (name, bytes) in outputs {
        hash_line(&mut hashes, bytes, name);
        match kind(name) {
            "csv" | "anki.csv" => {
                files.insert(format!("csv/{name}"), bytes.clone());
            }
            "epub" => {
                let entries = unzip(bytes);
                for entry in &entries {
                    hash_line(&mut hashes, &entry.bytes, &format!("{name}!{}", entry.name));
                    if is_text(&entry.bytes) {
                        files.insert(format!("epub/{}", entry.name), entry.bytes.clone());
                    }
                }
                files.insert("epub.entries.txt".into(), listing(&entries));
            }
            "apkg" => {
                let entries = unzip(bytes);
                for entry in &entries {
                    hash_line(&mut hashes, &entry.bytes, &format!("{name}!{}", entry.name));
                }
                files.insert("apkg.entries.txt".into(), listing(&entries));
                let find = |wanted: &str| {
                    let entry = entries.iter().find(|e| e.name == wanted);
                    &entry
                        .unwrap_or_else(|| panic!("{name} has no {wanted}"))
                        .bytes
                };
                let media: Json = serde_json::from_slice(find("media")).expect("media is JSON");
                files.insert("apkg/media.json".into(), pretty(&media));
                let collection = Collection::open(find("collection.anki2"));
                for table in ["notes", "cards"] {
                    writeln!(counts, "{table}  {}  {name}", collection.count(table)).unwrap();
                }
                files.extend(collection.dump());
            }
            other => unreachable!("{other}"),
        }
    }
    hashes.push_str(&counts);
    files.insert("hashes.txt".into(), hashes.into_bytes());
    match detail {
        Detail::Text => files,
        Detail::Hashes => files
            .into_iter()
            .filter(|(k, _)| k == "hashes.txt")
            .collect(),
    }
}

/// The kind of an output file, from its name; panics on an output nobody snapshots yet.
fn kind(name: &str) -> &'static str {
    for kind in ["anki.csv", "apkg", "csv", "epub"] {
        if name.ends_with(&format!(".{kind}")) {
            return kind;
        }
    }
    panic!("{name}: an output kind the snapshots do not know")
}

/// Appends `sha256  size  name`.
fn hash_line(out: &mut String, bytes: &[u8], name: &str) {
    let digest = Sha256::digest(bytes);
    writeln!(out, "{digest:x}  {}  {name}", bytes.len()).unwrap();
}

/// Text is UTF-8 without NUL bytes; anything else is listed, not written out.
fn is_text(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok() && !bytes.contains(&0)
}

/// One entry of a zip archive.
struct Entry {
    name: String,
    bytes: Vec<u8>,
    method: String,
    modified: String,
}

/// Every entry of a zip archive, in archive order.
fn unzip(bytes: &[u8]) -> Vec<Entry> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            Entry {
                name: file.name().to_string(),
                method: format!("{:?}", file.compression()),
                modified: file
                    .last_modified()
                    .map_or_else(|| "no time".to_string(), |t| t.to_string()),
                bytes,
            }
        })
        .collect()
}

/// `name  sha256  size  method  time`, one line per entry, in archive order.
fn listing(entries: &[Entry]) -> Vec<u8> {
    let mut out = String::new();
    for e in entries {
        let digest = Sha256::digest(&e.bytes);
        writeln!(
            out,
            "{}  {digest:x}  {}  {}  {}",
            e.name,
            e.bytes.len(),
            e.method,
            e.modified
        )
        .unwrap();
    }
    out.into_bytes()
}

/// JSON pretty-printed with every object's keys sorted, and a final newline.
fn pretty(value: &Json) -> Vec<u8> {
    fn sorted(value: &Json) -> Json {
        match value {
            Json::Object(map) => {
                let by_key: BTreeMap<&String, Json> =
                    map.iter().map(|(k, v)| (k, sorted(v))).collect();
                Json::Object(by_key.into_iter().map(|(k, v)| (k.clone(), v)).collect())
            }
            Json::Array(items) => Json::Array(items.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    let mut text = serde_json::to_string_pretty(&sorted(value)).unwrap();
    text.push('\n');
    text.into_bytes()
}

/// An Anki collection (`collection.anki2`), opened read-only from a temporary copy.
struct Collection {
    db: rusqlite::Connection,
    _dir: tempfile::TempDir,
}

impl Collection {
    fn open(bytes: &[u8]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("collection.anki2");
        std::fs::write(&path, bytes).unwrap();
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
        let db = rusqlite::Connection::open_with_flags(&path, flags).expect("an SQLite file");
        Collection { db, _dir: dir }
    }

    fn count(&self, table: &str) -> i64 {
        let sql = format!("SELECT count(*) FROM {table}");
        self.db.query_row(&sql, [], |row| row.get(0)).unwrap()
    }

    /// Every row of a query, as (column, value) pairs.
    fn rows(&self, sql: &str) -> Vec<Vec<(String, Sql)>> {
        let mut stmt = self.db.prepare(sql).unwrap();
        let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
        stmt.query_map([], |row| {
            (0..columns.len())
                .map(|i| Ok((columns[i].clone(), row.get::<_, Sql>(i)?)))
                .collect()
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    }

    /// The collection as text files (paths under `apkg/`).
    fn dump(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        let mut schema = String::new();
        let sql = "SELECT type, name, sql FROM sqlite_master ORDER BY type DESC, name";
        for row in self.rows(sql) {
            let [(_, Sql::Text(kind)), (_, Sql::Text(name)), (_, sql)] = &row[..] else {
                panic!("an unexpected schema row: {row:?}");
            };
            let sql = match sql {
                Sql::Text(sql) => sql.as_str(),
                _ => "(no SQL)",
            };
            writeln!(schema, "-- {kind} {name}\n{sql};\n").unwrap();
        }
        files.insert("apkg/schema.sql".into(), schema.into_bytes());
        let [col] = <[_; 1]>::try_from(self.rows("SELECT * FROM col")).expect("one col row");
        let mut scalars = Vec::new();
        let mut models = Json::Null;
        for (column, value) in col {
            match &value {
                Sql::Text(text) if text.starts_with('{') => {
                    let json: Json = serde_json::from_str(text).expect("col JSON");
                    files.insert(format!("apkg/{column}.json"), pretty(&json));
                    if column == "models" {
                        models = json;
                    }
                }
                _ => scalars.push((column, value)),
            }
        }
        files.insert("apkg/col.txt".into(), rows_text(&[scalars]));
        let notes = self.rows("SELECT * FROM notes ORDER BY id");
        files.insert("apkg/notes.txt".into(), notes_text(&notes, &models));
        for table in ["cards", "revlog", "graves"] {
            let rows = self.rows(&format!("SELECT * FROM {table} ORDER BY rowid"));
            files.insert(format!("apkg/{table}.txt"), rows_text(&rows));
        }
        files
    }
}

/// A value of any SQLite type as one line of text (text and blobs quoted and escaped).
fn sql_text(value: &Sql) -> String {
    match value {
        Sql::Null => "NULL".into(),
        Sql::Integer(n) => n.to_string(),
        Sql::Real(x) => format!("{x:?}"),
        Sql::Text(s) => format!("{s:?}"),
        Sql::Blob(b) => format!("blob {} bytes sha256 {:x}", b.len(), Sha256::digest(b)),
    }
}

/// Rows as `column: value` lines, one blank line between rows.
fn rows_text(rows: &[Vec<(String, Sql)>]) -> Vec<u8> {
    let mut out = format!("{} rows\n", rows.len());
    for row in rows {
        out.push('\n');
        for (column, value) in row {
            writeln!(out, "{column}: {}", sql_text(value)).unwrap();
        }
    }
    out.into_bytes()
}

/// Notes with their fields split at 0x1f and named from their note type's `flds`; every
/// field's text follows its name line verbatim, closed by an `--- end` line.
fn notes_text(notes: &[Vec<(String, Sql)>], models: &Json) -> Vec<u8> {
    let mut out = format!("{} notes\n", notes.len());
    for note in notes {
        out.push('\n');
        let mut mid = String::new();
        let mut fields = String::new();
        for (column, value) in note {
            match (column.as_str(), value) {
                ("flds", Sql::Text(text)) => fields = text.clone(),
                ("mid", Sql::Integer(id)) => {
                    mid = id.to_string();
                    writeln!(out, "mid: {id}").unwrap();
                }
                _ => writeln!(out, "{column}: {}", sql_text(value)).unwrap(),
            }
        }
        let names = field_names(models, &mid);
        for (i, field) in fields.split('\u{1f}').enumerate() {
            let name = names.get(i).map_or_else(|| format!("#{i}"), Clone::clone);
            writeln!(out, "--- field {name}\n{field}\n--- end").unwrap();
        }
    }
    out.into_bytes()
}

/// The field names of note type `mid`, in `ord` order (empty when it is not found).
fn field_names(models: &Json, mid: &str) -> Vec<String> {
    let Some(fields) = models[mid]["flds"].as_array() else {
        return Vec::new();
    };
    let mut named: Vec<(i64, String)> = fields
        .iter()
        .map(|f| {
            let ord = f["ord"].as_i64().unwrap_or(i64::MAX);
            (ord, f["name"].as_str().unwrap_or("?").to_string())
        })
        .collect();
    named.sort();
    named.into_iter().map(|(_, name)| name).collect()
}
