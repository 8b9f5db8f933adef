//! Unit tests of the typosquat check on small hand-made popular lists; the
//! measurement on real labelled squats and real lockfiles is in the corpus
//! suite (`tests/corpus/typosquat.rs`).

use super::*;
use crate::popular::parse;

/// Popular lists with `n` filler names first, so ranks are realistic.
fn list(n: usize, names: &str) -> Vec<Popular> {
    let mut text: String = (0..n).map(|i| format!("filler{i:05}x\n")).collect();
    text.push_str(names);
    parse(&text)
}

fn npm() -> PopularIndex {
    let mut l = parse(
        "lodash\nreact\nexpress\ndebug\ncross-env\n@azure/arm-network\n@angular/cli\n\
         socket.io\ntypescript\nuglify-js\ncolor-name\nfs-extra\n@types/babel__core\n\
         babel-core\nbase64-js\njquery\ntar\nmongodb\n",
    );
    // less popular names sit far down the list, as in the real one
    l.extend(
        list(11_000, "gulp-match\ndiscord.js\nora\n")
            .into_iter()
            .skip(l.len()),
    );
    for (i, p) in l.iter_mut().enumerate() {
        p.rank = i as u32;
    }
    PopularIndex::build(Ecosystem::Npm, &l)
}

fn pypi() -> PopularIndex {
    let mut l = parse(
        "boto3\t1880218825\nrequests\t1291814272\nurllib3\t1424208495\ncolorama\t386047995\n\
         requests-toolbelt\t1000\npandas\t900\naiohttp\t800\npygame\t700\npycurl\t600\n\
         html5lib\t500\npysmb\t400\nscikit-learn\t300\nmysqlclient\t200\nopencv-python\t100\npillow\t90\n",
    );
    l.extend(
        list(
            11_000,
            "python-nmap\t282432\nmitmproxy\t6664328\npysmi\t1726911\npygeos\t157583\npyheif\t1000\n\
             fairseq\t75029\n",
        )
        .into_iter()
        .skip(l.len()),
    );
    for (i, p) in l.iter_mut().enumerate() {
        p.rank = i as u32;
    }
    PopularIndex::build(Ecosystem::PyPI, &l)
}

fn reason(ix: &PopularIndex, name: &str) -> Option<(Tier, &'static str, String)> {
    judge(ix, name).map(|(t, r)| {
        let repeated = matches!(r.kind, Kind::Edit(edits::Edit::Addition { repeated: true }));
        (
            t,
            rules::reason(r.kind, repeated),
            ix.entry(r.entry).name.clone(),
        )
    })
}

#[test]
fn classic_squats_are_caught_with_their_target_and_transformation() {
    let (n, p) = (npm(), pypi());
    let strict = |ix: &PopularIndex, name: &str, why: &str, target: &str| {
        assert_eq!(
            reason(ix, name),
            Some((Tier::Strict, why, target.to_string())),
            "{name}"
        );
    };
    strict(&n, "lodahs", "transposition", "lodash");
    strict(&n, "1odash", "homoglyph", "lodash");
    strict(&n, "crossenv", "delimiter", "cross-env");
    strict(&n, "angular-cli", "scope-confusion", "@angular/cli");
    strict(&n, "@azur/arm-network", "scope-typo", "@azure/arm-network");
    strict(&n, "typescriptjs", "affix", "typescript");
    strict(&n, "epress", "omission", "express");
    strict(&p, "requestss", "repetition", "requests");
    strict(&p, "reqeusts", "transposition", "requests");
    strict(&p, "requesfs", "substitution", "requests");
    strict(&p, "nmap-python", "word-order", "python-nmap");
    strict(&p, "colourama", "addition", "colorama");
    strict(&n, "jquerz", "substitution", "jquery"); // y/z: a German keyboard
    let weak = |ix: &PopularIndex, name: &str, why: &str| {
        assert_eq!(
            reason(ix, name).map(|(t, w, _)| (t, w)),
            Some((Tier::Weak, why)),
            "{name}"
        );
    };
    weak(&n, "arm-network", "scope-confusion");
    weak(&p, "urllib", "version-affix");
    weak(&p, "botaa3", "two-edits");
    weak(&p, "mitmproxy2", "version-affix");
    weak(&p, "colorama-requests", "combination");
    weak(&n, "deezcord.js", "sound-alike");
    weak(&n, "rceat", "two-edits");
    weak(&p, "libcurl", "affix-swap");
    weak(&p, "libhtml5", "affix-swap");
    weak(&p, "aiohtttps", "two-edits");
    weak(&p, "pandar", "substitution");
    weak(&p, "pygacme", "addition");
    weak(&n, "tiar", "addition"); // a well-known three-letter name
    weak(&p, "smb", "affix-swap"); // `import smb` is pysmb's
    weak(&n, "mogobd", "two-edits"); // a letter dropped and two swapped
    weak(&p, "fairsequence", "abbreviation");
    // import names as project names: what `import PIL` suggests
    for (name, target) in [
        ("pil", "pillow"),
        ("python-mysqldb", "mysqlclient"),
        ("cv2", "opencv-python"),
    ] {
        let got = reason(&p, name);
        assert_eq!(
            got,
            Some((Tier::Weak, "import-name", target.to_string())),
            "{name}"
        );
    }
    // `sklearn` is scikit-learn's own deprecated alias (shipped allowlist).
    assert_eq!(reason(&p, "sklearn"), None);
    // …but a host's plugins are how names are legitimately joined.
    assert_eq!(reason(&p, "requests-colorama"), None);
}

