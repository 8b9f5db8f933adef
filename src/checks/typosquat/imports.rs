//! Import names of popular PyPI projects that differ from the project's
//! name: `sklearn` is scikit-learn, `cv2` opencv-python, `MySQLdb`
//! mysqlclient. `pip install <import name>` is a classic mistake, of people
//! and of coding agents alike, and squatters register those names.
//!
//! The table ships in the binary (`pypi-imports.tsv`: import key, TAB,
//! normalized project name; sorted). It is generated from the file lists of
//! the wheels of the most-downloaded projects by
//! `tests/tools/pypi_import_names.py` (docs/TYPOSQUAT.md, "Data"). Left
//! out: namespace folders (`google`, `azure`), names a project ships under
//! its own name (with or without a `py`/`python` affix: `dotenv` is
//! python-dotenv's), generic module names (`version`, `cli`), and bundles
//! of many modules (types-boto3-full).

use std::sync::OnceLock;

const TABLE: &str = include_str!("pypi-imports.tsv");

/// Import names shorter than this are not compared (`np`, `pd`).
pub const IMPORT_MIN: usize = 3;

/// (import key, project), sorted by key.
fn table() -> &'static [(&'static str, &'static str)] {
    static ROWS: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let mut rows: Vec<(&str, &str)> = TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(k, d)| (k.trim(), d.trim()))
            .filter(|(k, d)| !k.is_empty() && !d.is_empty())
            .collect();
        rows.sort_unstable();
        rows
    })
}

/// The projects whose import key (lower case, no delimiters) is `key`.
pub fn distributions(key: &str) -> impl Iterator<Item = &'static str> {
    let rows = table();
    let start = rows.partition_point(|(k, _)| *k < key);
    rows[start..]
        .iter()
        .take_while(move |(k, _)| *k == key)
        .map(|(_, d)| *d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_table_maps_import_names_to_projects() {
        let of = |k: &str| distributions(k).collect::<Vec<_>>();
        assert_eq!(of("sklearn"), ["scikit-learn"]);
        assert_eq!(
            of("cv2").len(),
            1,
            "one project (the most popular) per name"
        );
        assert!(of("mysqldb").contains(&"mysqlclient"));
        assert!(of("requests").is_empty(), "same as the project's own name");
        assert!(of("google").is_empty(), "a namespace many projects share");
        assert!(
            of("dotenv").is_empty(),
            "python-dotenv's own name, minus its affix"
        );
        assert!(of("version").is_empty(), "a generic module name");
        assert!(
            !of("typesboto3s3").contains(&"types-boto3-full"),
            "a bundle's modules are not its import names"
        );
        for (k, d) in table() {
            assert!(k.len() >= IMPORT_MIN, "{k}");
            assert_eq!(*d, crate::ecosystem::normalize_pypi(d), "{d} is normalized");
            assert!(!k.contains(['-', '_', '.']), "{k} is a key");
        }
    }
}
