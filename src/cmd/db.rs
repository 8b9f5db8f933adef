//! `ccdeps db update | import | status`.

use std::fmt::Write as _;

use anyhow::{Context as _, bail};

use super::{Exit, Globals, emit, note};
use crate::advisory::AdvisoryDb;
use crate::advisory::import::{ImportStats, Importer};
use crate::advisory::update::{self, Base, Outcome};
use crate::cli::{DbCommand, Format, ImportArgs, UpdateArgs};
use crate::ecosystem::Ecosystem;
use crate::popular;

pub fn run(g: &Globals, cmd: DbCommand) -> anyhow::Result<Exit> {
    match cmd {
        DbCommand::Update(a) => update(g, a),
        DbCommand::Import(a) => import(g, a),
        DbCommand::Status => status(g),
    }
}

fn summarize(stats: &ImportStats) -> String {
    let mut s = format!("{} stored", stats.stored());
    if stats.kept_newer > 0 {
        let _ = write!(s, ", {} older than the stored copy", stats.kept_newer);
    }
    if stats.withdrawn > 0 {
        let _ = write!(s, ", {} withdrawn", stats.withdrawn);
    }
    if stats.other_ecosystems > 0 {
        let _ = write!(
            s,
            ", {} for other ecosystems skipped",
            stats.other_ecosystems
        );
    }
    if stats.rejected > 0 {
        let _ = write!(s, ", {} rejected", stats.rejected);
    }
    s
}

fn print_reasons(stats: &ImportStats) {
    if stats.rejected == 0 {
        return;
    }
    note(&format!(
        "ccdeps: {} record(s) rejected; the first reasons:",
        stats.rejected
    ));
    for r in &stats.reasons {
        note(&format!("  {r}"));
    }
}

/// Popular-name list files among the import paths: `<ECOSYSTEM>.txt` files,
/// and those inside a folder named `popular` (the mirror layout).
fn popular_lists(
    paths: &[std::path::PathBuf],
) -> (
    Vec<(Ecosystem, std::path::PathBuf)>,
    Vec<std::path::PathBuf>,
) {
    let mut lists = Vec::new();
    let mut rest = Vec::new();
    for p in paths {
        if p.is_file()
            && let Some(eco) = popular::list_file_ecosystem(p)
        {
            lists.push((eco, p.clone()));
        } else if p.is_dir() && p.file_name().is_some_and(|n| n == "popular") {
            for eco in Ecosystem::ALL {
                let f = p.join(format!("{}.txt", eco.osv_name()));
                if f.is_file() {
                    lists.push((eco, f));
                }
            }
        } else {
            rest.push(p.clone());
        }
    }
    (lists, rest)
}

fn import(g: &Globals, a: ImportArgs) -> anyhow::Result<Exit> {
    let (lists, paths) = popular_lists(&a.paths);
    let mut installed = Vec::new();
    for (eco, path) in &lists {
        let n = popular::read_file(path)
            .and_then(|b| popular::install(&g.home, *eco, &b, &path.display().to_string()));
        match n {
            Ok(n) => installed.push((*eco, n)),
            Err(e) => {
                note(&format!("ccdeps: popular-name list not imported: {e}"));
                return Ok(Exit::ERROR);
            }
        }
    }
    for (eco, n) in &installed {
        note(&format!("ccdeps: {eco}: {n} popular names imported"));
    }
    warm_typosquat_indexes(g, installed.iter().map(|(e, _)| *e));
    if paths.is_empty() {
        return Ok(Exit::OK);
    }
    let db = AdvisoryDb::open_or_create(&g.home.db())?;
    let stats = db.write(|w| {
        let mut imp = Importer::new(w, "import");
        for p in &paths {
            imp.import_path(p)?;
        }
        Ok::<_, anyhow::Error>(imp.stats)
    });
    let stats = match stats {
        Ok(s) => s,
        Err(e) => {
            note(&format!("ccdeps: import failed, database unchanged: {e:#}"));
            return Ok(Exit::ERROR);
        }
    };
    match g.format {
        Format::Json => emit(&format!("{}\n", serde_json::to_string_pretty(&stats)?))?,
        _ => emit(&format!(
            "imported {} record(s) into {}: {}\n",
            stats.records,
            db.path().display(),
            summarize(&stats)
        ))?,
    }
    print_reasons(&stats);
    Ok(Exit::OK)
}