#[test]
fn popular_names_and_legitimate_neighbours_stay_quiet() {
    let (n, p) = (npm(), pypi());
    for name in [
        "lodash",
        "react",
        "@angular/cli",
        "babel-core",
        "gulp-match",
    ] {
        assert_eq!(reason(&n, name), None, "{name} is itself popular");
    }
    // A scope is owned by one account: its own names are not squats.
    assert_eq!(reason(&n, "@types/babel-core"), None);
    assert_eq!(reason(&n, "@azure/arm-networks"), None);
    // Unrelated names that differ by one unlikely edit.
    assert_eq!(reason(&n, "gulp-watch"), None);
    assert_eq!(reason(&n, "base58-js"), None);
    assert_eq!(reason(&n, "ms"), None);
    // Short `py` names are judged on what follows `py`.
    assert_eq!(reason(&p, "pyheos"), None);
    assert_eq!(reason(&p, "pysma"), None);
    // Three-letter names and bare binding cores only count when well known.
    assert_eq!(reason(&n, "jora"), None);
    assert_eq!(reason(&p, "heif"), None);
    // Two slips at once only against well-known names (gulp-match is far
    // down the list); abbreviations only after a stem of 3+ letters; an
    // import name only when it is a popular project's (and not a shared
    // namespace such as `google`).
    assert_eq!(reason(&n, "lgpmatch"), None);
    assert_eq!(reason(&p, "database"), None);
    assert_eq!(reason(&p, "google"), None);
    // The shipped allowlist.
    let react = PopularIndex::build(Ecosystem::Npm, &parse("react\n"));
    assert!(relations_exist(&react, "preact"));
    assert_eq!(reason(&react, "preact"), None);
}

fn relations_exist(ix: &PopularIndex, name: &str) -> bool {
    !ix.relations(name).is_empty()
}

#[test]
fn the_check_reports_missing_lists_and_non_registry_sources_are_skipped() {
    let set = PopularSet::from_home(&crate::home::Home::new("/nonexistent/ccdeps-home"));
    let ctx = Context {
        advisories: None,
        advisories_missing: None,
        policy: None,
        now: jiff::Timestamp::UNIX_EPOCH,
        registry_checks: false,
        popular: Some(&set),
    };
    let mut sink = Sink::default();
    let pkg = Package::new(Ecosystem::Npm, "lodahs", Some("1.0.0"));
    TyposquatCheck.run(&ctx, &pkg, &mut sink);
    assert!(sink.findings.is_empty());
    assert!(
        sink.errors[0].1.contains("ccdeps db update"),
        "{:?}",
        sink.errors
    );

    let set = PopularSet::from_lists(vec![(Ecosystem::Npm, parse("lodash\n"))]);
    let ctx = Context {
        popular: Some(&set),
        ..ctx
    };
    let mut sink = Sink::default();
    TyposquatCheck.run(&ctx, &pkg, &mut sink);
    let f = &sink.findings[0];
    assert_eq!(f.code, codes::TYPOSQUAT);
    assert_eq!(f.similar_to.as_deref(), Some("lodash"));
    assert_eq!(f.reason.as_deref(), Some("transposition"));
    assert!(
        f.summary
            .starts_with("\"lodahs\" looks like a typosquat of \"lodash\"")
    );

    let mut git = pkg.clone();
    git.source = crate::package::Source::Git {
        url: "https://example.com/lodahs.git".into(),
        rev: None,
    };
    let mut sink = Sink::default();
    TyposquatCheck.run(&ctx, &git, &mut sink);
    assert!(sink.findings.is_empty() && sink.errors.is_empty());
}

#[test]
fn hostile_names_do_not_panic() {
    let (n, p) = (npm(), pypi());
    let long = "a".repeat(5000);
    for name in [
        "",
        "@",
        "@/",
        "@x/",
        "/",
        "-",
        "---",
        "0",
        "é",
        "requests\u{202e}",
        &long,
        "@types/__",
        "@types/a__",
        "js",
        "nodejs",
        "pythonpython",
    ] {
        let _ = judge(&n, name);
        let _ = judge(&p, name);
    }
}

#[test]
fn a_home_index_is_cached_on_disk_and_rebuilt_when_the_list_or_cache_changes() {
    let dir = tempfile::tempdir().expect("tmp");
    let home = crate::home::Home::new(dir.path());
    crate::home::write_atomic(&home.popular(Ecosystem::Npm), b"lodash\nreact\n").expect("list");
    let cache = home.cache("typosquat", 1).join("npm.idx");
    let first = PopularSet::from_home(&home);
    assert!(judge(first.index(Ecosystem::Npm).expect("index"), "lodahs").is_some());
    let written = std::fs::read(&cache).expect("cache written");
    // Served from the cache: same answers.
    let again = PopularSet::from_home(&home);
    assert!(judge(again.index(Ecosystem::Npm).expect("index"), "lodahs").is_some());
    // A damaged cache is rebuilt, not trusted.
    std::fs::write(&cache, &written[..written.len() / 2]).expect("damage");
    let damaged = PopularSet::from_home(&home);
    assert!(judge(damaged.index(Ecosystem::Npm).expect("index"), "lodahs").is_some());
    assert_eq!(std::fs::read(&cache).expect("rewritten"), written);
    // A new list is a new index.
    crate::home::write_atomic(&home.popular(Ecosystem::Npm), b"react\n").expect("list");
    let updated = PopularSet::from_home(&home);
    assert!(judge(updated.index(Ecosystem::Npm).expect("index"), "lodahs").is_none());
}

#[test]
fn an_established_package_is_reported_under_its_own_code() {
    let set = PopularSet::from_lists(vec![(Ecosystem::Npm, parse("lodash\n"))]);
    let now: jiff::Timestamp = "2026-12-01T00:00:00Z".parse().expect("time");
    let ctx = Context {
        advisories: None,
        advisories_missing: None,
        policy: None,
        now,
        registry_checks: true,
        popular: Some(&set),
    };
    let code = |first: &str, releases: u32| {
        let mut pkg = Package::new(Ecosystem::Npm, "lodahs", Some("1.0.0"));
        pkg.facts.history = Some(crate::package::History {
            first_published: first.parse().expect("time"),
            releases,
        });
        let mut sink = Sink::default();
        TyposquatCheck.run(&ctx, &pkg, &mut sink);
        let f = sink.findings.pop().expect("a finding");
        (f.code, f.summary)
    };
    let (c, summary) = code("2016-01-01T00:00:00Z", 12);
    assert_eq!(c, codes::TYPOSQUAT_ESTABLISHED);
    assert!(
        summary
            .ends_with("but is an established package (first published 2016-01-01, 12 releases)"),
        "{summary}"
    );
    // Two years and five releases are the bar.
    assert_eq!(
        code("2024-12-01T00:00:00Z", 12).0,
        codes::TYPOSQUAT_ESTABLISHED
    );
    assert_eq!(code("2024-12-02T00:00:00Z", 12).0, codes::TYPOSQUAT);
    assert_eq!(code("2016-01-01T00:00:00Z", 4).0, codes::TYPOSQUAT);
}