fn update(g: &Globals, a: UpdateArgs) -> anyhow::Result<Exit> {
    if g.offline {
        bail!(
            "`db update` needs the network; drop --offline (or use `db update --mirror DIR` with a local folder)"
        );
    }
    let ecosystems = if a.ecosystems.is_empty() {
        Ecosystem::ALL.to_vec()
    } else {
        a.ecosystems
            .iter()
            .map(|e| e.parse::<Ecosystem>())
            .collect::<Result<Vec<_>, _>>()?
    };
    let base = Base::parse(a.mirror.as_deref().unwrap_or(update::OSV_BASE));
    if let Base::Dir(d) = &base
        && !d.is_dir()
    {
        bail!(
            "mirror folder {} does not exist (expected <ECOSYSTEM>/all.zip inside)",
            d.display()
        );
    }
    let db = AdvisoryDb::open_or_create(&g.home.db())?;
    let opts = update::Options {
        base: base.clone(),
        ecosystems: ecosystems.clone(),
        http: Default::default(),
        progress: true,
    };
    let mut failed = false;
    let mut out = String::new();
    for (eco, outcome) in update::update(&db, &g.home, &opts) {
        match outcome {
            Outcome::Updated { location, stats } => {
                let _ = writeln!(out, "{eco}: {} from {location}", summarize(&stats));
                print_reasons(&stats);
            }
            Outcome::Unchanged { location } => {
                let _ = writeln!(out, "{eco}: unchanged ({location})");
            }
            Outcome::Failed { location, error } => {
                failed = true;
                note(&format!(
                    "ccdeps: {eco}: update from {location} failed, previous data kept: {error}"
                ));
            }
        }
    }
    let mut new_lists = Vec::new();
    for (eco, result) in popular::update(&g.home, &base, &ecosystems) {
        match result {
            Ok(Some(n)) => {
                let _ = writeln!(out, "{eco}: {n} popular names");
                new_lists.push(eco);
            }
            Ok(None) => {}
            Err(e) => {
                failed = true;
                note(&format!(
                    "ccdeps: {eco}: popular-name list not updated, previous list kept: {e}"
                ));
            }
        }
    }
    warm_typosquat_indexes(g, new_lists);
    emit(&out)?;
    Ok(if failed { Exit::ERROR } else { Exit::OK })
}

/// Builds the typosquat index of each new list now, so the first install
/// checked afterwards reads it from the cache instead of building it
/// (npm 48 ms, PyPI 68 ms). A failure here only defers the build.
fn warm_typosquat_indexes(g: &Globals, ecosystems: impl IntoIterator<Item = Ecosystem>) {
    let set = crate::checks::typosquat::PopularSet::from_home(&g.home);
    for eco in ecosystems {
        let _ = set.index(eco);
    }
}

fn status(g: &Globals) -> anyhow::Result<Exit> {
    let path = g.home.db();
    let db =
        AdvisoryDb::open(&path).with_context(|| "cannot read the advisory database".to_string())?;
    let (ecos, sources) = db.status()?;
    let now = jiff::Timestamp::now();
    let age = |t: &str| {
        t.parse::<jiff::Timestamp>()
            .ok()
            .map(|ts| (now.as_second() - ts.as_second()).max(0))
    };
    let popular: Vec<(Ecosystem, usize)> = Ecosystem::ALL
        .iter()
        .filter_map(|&e| popular::count(&g.home, e).map(|n| (e, n)))
        .collect();
    if g.format == Format::Json {
        let doc = serde_json::json!({
            "database": path.display().to_string(),
            "ecosystems": ecos,
            "sources": sources.iter().map(|s| serde_json::json!({
                "origin": s.origin, "ecosystem": s.ecosystem, "location": s.location,
                "updated_at": s.updated_at, "age_seconds": age(&s.updated_at), "records": s.records,
            })).collect::<Vec<_>>(),
            "popular": popular.iter().map(|(e, n)| serde_json::json!({"ecosystem": e.osv_name(), "names": n})).collect::<Vec<_>>(),
        });
        emit(&format!("{}\n", serde_json::to_string_pretty(&doc)?))?;
        return Ok(Exit::OK);
    }
    let mut out = format!("database: {}\n\n", path.display());
    let _ = writeln!(
        out,
        "{:<10} {:>9} {:>8} {:>15} {:>9}",
        "ecosystem", "records", "malware", "vulnerabilities", "packages"
    );
    for e in &ecos {
        let _ = writeln!(
            out,
            "{:<10} {:>9} {:>8} {:>15} {:>9}",
            e.ecosystem, e.records, e.malware, e.vulnerabilities, e.packages
        );
    }
    if ecos.is_empty() {
        out.push_str("(empty: run `ccdeps db update`)\n");
    }
    if !sources.is_empty() {
        out.push_str("\nsources:\n");
        for s in &sources {
            let age = age(&s.updated_at)
                .map(human_age)
                .unwrap_or_else(|| "?".into());
            let _ = writeln!(
                out,
                "  {:<14} {} ({} records, updated {} ago)",
                s.origin, s.location, s.records, age
            );
        }
    }
    for (e, n) in &popular {
        let _ = writeln!(out, "popular names: {e} {n}");
    }
    emit(&out)?;
    Ok(Exit::OK)
}

fn human_age(secs: i64) -> String {
    match secs {
        s if s < 120 => format!("{s}s"),
        s if s < 7200 => format!("{}m", s / 60),
        s if s < 172_800 => format!("{}h", s / 3600),
        s => format!("{}d", s / 86_400),
    }
}
